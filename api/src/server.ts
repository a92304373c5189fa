import { buildApp } from './app.ts';
import { closeOnSignals, exitWithStartFailure, startDatabase } from './boot.ts';
import { loadConfig } from './config.ts';

/**
 * `npm start`: the local Neo4j (unless NEO4J_URI), migrations, the demo map on an empty database,
 * then the API and web app. Ctrl-C / SIGTERM close the server, the driver and the engine in turn.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const say = (line: string) => process.stderr.write(`${line}\n`);
  const services = await startDatabase(config, say);
  const app = await buildApp({
    db: services.db,
    migrate: false,
    logger: { level: process.env.LOG_LEVEL ?? 'info' },
  });
  closeOnSignals(services, [app], say);
  await app.listen({ port: config.port, host: config.host });
  say(`Samspil is running on http://${config.host}:${config.port}/ (API docs: /docs)`);
}

main().catch((error: unknown) => exitWithStartFailure('Samspil', error));
