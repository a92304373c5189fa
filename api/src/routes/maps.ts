import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import {
  ListQuerySchema,
  MapCreateSchema,
  MapPatchSchema,
  MapSchema,
  Page,
} from '../../../graph-schema/index.ts';
import { errors } from '../errors.ts';
import { errorResponses, IfMatchHeaders, MapParams, parseIfMatch, withETag } from './common.ts';

const PositionsSchema = Type.Object(
  {
    positions: Type.Record(
      Type.String({ pattern: '^[A-Za-z0-9_:-]{1,200}$' }),
      Type.Object(
        {
          x: Type.Number({ minimum: -1e7, maximum: 1e7 }),
          y: Type.Number({ minimum: -1e7, maximum: 1e7 }),
        },
        { additionalProperties: false },
      ),
      { maxProperties: 50_000 },
    ),
  },
  { additionalProperties: false },
);

/** Maps (the workspaces) and each map's shared layout. */
const maps: FastifyPluginAsyncTypebox = async (fastify) => {
  const repo = fastify.repos.maps;

  fastify.get(
    '/maps',
    {
      schema: {
        tags: ['maps'],
        querystring: Type.Object(ListQuerySchema, { additionalProperties: false }),
        response: { 200: Page(MapSchema), ...errorResponses(400) },
      },
    },
    async (request) => repo.list(request.query) as never,
  );

  fastify.post(
    '/maps',
    {
      schema: {
        tags: ['maps'],
        body: MapCreateSchema,
        response: { 201: MapSchema, ...errorResponses(400) },
      },
    },
    async (request, reply) =>
      reply.status(201).send((await repo.create(request.body as never)) as never),
  );

  fastify.get(
    '/maps/:mapId',
    {
      schema: {
        tags: ['maps'],
        params: MapParams,
        response: { 200: MapSchema, ...errorResponses(400, 404) },
      },
    },
    async (request, reply) => {
      const map = await repo.get(request.params.mapId);
      if (!map) throw errors.mapNotFound(request.params.mapId);
      return withETag(reply, map) as never;
    },
  );

  fastify.patch(
    '/maps/:mapId',
    {
      schema: {
        tags: ['maps'],
        params: MapParams,
        headers: IfMatchHeaders,
        body: MapPatchSchema,
        response: { 200: MapSchema, ...errorResponses(400, 404, 412) },
      },
    },
    async (request, reply) => {
      const ifMatch = parseIfMatch(request.headers['if-match']);
      const map = await repo.update(request.params.mapId, request.body as never, ifMatch);
      if (!map) throw errors.mapNotFound(request.params.mapId);
      return withETag(reply, map) as never;
    },
  );

  fastify.delete(
    '/maps/:mapId',
    {
      schema: {
        tags: ['maps'],
        params: MapParams,
        headers: IfMatchHeaders,
        response: { 204: Type.Null(), ...errorResponses(400, 404, 412) },
      },
    },
    async (request, reply) => {
      const ifMatch = parseIfMatch(request.headers['if-match']);
      if (!(await repo.delete(request.params.mapId, ifMatch)))
        throw errors.mapNotFound(request.params.mapId);
      return reply.status(204).send(null);
    },
  );

  fastify.get(
    '/maps/:mapId/layout',
    {
      schema: {
        tags: ['maps'],
        params: MapParams,
        response: { 200: PositionsSchema, ...errorResponses(400, 404) },
      },
    },
    async (request) => {
      const layout = await repo.getLayout(request.params.mapId);
      if (!layout) throw errors.mapNotFound(request.params.mapId);
      return layout;
    },
  );

  fastify.put(
    '/maps/:mapId/layout',
    {
      bodyLimit: 8 * 1024 * 1024,
      schema: {
        tags: ['maps'],
        params: MapParams,
        body: PositionsSchema,
        response: { 200: PositionsSchema, ...errorResponses(400, 404) },
      },
    },
    async (request) => {
      const layout = await repo.putLayout(request.params.mapId, request.body.positions);
      if (!layout) throw errors.mapNotFound(request.params.mapId);
      return layout;
    },
  );
};

export default maps;
