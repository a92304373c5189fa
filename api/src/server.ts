import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.ts';
import {
  closeOnSignals,
  exitWithStartFailure,
  signInBanner,
  startDatabase,
  type Services,
} from './boot.ts';
import { pickLang } from './analysis/i18n.ts';
import { loadConfig } from './config.ts';
import { today } from './db/values.ts';
import { MapRepository } from './repositories/map-repository.ts';
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
  void warmFirstMap(app, services, say);
}

/**
 * Computes the first owner's first map's analysis ahead (`AnalysisService.warm`), in the
 * background: on a fresh engine, the first `/gaps` otherwise waits seconds for Neo4j to plan
 * its queries. A failure only costs that wait, so it is logged, not fatal.
 */
async function warmFirstMap(
  app: FastifyInstance,
  services: Services,
  say: (line: string) => void,
): Promise<void> {
  try {
    const maps = await new MapRepository(services.db).list(services.owner.user.id, { limit: 1 });
    const map = maps.items[0];
    if (!map) return;
    const started = performance.now();
    // The language a request without `lang` or `Accept-Language` gets: the default.
    await app.analysis.warm(map.id, today(), pickLang(undefined, undefined));
    say(`Analysed "${map.name}" ahead in ${Math.round(performance.now() - started)} ms.`);
  } catch (error) {
    say(`Could not analyse ahead: ${error instanceof Error ? error.message : String(error)}`);
  }
}

main().catch((error: unknown) => exitWithStartFailure('Samspil', error));
