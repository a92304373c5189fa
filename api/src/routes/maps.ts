import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import {
  ID_PATTERN,
  ListQuerySchema,
  MapCreateSchema,
  MapPatchSchema,
  MapSchema,
  MapWithAccessSchema,
  Page,
} from '../../../graph-schema/index.ts';
import { errors } from '../errors.ts';
import { errorResponses, IfMatchHeaders, MapParams, parseIfMatch, withETag } from './common.ts';
import { IdempotencyHeaders, writeContext } from './write-context.ts';

const Coordinate = Type.Number({ minimum: -1e7, maximum: 1e7 });

/**
 * Node positions by element id; a key that is not an element id is refused, never ignored.
 * `pinned` marks a place someone chose (a dragged node), which a new layout keeps.
 */
const PositionsSchema = Type.Object(
  {
    positions: Type.Record(
      Type.String({ pattern: ID_PATTERN }),
      Type.Object(
        { x: Coordinate, y: Coordinate, pinned: Type.Optional(Type.Boolean()) },
        { additionalProperties: false },
      ),
      { maxProperties: 50_000, additionalProperties: false },
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
      config: { access: 'authenticated' },
      schema: {
        tags: ['maps'],
        summary: 'List the maps you have a role on',
        querystring: Type.Object(ListQuerySchema, { additionalProperties: false }),
        response: { 200: Page(MapWithAccessSchema), ...errorResponses(400) },
      },
    },
    async (request) => repo.list(request.auth.user!.id, request.query),
  );

  fastify.post(
    '/maps',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['maps'],
        summary: 'Create a map; you become its owner',
        headers: IdempotencyHeaders,
        body: MapCreateSchema,
        response: { 201: MapSchema, ...errorResponses(400, 422) },
      },
    },
    async (request, reply) => {
      const context = writeContext(request);
      const map = await repo.create(request.body, context, undefined, request.auth.user!.id);
      if (context.replayed) reply.header('idempotent-replayed', 'true');
      return reply.status(201).send(withETag(reply, map));
    },
  );

  fastify.get(
    '/maps/:mapId',
    {
      config: { access: 'reader' },
      schema: {
        tags: ['maps'],
        summary: 'Read a map, with your access to it',
        params: MapParams,
        response: { 200: MapWithAccessSchema, ...errorResponses(400, 404) },
      },
    },
    async (request, reply) => {
      const map = await repo.get(request.params.mapId);
      if (!map) throw errors.mapNotFound(request.params.mapId);
      return withETag(reply, { ...map, access: request.auth.role! });
    },
  );

  fastify.patch(
    '/maps/:mapId',
    {
      config: { access: 'editor' },
      schema: {
        tags: ['maps'],
        summary: 'Change a map',
        params: MapParams,
        headers: IfMatchHeaders,
        body: MapPatchSchema,
        response: { 200: MapSchema, ...errorResponses(400, 404, 412) },
      },
    },
    async (request, reply) => {
      const ifMatch = parseIfMatch(request.headers['if-match']);
      const map = await repo.update(
        request.params.mapId,
        request.body,
        writeContext(request),
        ifMatch,
      );
      return withETag(reply, map);
    },
  );

  fastify.delete(
    '/maps/:mapId',
    {
      config: { access: 'owner' },
      schema: {
        tags: ['maps'],
        summary: 'Delete a map with everything in it',
        params: MapParams,
        headers: IfMatchHeaders,
        response: { 204: Type.Null(), ...errorResponses(400, 404, 412) },
      },
    },
    async (request, reply) => {
      const ifMatch = parseIfMatch(request.headers['if-match']);
      await repo.delete(request.params.mapId, writeContext(request), ifMatch);
      return reply.status(204).send(null);
    },
  );

  fastify.get(
    '/maps/:mapId/layout',
    {
      config: { access: 'reader' },
      schema: {
        tags: ['maps'],
        summary: "The map view's shared, pinned positions",
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
      config: { access: 'editor' },
      schema: {
        tags: ['maps'],
        summary: 'Replace the shared positions (body limit 8 MB)',
        params: MapParams,
        body: PositionsSchema,
        response: { 200: PositionsSchema, ...errorResponses(400, 404) },
      },
    },
    async (request) =>
      repo.putLayout(request.params.mapId, request.body.positions, writeContext(request)),
  );
};

export default maps;
