import { LocalEngineError } from '../../neo4j/local-engine.ts';
import { createSignInLink, ensureFirstOwner, type FirstOwner } from './auth/first-owner.ts';
import { appOrigin, type Config } from './config.ts';
import { connect, linkEngine, type Connection } from './connect.ts';
import { Database } from './db/database.ts';
import { migrate } from './db/migrate.ts';
import { MapRepository } from './repositories/map-repository.ts';

/** What `npm start` and `npm run dev` share: the database made ready, and a clean way down. */

export interface Services {
  connection: Connection;
  db: Database;
  owner: FirstOwner;
}

/**
 * Loads the demo map into an empty database, owned by `ownerId`; the entry points pass the
 * seeder's loader in.
 */
export type DemoLoader = (db: Database, ownerId: string) => Promise<unknown>;

/**
 * The local Neo4j (unless NEO4J_URI), pending migrations, map deletions an earlier process left
 * unfinished, the first owner when there is no user, and the demo map (theirs) when the database
 * holds no map and SEED_DEMO allows it. A local engine this process started is restarted when it
 * dies, and the database's breaker follows it (`linkEngine`).
 */
export async function startDatabase(
  config: Config,
  say: (line: string) => void,
  loadDemo: DemoLoader,
): Promise<Services> {
  const connection = await connect(config, say);
  const db = new Database(connection.settings, {
    transactionTimeoutMs: config.neo4j.transactionTimeoutMs,
    log: say,
  });
  linkEngine(connection, db);
  await migrate(db);
  const maps = new MapRepository(db);
  const resumed = await maps.resumeDeletions();
  if (resumed.length > 0) say(`Finished deleting ${resumed.length} map(s) left half-deleted.`);
  const owner = await ensureFirstOwner(db, config);
  if (owner.created) say(`No users yet: created the first owner, ${owner.user.email}.`);
  if (config.seedDemo && !(await maps.hasAny())) {
    say('Empty database: loading the Høje-Taastrup demo map…');
    await loadDemo(db, owner.user.id);
  }
  return { connection, db, owner };
}

/**
 * The lines of the start banner about signing in: the first owner's email, where the password
 * is, and a one-time sign-in link (15 minutes) that opens the web app signed in.
 */
export async function signInBanner(services: Services, config: Config): Promise<string[]> {
  const { user, passwordHint } = services.owner;
  const lines = [`Sign in as ${user.email}; password: ${passwordHint ?? 'as its owner set it'}.`];
  if (config.access.signInLink) {
    const link = await createSignInLink(services.db, user.id, appOrigin(config));
    lines.push(`Or open this one-time sign-in link within 15 minutes: ${link}`);
  }
  return lines;
}

/**
 * On Ctrl-C or SIGTERM, closes `servers` first (no new requests), then the driver, then the
 * local engine if this process started it, and exits.
 */
export function closeOnSignals(
  services: Services,
  servers: { close(): Promise<unknown> }[],
  say: (line: string) => void,
): void {
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    say(`${signal}: shutting down…`);
    for (const server of servers) await server.close();
    await services.db.close();
    await services.connection.engine?.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

/** A failed start: a readable sentence for a missing Java or Maven, the stack otherwise. */
export function exitWithStartFailure(what: string, error: unknown): never {
  const text =
    error instanceof LocalEngineError
      ? error.message
      : `${what} could not start: ${error instanceof Error ? error.stack : String(error)}`;
  process.stderr.write(`\n${text}\n`);
  process.exit(1);
}
