import { fileURLToPath } from 'node:url';
import { createServer } from 'vite';
import { loadConfig } from './config.ts';
import { connect } from './db/connect.ts';
import { Database } from './db/database.ts';
import { migrate } from './db/migrate.ts';
import { buildApp } from './app.ts';
import { isEmpty, loadDemoMap } from '../../seed/load.ts';
import { LocalEngineError } from '../../neo4j/local-engine.ts';

/**
 * `npm run dev`: the API as `npm start` runs it (local Neo4j unless NEO4J_URI, migrations, demo
 * map on an empty database) on API_PORT (default PORT + 1), and the web app from Vite's dev server
 * on PORT with hot reload, proxying `/api` and `/docs` to the API. Open http://HOST:PORT/.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const apiPort = Number(process.env.API_PORT) || config.port + 1;
  const say = (line: string) => process.stderr.write(`${line}\n`);

  const connection = await connect(config, say);
  const db = new Database(connection.settings);
  await migrate(db);
  if (config.seedDemo && (await isEmpty(db))) {
    say('Empty database: loading the Høje-Taastrup demo map…');
    await loadDemoMap(db);
  }
  // No webRoot: in development Vite serves the web app, not the API.
  const api = await buildApp({
    db,
    migrate: false,
    webRoot: '',
    logger: { level: process.env.LOG_LEVEL ?? 'warn' },
  });
  await api.listen({ port: apiPort, host: config.host });

  const target = `http://${config.host}:${apiPort}`;
  const vite = await createServer({
    configFile: fileURLToPath(new URL('../../web/vite.config.ts', import.meta.url)),
    server: {
      port: config.port,
      host: config.host,
      proxy: { '/api': target, '/docs': target },
    },
  });
  await vite.listen();

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    say(`${signal}: shutting down…`);
    await vite.close();
    await api.close();
    await db.close();
    await connection.engine?.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  say(`Samspil (dev) on http://${config.host}:${config.port}/ — API on ${target} (docs: /docs)`);
}

main().catch((error: unknown) => {
  if (error instanceof LocalEngineError) process.stderr.write(`\n${error.message}\n`);
  else
    process.stderr.write(
      `\nSamspil dev could not start: ${error instanceof Error ? error.stack : String(error)}\n`,
    );
  process.exit(1);
});
