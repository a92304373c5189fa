import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyServerOptions } from 'fastify';
import type { Database } from './db/database.ts';
import errorsPlugin from './plugins/errors.ts';
import neo4jPlugin from './plugins/neo4j.ts';
import repositoriesPlugin from './plugins/repositories.ts';
import swaggerPlugin from './plugins/swagger.ts';
import { installValidators } from './plugins/validation.ts';
import analysisRoutes from './routes/analysis.ts';
import entityRoutes from './routes/entities.ts';
import factRoutes from './routes/facts.ts';
import graphRoutes from './routes/graph.ts';
import healthRoutes from './routes/health.ts';
import mapRoutes from './routes/maps.ts';

export interface AppOptions {
  db: Database;
  /** Apply pending migrations at start (default true). */
  migrate?: boolean;
  logger?: FastifyServerOptions['logger'];
  /** Folder of the built web app, served at `/` when it exists. */
  webRoot?: string;
}

const defaultWebRoot = fileURLToPath(new URL('../../web/dist/', import.meta.url));

/**
 * Builds the app and never listens (`server.ts` does). Plugins load in order: error handling,
 * validation and OpenAPI, then the database and repositories, then the routes under `/api/v1`,
 * and the web app at `/`.
 */
export async function buildApp(options: AppOptions) {
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: 1024 * 1024,
    ajv: undefined,
  });
  installValidators(app);
  await app.register(errorsPlugin);
  await app.register(swaggerPlugin);
  await app.register(neo4jPlugin, { db: options.db, migrate: options.migrate });
  await app.register(repositoriesPlugin);
  await app.register(
    async (api) => {
      await api.register(healthRoutes);
      await api.register(mapRoutes);
      await api.register(entityRoutes);
      await api.register(factRoutes);
      await api.register(graphRoutes);
      await api.register(analysisRoutes);
    },
    { prefix: '/api/v1' },
  );
  const webRoot = options.webRoot ?? defaultWebRoot;
  if (existsSync(webRoot)) {
    await app.register(fastifyStatic, { root: webRoot, wildcard: false });
  }
  return app;
}
