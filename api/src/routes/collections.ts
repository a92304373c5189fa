import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import { Type } from 'typebox';
import {
  FACT_MODELS,
  filterSchemas,
  ListQuerySchema,
  NODE_MODELS,
  Page,
  type FactModel,
  type NodeModel,
} from '../../../graph-schema/index.ts';
import { errors } from '../errors.ts';
import type { ListQuery } from '../repositories/node-repository.ts';
import type { Page as PageOf } from '../repositories/pagination.ts';
import type { Row } from '../repositories/reads.ts';
import type { WriteContext } from '../repositories/map-write.ts';
import {
  EntityParams,
  errorResponses,
  IfMatchHeaders,
  MapParams,
  parseIfMatch,
  withETag,
} from './common.ts';
import { IdempotencyHeaders, writeContext } from './write-context.ts';

/** What a collection's routes need from its repository (node and fact repositories both fit). */
interface CrudRepository {
  list(mapId: string, query: ListQuery): Promise<PageOf<Row>>;
  get(mapId: string, id: string): Promise<Row | null>;
  create(mapId: string, body: Row, context: WriteContext): Promise<Row>;
  update(
    mapId: string,
    id: string,
    body: Row,
    context: WriteContext,
    ifMatch?: number,
  ): Promise<Row | null>;
  delete(mapId: string, id: string, context: WriteContext, ifMatch?: number): Promise<boolean>;
}

type Params = { mapId: string; id: string };

/**
 * The five routes of one collection under `/maps/:mapId/<collection>`, all derived from its
 * model: list (with the model's filters), create, read, patch and delete (both with If-Match).
 * Routes stay thin; the repository decides.
 */
function registerCrud(
  fastify: FastifyInstance,
  model: NodeModel | FactModel,
  repo: CrudRepository,
  tag: 'entities' | 'facts',
): void {
  const base = `/maps/:mapId/${model.collection}`;
  const tags = [tag];
  const { create, patch, entity } = model.schemas;
  // Facts are not searched by name; their lists filter by their ends instead.
  const search =
    tag === 'entities'
      ? ListQuerySchema
      : { limit: ListQuerySchema.limit, cursor: ListQuerySchema.cursor };
  const query = Type.Object(
    { ...search, ...filterSchemas(model) },
    { additionalProperties: false },
  );

  fastify.get(
    base,
    {
      config: { access: 'reader' },
      schema: {
        tags,
        summary: `List ${model.collection}`,
        params: MapParams,
        querystring: query,
        response: { 200: Page(entity), ...errorResponses(400, 404) },
      },
    },
    async (request) => repo.list((request.params as Params).mapId, request.query as ListQuery),
  );

  fastify.post(
    base,
    {
      config: { access: 'editor' },
      schema: {
        tags,
        summary: `Create a ${model.kind}`,
        params: MapParams,
        headers: IdempotencyHeaders,
        body: create,
        response: { 201: entity, ...errorResponses(400, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      const context = writeContext(request);
      const created = await repo.create(
        (request.params as Params).mapId,
        request.body as Row,
        context,
      );
      if (context.replayed) reply.header('idempotent-replayed', 'true');
      return reply.status(201).send(withETag(reply, created));
    },
  );

  fastify.get(
    `${base}/:id`,
    {
      config: { access: 'reader' },
      schema: {
        tags,
        summary: `Read a ${model.kind}`,
        params: EntityParams,
        response: { 200: entity, ...errorResponses(400, 404) },
      },
    },
    async (request, reply) => {
      const { mapId, id } = request.params as Params;
      const found = await repo.get(mapId, id);
      if (!found) throw errors.notFound(model.kind, id);
      return withETag(reply, found);
    },
  );

  fastify.patch(
    `${base}/:id`,
    {
      config: { access: 'editor' },
      schema: {
        tags,
        summary: `Change a ${model.kind}`,
        params: EntityParams,
        headers: IfMatchHeaders,
        body: patch,
        response: { 200: entity, ...errorResponses(400, 404, 409, 412) },
      },
    },
    async (request, reply) => {
      const { mapId, id } = request.params as Params;
      const ifMatch = parseIfMatch(request.headers['if-match'] as string | undefined);
      const updated = await repo.update(
        mapId,
        id,
        request.body as Row,
        writeContext(request),
        ifMatch,
      );
      if (!updated) throw errors.notFound(model.kind, id);
      return withETag(reply, updated);
    },
  );

  fastify.delete(
    `${base}/:id`,
    {
      config: { access: 'editor' },
      schema: {
        tags,
        summary: `Delete a ${model.kind}`,
        params: EntityParams,
        headers: IfMatchHeaders,
        response: { 204: Type.Null(), ...errorResponses(400, 404, 412) },
      },
    },
    async (request, reply) => {
      const { mapId, id } = request.params as Params;
      const ifMatch = parseIfMatch(request.headers['if-match'] as string | undefined);
      if (!(await repo.delete(mapId, id, writeContext(request), ifMatch))) {
        throw errors.notFound(model.kind, id);
      }
      return reply.status(204).send();
    },
  );
}

/** CRUD for every node and fact collection of a map, each from its model. */
const collections: FastifyPluginAsync = async (fastify) => {
  const nodes = fastify.repos.nodes as unknown as Record<string, CrudRepository>;
  const facts = fastify.repos.facts as unknown as Record<string, CrudRepository>;
  for (const model of NODE_MODELS)
    registerCrud(fastify, model, nodes[model.collection]!, 'entities');
  for (const model of FACT_MODELS) registerCrud(fastify, model, facts[model.collection]!, 'facts');
};

export default collections;
