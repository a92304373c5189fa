import type { FastifyPluginAsync } from 'fastify';
import { Type, type TObject, type TSchema } from 'typebox';
import {
  ActorCreateSchema,
  ActorPatchSchema,
  ActorSchema,
  AreaCreateSchema,
  AreaPatchSchema,
  AreaSchema,
  FORUM_KINDS,
  ForumCreateSchema,
  ForumPatchSchema,
  ForumSchema,
  GoalCreateSchema,
  GoalPatchSchema,
  GoalSchema,
  IdSchema,
  InitiativeCreateSchema,
  InitiativePatchSchema,
  InitiativeSchema,
  ListQuerySchema,
  PlanCreateSchema,
  PlanPatchSchema,
  PlanSchema,
  SECTORS,
  STATUSES,
  StringEnum,
} from '../../../graph-schema/index.ts';
import {
  ACTOR,
  AREA,
  FORUM,
  GOAL,
  INITIATIVE,
  PLAN,
  type NodeDef,
} from '../repositories/definitions.ts';
import { registerCrud } from './crud.ts';

interface NodeRoutes {
  def: NodeDef;
  create: TObject;
  patch: TObject;
  entity: TObject;
  filters: Record<string, TSchema>;
}

const optional = <T extends TSchema>(schema: T) => Type.Optional(schema);

const ROUTES: NodeRoutes[] = [
  {
    def: ACTOR,
    create: ActorCreateSchema,
    patch: ActorPatchSchema,
    entity: ActorSchema,
    filters: {
      sector: optional(StringEnum(SECTORS)),
      tag: optional(Type.String({ minLength: 1, maxLength: 100 })),
      areaId: optional(IdSchema),
      parentId: optional(IdSchema),
    },
  },
  {
    def: INITIATIVE,
    create: InitiativeCreateSchema,
    patch: InitiativePatchSchema,
    entity: InitiativeSchema,
    filters: {
      status: optional(StringEnum(STATUSES)),
      planId: optional(IdSchema),
      goalId: optional(IdSchema),
      areaId: optional(IdSchema),
    },
  },
  {
    def: PLAN,
    create: PlanCreateSchema,
    patch: PlanPatchSchema,
    entity: PlanSchema,
    filters: {
      status: optional(StringEnum(STATUSES)),
      parentId: optional(IdSchema),
      areaId: optional(IdSchema),
    },
  },
  {
    def: GOAL,
    create: GoalCreateSchema,
    patch: GoalPatchSchema,
    entity: GoalSchema,
    filters: { theme: optional(Type.String({ minLength: 1, maxLength: 200 })) },
  },
  { def: AREA, create: AreaCreateSchema, patch: AreaPatchSchema, entity: AreaSchema, filters: {} },
  {
    def: FORUM,
    create: ForumCreateSchema,
    patch: ForumPatchSchema,
    entity: ForumSchema,
    filters: { kind: optional(StringEnum(FORUM_KINDS)) },
  },
];

/** CRUD for the six node entities of a map, all built from one pattern. */
const entities: FastifyPluginAsync = async (fastify) => {
  for (const { def, create, patch, entity, filters } of ROUTES) {
    registerCrud(fastify, {
      collection: def.collection,
      noun: def.noun,
      tag: 'entities',
      repo: fastify.repos.nodes[def.collection]!,
      query: Type.Object({ ...ListQuerySchema, ...filters }, { additionalProperties: false }),
      create,
      patch,
      entity,
    });
  }
};

export default entities;
