import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';

const HealthSchema = Type.Object({
  status: Type.Union([Type.Literal('ok'), Type.Literal('degraded'), Type.Literal('unavailable')]),
  neo4j: Type.Object({
    connected: Type.Boolean(),
    version: Type.Union([Type.String(), Type.Null()]),
    edition: Type.Union([Type.String(), Type.Null()]),
    latencyMs: Type.Optional(
      Type.Number({ minimum: 0, description: 'One round trip to Neo4j, when it answered.' }),
    ),
  }),
});

/** Longer than this, and the engine counts as slow. */
const SLOW_MS = 1_000;
/** The probe gets this long, so that `/health` itself answers within 2 s. */
const PROBE_TIMEOUT_MS = 1_500;

/**
 * `GET /health`: 200 `ok` while Neo4j answers promptly; 200 `degraded` while it answers slowly or
 * not within the probe's time although the connection holds (a stalled JVM, a long pause);
 * 503 `unavailable` while it cannot be reached.
 */
const health: FastifyPluginAsyncTypebox = async (fastify) => {
  let lastKnown: { version: string; edition: string } | null = null;
  const unavailable = {
    status: 'unavailable' as const,
    neo4j: { connected: false, version: null, edition: null },
  };

  fastify.get(
    '/health',
    {
      config: { access: 'public', credentials: false },
      schema: {
        tags: ['health'],
        description:
          '`ok` when Neo4j answers within 1 s, `degraded` (still 200) when it answers slowly or not within 1.5 s while connected, `unavailable` (503) when it cannot be reached. Answers within 2 s.',
        response: { 200: HealthSchema, 503: HealthSchema },
      },
    },
    async (request, reply) => {
      if (!fastify.db.available) return reply.status(503).send(unavailable);
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<'timeout'>((done) => {
        timer = setTimeout(() => done('timeout'), PROBE_TIMEOUT_MS);
      });
      try {
        const info = await Promise.race([fastify.db.serverInfo(), timedOut]);
        if (info === 'timeout') {
          if (!fastify.db.available) return reply.status(503).send(unavailable);
          request.log.warn('health check: Neo4j did not answer in time');
          return {
            status: 'degraded' as const,
            neo4j: {
              connected: true,
              version: lastKnown?.version ?? null,
              edition: lastKnown?.edition ?? null,
            },
          };
        }
        lastKnown = { version: info.version, edition: info.edition };
        return {
          status: info.latencyMs > SLOW_MS ? ('degraded' as const) : ('ok' as const),
          neo4j: {
            connected: true,
            version: info.version,
            edition: info.edition,
            latencyMs: Math.round(info.latencyMs),
          },
        };
      } catch (error) {
        request.log.warn({ err: error }, 'health check: database unavailable');
        return reply.status(503).send(unavailable);
      } finally {
        clearTimeout(timer);
      }
    },
  );
};

export default health;
