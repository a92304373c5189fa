import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import {
  HistoryPageSchema,
  IdSchema,
  ListQuerySchema,
  RevertResultSchema,
  TimestampSchema,
} from '../../../graph-schema/index.ts';
import { AppError } from '../errors.ts';
import { errorResponses, MapParams } from './common.ts';
import { writeContext } from './write-context.ts';

/** The change history of a map, and undo: reverting one change (with the rest of its write). */
const history: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.get(
    '/maps/:mapId/history',
    {
      config: { access: 'viewer' },
      schema: {
        tags: ['history'],
        summary: 'Who changed what and when, newest first',
        params: MapParams,
        querystring: Type.Object(
          {
            entityId: Type.Optional(IdSchema),
            userId: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
            since: Type.Optional(TimestampSchema),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
            cursor: ListQuerySchema.cursor,
          },
          { additionalProperties: false },
        ),
        response: { 200: HistoryPageSchema, ...errorResponses(400, 404) },
      },
    },
    async (request) => fastify.repos.history.list(request.params.mapId, request.query),
  );

  fastify.post(
    '/maps/:mapId/history/:changeId/revert',
    {
      config: { access: 'editor' },
      schema: {
        tags: ['history'],
        summary: 'Undo a change, and the rest of the write it was part of',
        description:
          'Reverting a delete puts the element back under the same id, with the facts and links ' +
          'the delete took along. If an entity has changed since, the answer is 409 ' +
          '`changed_since`, naming the later change.',
        params: Type.Object(
          { mapId: IdSchema, changeId: IdSchema },
          { additionalProperties: false },
        ),
        response: { 200: RevertResultSchema, ...errorResponses(400, 404, 409) },
      },
    },
    async (request) => {
      const { mapId, changeId } = request.params;
      const result = await fastify.repos.history.revert(mapId, changeId, writeContext(request));
      if (!result) {
        throw new AppError(404, 'not_found', `No change with id "${changeId}" in this map.`, [
          { what: 'change', id: changeId },
        ]);
      }
      return result;
    },
  );
};

export default history;
