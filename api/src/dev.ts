import { fileURLToPath } from 'node:url';
import { createServer } from 'vite';
import { buildApp } from './app.ts';
import { closeOnSignals, exitWithStartFailure, signInBanner, startDatabase } from './boot.ts';
import { loadConfig } from './config.ts';
import { loadDemoMap } from '../../seed/load.ts';

/**
 * `npm run dev`: the API as `npm start` runs it (local Neo4j unless NEO4J_URI, migrations, demo
 * map on an empty database) on API_PORT (default PORT + 1), and the web app from Vite's dev server
 * on PORT with hot reload, proxying `/api` and `/docs` to the API. Open http://HOST:PORT/.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const apiPort = Number(process.env.API_PORT) || config.port + 1;
  const say = (line: string) => process.stderr.write(`${line}\n`);

  const services = await startDatabase(config, say, (db, ownerId) => loadDemoMap(db, { ownerId }));
  // No webRoot: in development Vite serves the web app, not the API.
  const api = await buildApp({
    db: services.db,
    migrate: false,
    http: config.http,
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

  closeOnSignals(services, [vite, api], say);

  say(`Samspil (dev) on http://${config.host}:${config.port}/ — API on ${target} (docs: /docs)`);
  for (const line of await signInBanner(services, config)) say(line);
}

main().catch((error: unknown) => exitWithStartFailure('Samspil (dev)', error));
