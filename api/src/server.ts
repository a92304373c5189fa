import { loadConfig } from './config.ts';
import { connect } from './db/connect.ts';
import { Database } from './db/database.ts';
import { migrate } from './db/migrate.ts';
import { buildApp } from './app.ts';
import { isEmpty, loadDemoMap } from '../../seed/load.ts';
import { LocalEngineError } from '../../neo4j/local-engine.ts';

/**
 * `npm start`: the local Neo4j (unless NEO4J_URI), migrations, the demo map on an empty database,
 * then the API and web app. Ctrl-C / SIGTERM close the server, the driver and the engine in turn.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const say = (line: string) => process.stderr.write(`${line}\n`);
  const connection = await connect(config, say);
  const db = new Database(connection.settings);
  await migrate(db);
  if (config.seedDemo && (await isEmpty(db))) {
    say('Empty database: loading the Høje-Taastrup demo map…');
    await loadDemoMap(db);
  }
  const app = await buildApp({
    db,
    migrate: false,
    logger: { level: process.env.LOG_LEVEL ?? 'info' },
  });

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    say(`${signal}: shutting down…`);
    await app.close();
    await db.close();
    await connection.engine?.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  await app.listen({ port: config.port, host: config.host });
  say(`Samspil is running on http://${config.host}:${config.port}/ (API docs: /docs)`);
}

main().catch((error: unknown) => {
  if (error instanceof LocalEngineError) {
    process.stderr.write(`\n${error.message}\n`);
  } else {
    process.stderr.write(
      `\nSamspil could not start: ${error instanceof Error ? error.stack : String(error)}\n`,
    );
  }
  process.exit(1);
});
