import type { FastifyInstance } from 'fastify';
import { Type, type TObject } from 'typebox';
import { Page } from '../../../graph-schema/index.ts';
import { errors } from '../errors.ts';
import type { Entity, ListQuery } from '../repositories/node-repository.ts';
import type { Page as PageOf } from '../repositories/pagination.ts';
import {
  EntityParams,
  errorResponses,
  IfMatchHeaders,
  MapParams,
  parseIfMatch,
  withETag,
} from './common.ts';

/** What a collection's routes need from its repository (node and fact repositories both fit). */
export interface CrudRepository {
  list(mapId: string, query: ListQuery): Promise<PageOf<Entity>>;
  get(mapId: string, id: string): Promise<Entity | null>;
  create(mapId: string, body: Record<string, unknown>): Promise<Entity>;
  update(
    mapId: string,
    id: string,
    body: Record<string, unknown>,
    ifMatch?: number,
  ): Promise<Entity | null>;
  delete(mapId: string, id: string, ifMatch?: number): Promise<boolean>;
}

export interface CrudRoutes {
  collection: string;
  noun: string;
  tag: string;
  repo: CrudRepository;
  query: TObject;
  create: TObject;
  patch: TObject;
  entity: TObject;
}

type Body = Record<string, unknown>;
type Params = { mapId: string; id: string };

/**
 * The five routes of one collection under `/maps/:mapId/<collection>`: list, create, read,
 * patch (with If-Match) and delete (with If-Match). Routes stay thin; the repository decides.
 */
export function registerCrud(fastify: FastifyInstance, routes: CrudRoutes): void {
  const { collection, noun, repo, entity } = routes;
  const base = `/maps/:mapId/${collection}`;
  const tags = [routes.tag];

  fastify.get(
    base,
    {
      schema: {
        tags,
        params: MapParams,
        querystring: routes.query,
        response: { 200: Page(entity), ...errorResponses(400, 404) },
      },
    },
    async (request) => repo.list((request.params as Params).mapId, request.query as ListQuery),
  );

  fastify.post(
    base,
    {
      schema: {
        tags,
        params: MapParams,
        body: routes.create,
        response: { 201: entity, ...errorResponses(400, 404, 409) },
      },
    },
    async (request, reply) => {
      const created = await repo.create((request.params as Params).mapId, request.body as Body);
      return reply.status(201).send(withETag(reply, created));
    },
  );

  fastify.get(
    `${base}/:id`,
    {
      schema: {
        tags,
        params: EntityParams,
        response: { 200: entity, ...errorResponses(400, 404) },
      },
    },
    async (request, reply) => {
      const { mapId, id } = request.params as Params;
      const found = await repo.get(mapId, id);
      if (!found) throw errors.notFound(noun, id);
      return withETag(reply, found);
    },
  );

  fastify.patch(
    `${base}/:id`,
    {
      schema: {
        tags,
        params: EntityParams,
        headers: IfMatchHeaders,
        body: routes.patch,
        response: { 200: entity, ...errorResponses(400, 404, 409, 412) },
      },
    },
    async (request, reply) => {
      const { mapId, id } = request.params as Params;
      const ifMatch = parseIfMatch(request.headers['if-match'] as string | undefined);
      const updated = await repo.update(mapId, id, request.body as Body, ifMatch);
      if (!updated) throw errors.notFound(noun, id);
      return withETag(reply, updated);
    },
  );

  fastify.delete(
    `${base}/:id`,
    {
      schema: {
        tags,
        params: EntityParams,
        headers: IfMatchHeaders,
        response: { 204: Type.Null(), ...errorResponses(400, 404, 412) },
      },
    },
    async (request, reply) => {
      const { mapId, id } = request.params as Params;
      const ifMatch = parseIfMatch(request.headers['if-match'] as string | undefined);
      if (!(await repo.delete(mapId, id, ifMatch))) throw errors.notFound(noun, id);
      return reply.status(204).send();
    },
  );
}
