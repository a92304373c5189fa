import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { DateSchema } from '../../../graph-schema/index.ts';
import { today } from '../db/values.ts';
import { errors } from '../errors.ts';
import { GRAPH_PARTS, toGraphElements, type GraphPart } from '../presenters/graph-elements.ts';
import { errorResponses, MapParams } from './common.ts';

const Element = Type.Object({ data: Type.Record(Type.String(), Type.Any()) });

/** `GET /maps/:mapId/graph`: the map as Cytoscape elements. */
const graph: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.get(
    '/maps/:mapId/graph',
    {
      schema: {
        tags: ['graph'],
        params: MapParams,
        querystring: Type.Object(
          {
            asOf: Type.Optional(DateSchema),
            include: Type.Optional(
              Type.String({
                pattern: `^(${GRAPH_PARTS.join('|')})(,(${GRAPH_PARTS.join('|')}))*$`,
                description: `Comma-separated parts to include: ${GRAPH_PARTS.join(', ')} (default: all)`,
              }),
            ),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({ nodes: Type.Array(Element), edges: Type.Array(Element) }),
          ...errorResponses(400, 404),
        },
      },
    },
    async (request) => {
      const { asOf, include } = request.query;
      const parts = include ? (include.split(',') as GraphPart[]) : GRAPH_PARTS;
      const snapshot = await fastify.repos.snapshots.load(request.params.mapId);
      if (!snapshot) throw errors.mapNotFound(request.params.mapId);
      return toGraphElements(snapshot, [...new Set(parts)], asOf, today());
    },
  );
};

export default graph;
