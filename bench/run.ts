import { parseArgs } from 'node:util';
import { loadConfig } from '../api/src/config.ts';
import { connect } from '../api/src/connect.ts';
import { Database } from '../api/src/db/database.ts';
import { migrate } from '../api/src/db/migrate.ts';
import { runAnalysisBench } from './analysis.ts';
import { runLoadBench, runReadBench } from './api.ts';
import { runImportBench } from './import.ts';
import { runModelBench } from './model.ts';
import { benchCaller } from './access.ts';
import { runRecoveryBench } from './recovery.ts';
import { runWebBench } from './web.ts';
import { build } from 'vite';
import { buildApp } from '../api/src/app.ts';
import { MapRepository } from '../api/src/repositories/map-repository.ts';
import { loadDemoMap } from '../seed/load.ts';
import { DEMO_MAP_ID } from '../seed/ids.ts';

/**
 * `npm run bench [-- --only load,reads]`: every benchmark against a real Neo4j (NEO4J_URI, or
 * the local engine under DATA_DIR). Each prints medians and ratios to a baseline measured in the
 * same run, and none fails on time.
 */
const SUITES: Record<
  string,
  (options: { db: Database; log: (line: string) => void }) => Promise<void>
> = {
  load: runLoadBench,
  reads: runReadBench,
  analysis: runAnalysisBench,
  import: runImportBench,
  web: runWebSuite,
  recovery: runRecoveryBench,
  model: runModelBench,
};

/** Builds the web app, serves it with the API (the demo map present), and times it in Chromium. */
async function runWebSuite({ db, log }: { db: Database; log: (line: string) => void }) {
  await build({ configFile: 'web/vite.config.ts', logLevel: 'warn' });
  if (!(await new MapRepository(db).get(DEMO_MAP_ID))) await loadDemoMap(db);
  const app = await buildApp({ db, migrate: false });
  try {
    const baseUrl = await app.listen({ port: 0, host: '127.0.0.1' });
    await runWebBench({ baseUrl, log, db, caller: await benchCaller(db) });
  } finally {
    await app.close();
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { only: { type: 'string' } } });
  const selected = values.only ? values.only.split(',') : Object.keys(SUITES);
  const unknown = selected.filter((name) => !SUITES[name]);
  if (unknown.length)
    throw new Error(
      `unknown benchmark(s): ${unknown.join(', ')}; known: ${Object.keys(SUITES).join(', ')}`,
    );
  const log = (line: string) => process.stdout.write(`${line}\n`);
  const config = loadConfig();
  const connection = await connect(config, (line) => process.stderr.write(`${line}\n`));
  const db = new Database(connection.settings, {
    transactionTimeoutMs: config.neo4j.transactionTimeoutMs,
  });
  try {
    await migrate(db);
    log(`# Samspil benchmarks (${new Date().toISOString()}, Node ${process.version})`);
    for (const name of selected) await SUITES[name]!({ db, log });
  } finally {
    await db.close();
    await connection.engine?.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
