import { LocalEngineError } from '../../neo4j/local-engine.ts';
import { isEmpty, loadDemoMap } from '../../seed/load.ts';
import type { Config } from './config.ts';
import { connect, type Connection } from './db/connect.ts';
import { Database } from './db/database.ts';
import { migrate } from './db/migrate.ts';

/** What `npm start` and `npm run dev` share: the database made ready, and a clean way down. */

export interface Services {
  connection: Connection;
  db: Database;
}

/**
 * The local Neo4j (unless NEO4J_URI), pending migrations, and the Høje-Taastrup map when the
 * database is empty and SEED_DEMO allows it.
 */
export async function startDatabase(
  config: Config,
  say: (line: string) => void,
): Promise<Services> {
  const connection = await connect(config, say);
  const db = new Database(connection.settings);
  await migrate(db);
  if (config.seedDemo && (await isEmpty(db))) {
    say('Empty database: loading the Høje-Taastrup demo map…');
    await loadDemoMap(db);
  }
  return { connection, db };
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
