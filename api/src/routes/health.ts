import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';

const HealthSchema = Type.Object({
  status: Type.Union([Type.Literal('ok'), Type.Literal('unavailable')]),
  neo4j: Type.Object({
    connected: Type.Boolean(),
    version: Type.Union([Type.String(), Type.Null()]),
    edition: Type.Union([Type.String(), Type.Null()]),
  }),
});

/** `GET /health`: 200 while Neo4j answers, 503 while it does not. */
const health: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.get(
    '/health',
    { schema: { tags: ['health'], response: { 200: HealthSchema, 503: HealthSchema } } },
    async (request, reply) => {
      try {
        const info = await fastify.db.serverInfo();
        return { status: 'ok' as const, neo4j: { connected: true, ...info } };
      } catch (error) {
        request.log.warn({ err: error }, 'health check: database unavailable');
        return reply.status(503).send({
          status: 'unavailable' as const,
          neo4j: { connected: false, version: null, edition: null },
        });
      }
    },
  );
};

export default health;
