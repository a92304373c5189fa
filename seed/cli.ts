import { parseArgs } from 'node:util';
import { ensureFirstOwner } from '../api/src/auth/first-owner.ts';
import { loadConfig, type Config } from '../api/src/config.ts';
import { connect } from '../api/src/connect.ts';
import { Database } from '../api/src/db/database.ts';
import { migrate } from '../api/src/db/migrate.ts';
import { AccessRepository } from '../api/src/repositories/access-repository.ts';
import { BundleRepository } from '../api/src/repositories/bundle-repository.ts';
import { MemberRepository } from '../api/src/repositories/member-repository.ts';
import { systemWrite } from '../api/src/repositories/map-write.ts';
import { LocalEngineError } from '../neo4j/local-engine.ts';
import { loadDemoMap, progressPrinter } from './load.ts';
import { countRelationships, generateSyntheticBundle } from './synthetic.ts';

const USAGE = `usage:
  npm run seed [-- --owner EMAIL]                                 (re)load the Høje-Taastrup demo map
  npm run seed:synthetic -- --actors N [--seed S] [--owner EMAIL]  create a synthetic map of N actors
The map belongs to --owner (a user who exists), else to the first owner, who is created if
there is no user yet.`;

/** The owner of a seeded map: --owner's user, else the first owner (made on an empty database). */
async function ownerOf(
  db: Database,
  config: Config,
  email: string | undefined,
  say: (line: string) => void,
) {
  if (email !== undefined) {
    const user = await new AccessRepository(db).userByEmail(email);
    if (!user) {
      say(`No user with the email ${email}; leave out --owner to give the map to the first owner.`);
      process.exit(2);
    }
    return user;
  }
  const owner = await ensureFirstOwner(db, config);
  if (owner.created) {
    say(
      `No users yet: created the first owner, ${owner.user.email} (password: ${owner.passwordHint}).`,
    );
  }
  return owner.user;
}

/**
 * `npm run seed` and `npm run seed:synthetic`. Both use the same database as `npm start`
 * (NEO4J_URI, or the local engine under DATA_DIR, reused if it is already running).
 */
async function main(): Promise<void> {
  const [command, ...rest] = process.argv.slice(2);
  const say = (line: string) => process.stderr.write(`${line}\n`);
  if (command !== 'demo' && command !== 'synthetic') {
    say(USAGE);
    process.exit(2);
  }
  const { values } = parseArgs({
    args: rest,
    options: {
      actors: { type: 'string' },
      seed: { type: 'string', default: '1' },
      owner: { type: 'string' },
    },
  });
  const actors = Number(values.actors);
  const seed = Number(values.seed);
  if (
    command === 'synthetic' &&
    (!Number.isInteger(actors) || actors < 10 || !Number.isInteger(seed))
  ) {
    say(`--actors must be a whole number ≥ 10 and --seed a whole number.\n${USAGE}`);
    process.exit(2);
  }

  const config = loadConfig();
  const connection = await connect(config, say);
  const db = new Database(connection.settings, {
    transactionTimeoutMs: config.neo4j.transactionTimeoutMs,
  });
  try {
    await migrate(db);
    const owner = await ownerOf(db, config, values.owner, say);
    const started = Date.now();
    if (command === 'demo') {
      say(`Loading the Høje-Taastrup demo map for ${owner.email}…`);
      const bundle = await loadDemoMap(db, { ownerId: owner.id, onProgress: progressPrinter() });
      say(`Loaded in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      process.stdout.write(`mapId=${bundle.map.id}\n`);
    } else {
      const bundle = generateSyntheticBundle({ actors, seed });
      say(
        `Generated ${actors} actors, ${bundle.initiatives.length} initiatives and ` +
          `${countRelationships(bundle)} relationships; writing…`,
      );
      await new BundleRepository(db).import(bundle, systemWrite(), progressPrinter());
      await new MemberRepository(db).grant(bundle.map.id, owner.id, 'owner');
      say(`The map belongs to ${owner.email}.`);
      say(`Loaded in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      process.stdout.write(`mapId=${bundle.map.id}\n`);
    }
  } finally {
    await db.close();
    await connection.engine?.stop();
  }
}

main().catch((error: unknown) => {
  const text =
    error instanceof LocalEngineError
      ? error.message
      : error instanceof Error
        ? error.stack
        : String(error);
  process.stderr.write(`\n${text}\n`);
  process.exit(1);
});
