import { buildApp } from './app.ts';
import { closeOnSignals, exitWithStartFailure, signInBanner, startDatabase } from './boot.ts';
import { loadConfig } from './config.ts';
import { loadDemoMap } from '../../seed/load.ts';

/**
 * `npm start`: the local Neo4j (unless NEO4J_URI), migrations, the demo map on an empty database,
 * then the API and web app. Ctrl-C / SIGTERM close the server, the driver and the engine in turn.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const say = (line: string) => process.stderr.write(`${line}\n`);
  const services = await startDatabase(config, say, (db, ownerId) => loadDemoMap(db, { ownerId }));
  const app = await buildApp({
    db: services.db,
    migrate: false,
    http: config.http,
    publicUrl: config.access.publicUrl,
    trustProxy: config.access.trustProxy,
    logger: { level: process.env.LOG_LEVEL ?? 'info' },
  });
  closeOnSignals(services, [app], say);
  await app.listen({ port: config.port, host: config.host });
  say(`Samspil is running on http://${config.host}:${config.port}/ (API docs: /docs)`);
  for (const line of await signInBanner(services, config)) say(line);
}

main().catch((error: unknown) => exitWithStartFailure('Samspil', error));
