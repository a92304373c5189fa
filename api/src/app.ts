import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyServerOptions } from 'fastify';
import { defaultHttpConfig, type HttpConfig } from './config.ts';
import type { Database } from './db/database.ts';
import accessPlugin from './plugins/access.ts';
import errorsPlugin, { clientErrorHandler, frameworkErrors } from './plugins/errors.ts';
import neo4jPlugin from './plugins/neo4j.ts';
import repositoriesPlugin from './plugins/repositories.ts';
import analysisPlugin from './plugins/analysis.ts';
import securityPlugin from './plugins/security.ts';
import swaggerPlugin from './plugins/swagger.ts';
import { installValidators } from './plugins/validation.ts';
import analysisRoutes from './routes/analysis.ts';
import authRoutes from './routes/auth.ts';
import collectionRoutes from './routes/collections.ts';
import graphRoutes from './routes/graph.ts';
import healthRoutes from './routes/health.ts';
import historyRoutes from './routes/history.ts';
import interchangeRoutes from './routes/interchange.ts';
import mapRoutes from './routes/maps.ts';
import memberRoutes from './routes/members.ts';
import userRoutes from './routes/users.ts';

export interface AppOptions {
  db: Database;
  /** Apply pending migrations at start (default true). */
  migrate?: boolean;
  logger?: FastifyServerOptions['logger'];
  /** Folder of the built web app, served at `/` when it exists. */
  webRoot?: string;
  /** Host allow-list, timeouts and the write limit (defaults: `defaultHttpConfig`). */
  http?: Partial<HttpConfig>;
  /** The address people open (PUBLIC_URL), for the links the API hands out. */
  publicUrl?: string;
  /** Trust `X-Forwarded-*` from a proxy in front (TRUST_PROXY): https, client address. */
  trustProxy?: boolean;
}

/** Secrets in request paths (sign-in and invitation links) are cut from the request log. */
const SECRET_IN_PATH = /(\/auth\/(?:link|invitations)\/)[^/?#]+/;

/** The logger options with the request serializer that hides secrets in paths. */
function redactedLogger(logger: FastifyServerOptions['logger']): FastifyServerOptions['logger'] {
  if (!logger) return false;
  const options = logger === true ? {} : logger;
  return {
    ...options,
    serializers: {
      ...options.serializers,
      req: (request: { method: string; url: string; host?: string; ip?: string }) => ({
        method: request.method,
        url: request.url.replace(SECRET_IN_PATH, '$1[redacted]'),
        host: request.host,
        remoteAddress: request.ip,
      }),
    },
  };
}

const defaultWebRoot = fileURLToPath(new URL('../../web/dist/', import.meta.url));

/**
 * Builds the app and never listens (`server.ts` does). Plugins load in order: security (headers,
 * host allow-list, rate limit), error handling, validation and OpenAPI, then the database and
 * repositories, then the routes under `/api/v1`, and the web app at `/`.
 */
export async function buildApp(options: AppOptions) {
  const http = { ...defaultHttpConfig, ...options.http };
  const app = Fastify({
    logger: redactedLogger(options.logger),
    bodyLimit: 1024 * 1024,
    // Starting checks the database and applies migrations; on a new store of a busy machine, or
    // a distant server, that takes longer than Fastify's default of 10 s.
    pluginTimeout: 120_000,
    requestTimeout: http.requestTimeoutMs,
    connectionTimeout: http.connectionTimeoutMs,
    keepAliveTimeout: http.keepAliveTimeoutMs,
    http: {
      // Node checks the request timeout only this often (30 s by default), so a short timeout
      // needs a shorter interval to take effect on time.
      connectionsCheckingInterval: Math.min(1000, Math.max(50, http.requestTimeoutMs / 4)),
      headersTimeout: Math.min(60_000, http.requestTimeoutMs),
      requestTimeout: http.requestTimeoutMs,
    },
    clientErrorHandler,
    frameworkErrors,
    trustProxy: options.trustProxy ?? false,
  });
  // The API speaks JSON only; a text body gets 415 instead of a confusing validation error.
  app.removeContentTypeParser('text/plain');
  installValidators(app);
  // Security first, so that its hooks (headers, host allow-list) run before any other answer.
  await app.register(securityPlugin, {
    allowedHosts: http.allowedHosts,
    writesPerMinute: http.writesPerMinute,
  });
  const webRoot = options.webRoot ?? defaultWebRoot;
  const index = webRoot ? join(webRoot, 'index.html') : '';
  const appShell = index && existsSync(index) ? readFileSync(index, 'utf8') : undefined;
  await app.register(errorsPlugin, { appShell });
  // Before every route, so its hooks see them all; it reads the repositories per request.
  await app.register(accessPlugin, { publicUrl: options.publicUrl });
  await app.register(swaggerPlugin);
  await app.register(neo4jPlugin, { db: options.db, migrate: options.migrate });
  await app.register(repositoriesPlugin);
  await app.register(analysisPlugin);
  await app.register(
    async (api) => {
      await api.register(healthRoutes);
      await api.register(mapRoutes);
      await api.register(collectionRoutes);
      await api.register(graphRoutes);
      await api.register(analysisRoutes);
      await api.register(historyRoutes);
      await api.register(interchangeRoutes);
      await api.register(authRoutes);
      await api.register(memberRoutes, { publicUrl: options.publicUrl });
      await api.register(userRoutes, { publicUrl: options.publicUrl });
    },
    { prefix: '/api/v1' },
  );
  if (webRoot && existsSync(webRoot)) {
    // The web app's files are public: it signs in through the API.
    await app.register(async (web) => {
      web.addHook('onRoute', (route) => {
        route.config = { ...route.config, access: 'public', credentials: false };
      });
      await web.register(fastifyStatic, { root: webRoot, wildcard: false });
    });
  }
  return app;
}
