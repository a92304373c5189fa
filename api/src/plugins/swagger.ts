import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fp from 'fastify-plugin';

/** OpenAPI generated from the routes' TypeBox schemas, browsable at `/docs`. */
export default fp(
  async (fastify) => {
    await fastify.register(swagger, {
      openapi: {
        info: {
          title: 'Samspil API',
          description:
            'Stakeholder and alliance mapping: maps, actors, initiatives, plans, goals, areas, forums and the facts between them.',
          version: '1',
        },
        tags: [
          { name: 'health' },
          { name: 'maps' },
          { name: 'entities', description: 'Actors, initiatives, plans, goals, areas, forums' },
          { name: 'facts', description: 'Commitments, collaborations, memberships, stances' },
          { name: 'graph' },
          { name: 'analysis' },
        ],
      },
    });
    await fastify.register(swaggerUi, { routePrefix: '/docs' });
  },
  { name: 'swagger' },
);
