import type { FastifyPluginAsync } from 'fastify';
import { Type, type TObject, type TSchema } from 'typebox';
import {
  COLLABORATION_KINDS,
  COMMITMENT_ROLES,
  COMMITMENT_STATUSES,
  CollaborationCreateSchema,
  CollaborationPatchSchema,
  CollaborationSchema,
  CommitmentCreateSchema,
  CommitmentPatchSchema,
  CommitmentSchema,
  IdSchema,
  MEMBERSHIP_ROLES,
  MembershipCreateSchema,
  MembershipPatchSchema,
  MembershipSchema,
  STANCE_POSITIONS,
  StanceCreateSchema,
  StancePatchSchema,
  StanceSchema,
  StringEnum,
} from '../../../graph-schema/index.ts';
import {
  COLLABORATION,
  COMMITMENT,
  MEMBERSHIP,
  STANCE,
  type FactDef,
} from '../repositories/definitions.ts';
import { registerCrud } from './crud.ts';

interface FactRoutes {
  def: FactDef;
  create: TObject;
  patch: TObject;
  entity: TObject;
  filters: Record<string, TSchema>;
}

const optional = <T extends TSchema>(schema: T) => Type.Optional(schema);
const listQuery = {
  limit: optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })),
  cursor: optional(Type.String({ minLength: 1, maxLength: 200 })),
};

const ROUTES: FactRoutes[] = [
  {
    def: COMMITMENT,
    create: CommitmentCreateSchema,
    patch: CommitmentPatchSchema,
    entity: CommitmentSchema,
    filters: {
      actorId: optional(IdSchema),
      initiativeId: optional(IdSchema),
      planId: optional(IdSchema),
      role: optional(StringEnum(COMMITMENT_ROLES)),
      status: optional(StringEnum(COMMITMENT_STATUSES)),
    },
  },
  {
    def: COLLABORATION,
    create: CollaborationCreateSchema,
    patch: CollaborationPatchSchema,
    entity: CollaborationSchema,
    filters: {
      actorId: optional(IdSchema),
      kind: optional(StringEnum(COLLABORATION_KINDS)),
    },
  },
  {
    def: MEMBERSHIP,
    create: MembershipCreateSchema,
    patch: MembershipPatchSchema,
    entity: MembershipSchema,
    filters: {
      actorId: optional(IdSchema),
      forumId: optional(IdSchema),
      role: optional(StringEnum(MEMBERSHIP_ROLES)),
    },
  },
  {
    def: STANCE,
    create: StanceCreateSchema,
    patch: StancePatchSchema,
    entity: StanceSchema,
    filters: {
      actorId: optional(IdSchema),
      initiativeId: optional(IdSchema),
      planId: optional(IdSchema),
      position: optional(StringEnum(STANCE_POSITIONS)),
    },
  },
];

/** CRUD for the four kinds of fact; lists filter by either end. */
const facts: FastifyPluginAsync = async (fastify) => {
  for (const { def, create, patch, entity, filters } of ROUTES) {
    registerCrud(fastify, {
      collection: def.collection,
      noun: def.noun,
      tag: 'facts',
      repo: fastify.repos.facts[def.collection]!,
      query: Type.Object({ ...listQuery, ...filters }, { additionalProperties: false }),
      create,
      patch,
      entity,
    });
  }
};

export default facts;
