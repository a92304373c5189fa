import { parseArgs } from 'node:util';
import { loadConfig } from '../api/src/config.ts';
import { connect } from '../api/src/db/connect.ts';
import { Database } from '../api/src/db/database.ts';
import { migrate } from '../api/src/db/migrate.ts';
import { BundleRepository } from '../api/src/repositories/bundle-repository.ts';
import { LocalEngineError } from '../neo4j/local-engine.ts';
import { loadDemoMap, progressPrinter } from './load.ts';
import { countRelationships, generateSyntheticBundle } from './synthetic.ts';

const USAGE = `usage:
  npm run seed                                     (re)load the Høje-Taastrup demo map
  npm run seed:synthetic -- --actors N [--seed S]  create a new synthetic map of N actors`;

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
    options: { actors: { type: 'string' }, seed: { type: 'string', default: '1' } },
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

  const connection = await connect(loadConfig(), say);
  const db = new Database(connection.settings);
  try {
    await migrate(db);
    const started = Date.now();
    if (command === 'demo') {
      say('Loading the Høje-Taastrup demo map…');
      const bundle = await loadDemoMap(db, { onProgress: progressPrinter() });
      say(`Loaded in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      process.stdout.write(`mapId=${bundle.map.id}\n`);
    } else {
      const bundle = generateSyntheticBundle({ actors, seed });
      say(
        `Generated ${actors} actors, ${bundle.initiatives.length} initiatives and ` +
          `${countRelationships(bundle)} relationships; writing…`,
      );
      await new BundleRepository(db).import(bundle, progressPrinter());
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
