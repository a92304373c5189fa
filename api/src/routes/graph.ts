import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import {
  DateSchema,
  GRAPH_PARTS,
  GraphResponseSchema,
  type GraphPart,
} from '../../../graph-schema/index.ts';
import { today } from '../db/values.ts';
import { errors } from '../errors.ts';
import { toGraphElements } from '../presenters/graph-elements.ts';
import { errorResponses, MapParams, sendJson } from './common.ts';

const parts = GRAPH_PARTS.join('|');

/**
 * `GET /maps/:mapId/graph`: the map as Cytoscape elements. Every page load asks for it, so the
 * answer is kept per map revision with the analysis answers, and sent as the text kept (the
 * response schema is the contract; tests/analysis/contract.test.ts checks real answers).
 */
const graph: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.get(
    '/maps/:mapId/graph',
    {
      config: { access: 'reader' },
      schema: {
        tags: ['graph'],
        summary: 'The map as Cytoscape elements',
        params: MapParams,
        querystring: Type.Object(
          {
            asOf: Type.Optional(DateSchema),
            include: Type.Optional(
              Type.String({
                pattern: `^(${parts})(,(${parts}))*$`,
                description: `Comma-separated parts to include: ${GRAPH_PARTS.join(', ')} (default: all)`,
              }),
            ),
          },
          { additionalProperties: false },
        ),
        response: { 200: GraphResponseSchema, ...errorResponses(400, 404) },
      },
    },
    async (request, reply) => {
      const { mapId } = request.params;
      const { asOf, include } = request.query;
      const wanted = [...new Set(include ? (include.split(',') as GraphPart[]) : GRAPH_PARTS)];
      // Without asOf every fact is drawn, each marked valid or not today: today is in the key.
      const day = today();
      const scope = await fastify.analysis.scope(mapId, asOf ?? day);
      if (!scope) throw errors.mapNotFound(mapId);
      const text = await fastify.analysis.answer(
        scope,
        ['graph', asOf ? 'at' : 'all', day, wanted.join(',')],
        async () =>
          JSON.stringify(
            toGraphElements(await fastify.repos.snapshots.load(mapId), wanted, asOf, day),
          ),
      );
      return sendJson(reply, text);
    },
  );
};

export default graph;
