import { Type, type Static, type TProperties } from 'typebox';
import {
  COLLABORATION_KINDS,
  COMMITMENT_ROLES,
  COMMITMENT_STATUSES,
  FORUM_KINDS,
  FUNDING_TYPES,
  LOCALES,
  MEMBERSHIP_ROLES,
  SECTORS,
  STANCE_POSITIONS,
  STATUSES,
} from './enums.ts';
import {
  DateSchema,
  IdSchema,
  MetaProperties,
  MoneySchema,
  NameSchema,
  Nullable,
  ScaleSchema,
  SourceSchema,
  StringEnum,
  TextSchema,
} from './common.ts';

/**
 * Each entity is declared once as `required` and `optional` writable fields; the create body,
 * the patch body and the stored entity are derived from that, so the three never drift apart.
 * Optional fields read back as `null` when unset, and a PATCH clears one by sending `null`.
 */
function entitySchemas<R extends TProperties, O extends TProperties>(
  name: string,
  required: R,
  optional: O,
  extra: TProperties = {},
) {
  const nullableOptional = Object.fromEntries(
    Object.entries(optional).map(([key, schema]) => [key, Type.Optional(Nullable(schema))]),
  ) as { [K in keyof O]: ReturnType<typeof Type.Optional<ReturnType<typeof Nullable<O[K]>>>> };
  const nullable = Object.fromEntries(
    Object.entries(optional).map(([key, schema]) => [key, Nullable(schema)]),
  ) as { [K in keyof O]: ReturnType<typeof Nullable<O[K]>> };
  const optionalRequired = Object.fromEntries(
    Object.entries(required).map(([key, schema]) => [key, Type.Optional(schema)]),
  ) as { [K in keyof R]: ReturnType<typeof Type.Optional<R[K]>> };

  const create = Type.Object(
    { ...required, ...nullableOptional },
    { additionalProperties: false, title: `${name}Create` },
  );
  const patch = Type.Object(
    { ...optionalRequired, ...nullableOptional },
    { additionalProperties: false, minProperties: 1, title: `${name}Patch` },
  );
  const entity = Type.Object(
    { ...MetaProperties, ...required, ...nullable, ...extra },
    { title: name },
  );
  return { create, patch, entity };
}

const Settings = Type.Object(
  {
    expiryHorizonDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 3650, default: 365 })),
    staleAfterDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 3650, default: 365 })),
  },
  { additionalProperties: false },
);

const mapSchemas = entitySchemas(
  'Map',
  { name: NameSchema },
  {
    description: TextSchema,
    locale: StringEnum(LOCALES),
    currency: Type.String({ pattern: '^[A-Z]{3}$', description: 'ISO 4217, default DKK' }),
    settings: Settings,
  },
);
export const MapCreateSchema = mapSchemas.create;
export const MapPatchSchema = mapSchemas.patch;
export const MapSchema = Type.Object(
  {
    ...MetaProperties,
    mapId: Type.Optional(IdSchema),
    name: NameSchema,
    description: Nullable(TextSchema),
    locale: StringEnum(LOCALES),
    currency: Type.String(),
    settings: Type.Object({
      expiryHorizonDays: Type.Integer(),
      staleAfterDays: Type.Integer(),
    }),
  },
  { title: 'Map' },
);

const actorSchemas = entitySchemas(
  'Actor',
  { name: NameSchema, sector: StringEnum(SECTORS) },
  {
    type: Type.String({ maxLength: 200, description: 'Free text, e.g. "Afdelingsbestyrelse"' }),
    description: TextSchema,
    influence: ScaleSchema,
    interest: ScaleSchema,
    tags: Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { maxItems: 50 }),
    source: SourceSchema,
    parentId: IdSchema,
    areaIds: Type.Array(IdSchema, { maxItems: 200, uniqueItems: true }),
  },
);
export const ActorCreateSchema = actorSchemas.create;
export const ActorPatchSchema = actorSchemas.patch;
export const ActorSchema = actorSchemas.entity;

const targetFields = {
  description: TextSchema,
  startDate: DateSchema,
  endDate: DateSchema,
  budget: MoneySchema,
  source: SourceSchema,
  areaIds: Type.Array(IdSchema, { maxItems: 200, uniqueItems: true }),
};

const initiativeSchemas = entitySchemas(
  'Initiative',
  { title: NameSchema, status: StringEnum(STATUSES) },
  {
    ...targetFields,
    priority: ScaleSchema,
    expectedEffect: ScaleSchema,
    planId: IdSchema,
    goalIds: Type.Array(IdSchema, { maxItems: 200, uniqueItems: true }),
    dependsOn: Type.Array(IdSchema, { maxItems: 200, uniqueItems: true }),
  },
);
export const InitiativeCreateSchema = initiativeSchemas.create;
export const InitiativePatchSchema = initiativeSchemas.patch;
export const InitiativeSchema = initiativeSchemas.entity;

const planSchemas = entitySchemas(
  'Plan',
  { title: NameSchema, status: StringEnum(STATUSES) },
  { ...targetFields, parentId: IdSchema },
);
export const PlanCreateSchema = planSchemas.create;
export const PlanPatchSchema = planSchemas.patch;
export const PlanSchema = planSchemas.entity;

const goalSchemas = entitySchemas(
  'Goal',
  { title: NameSchema },
  { description: TextSchema, theme: Type.String({ maxLength: 200 }) },
);
export const GoalCreateSchema = goalSchemas.create;
export const GoalPatchSchema = goalSchemas.patch;
export const GoalSchema = goalSchemas.entity;

const areaSchemas = entitySchemas('Area', { name: NameSchema }, { description: TextSchema });
export const AreaCreateSchema = areaSchemas.create;
export const AreaPatchSchema = areaSchemas.patch;
export const AreaSchema = areaSchemas.entity;

const forumSchemas = entitySchemas(
  'Forum',
  { name: NameSchema, kind: StringEnum(FORUM_KINDS) },
  { description: TextSchema, source: SourceSchema },
);
export const ForumCreateSchema = forumSchemas.create;
export const ForumPatchSchema = forumSchemas.patch;
export const ForumSchema = forumSchemas.entity;

/** Fields every fact carries besides its ends and its own properties. */
const factOptional = {
  note: TextSchema,
  source: SourceSchema,
  verifiedAt: DateSchema,
  from: DateSchema,
  to: DateSchema,
};

const commitmentSchemas = entitySchemas(
  'Commitment',
  {
    actorId: IdSchema,
    role: StringEnum(COMMITMENT_ROLES),
    status: StringEnum(COMMITMENT_STATUSES),
  },
  {
    initiativeId: IdSchema,
    planId: IdSchema,
    amount: MoneySchema,
    fundingType: StringEnum(FUNDING_TYPES),
    ...factOptional,
  },
);
export const CommitmentCreateSchema = commitmentSchemas.create;
export const CommitmentPatchSchema = commitmentSchemas.patch;
export const CommitmentSchema = commitmentSchemas.entity;

const collaborationSchemas = entitySchemas(
  'Collaboration',
  {
    actorAId: IdSchema,
    actorBId: IdSchema,
    kind: StringEnum(COLLABORATION_KINDS),
  },
  { strength: Type.Integer({ minimum: 1, maximum: 3 }), ...factOptional },
);
export const CollaborationCreateSchema = collaborationSchemas.create;
export const CollaborationPatchSchema = collaborationSchemas.patch;
export const CollaborationSchema = collaborationSchemas.entity;

const membershipSchemas = entitySchemas(
  'Membership',
  { actorId: IdSchema, forumId: IdSchema, role: StringEnum(MEMBERSHIP_ROLES) },
  factOptional,
);
export const MembershipCreateSchema = membershipSchemas.create;
export const MembershipPatchSchema = membershipSchemas.patch;
export const MembershipSchema = membershipSchemas.entity;

const stanceSchemas = entitySchemas(
  'Stance',
  { actorId: IdSchema, position: StringEnum(STANCE_POSITIONS) },
  { initiativeId: IdSchema, planId: IdSchema, ...factOptional },
);
export const StanceCreateSchema = stanceSchemas.create;
export const StancePatchSchema = stanceSchemas.patch;
export const StanceSchema = stanceSchemas.entity;

export type MapCreate = Static<typeof MapCreateSchema>;
export type MapPatch = Static<typeof MapPatchSchema>;
export type SamspilMap = Static<typeof MapSchema>;
export type ActorCreate = Static<typeof ActorCreateSchema>;
export type ActorPatch = Static<typeof ActorPatchSchema>;
export type Actor = Static<typeof ActorSchema>;
export type InitiativeCreate = Static<typeof InitiativeCreateSchema>;
export type InitiativePatch = Static<typeof InitiativePatchSchema>;
export type Initiative = Static<typeof InitiativeSchema>;
export type PlanCreate = Static<typeof PlanCreateSchema>;
export type PlanPatch = Static<typeof PlanPatchSchema>;
export type Plan = Static<typeof PlanSchema>;
export type GoalCreate = Static<typeof GoalCreateSchema>;
export type Goal = Static<typeof GoalSchema>;
export type AreaCreate = Static<typeof AreaCreateSchema>;
export type Area = Static<typeof AreaSchema>;
export type ForumCreate = Static<typeof ForumCreateSchema>;
export type Forum = Static<typeof ForumSchema>;
export type CommitmentCreate = Static<typeof CommitmentCreateSchema>;
export type CommitmentPatch = Static<typeof CommitmentPatchSchema>;
export type Commitment = Static<typeof CommitmentSchema>;
export type CollaborationCreate = Static<typeof CollaborationCreateSchema>;
export type Collaboration = Static<typeof CollaborationSchema>;
export type MembershipCreate = Static<typeof MembershipCreateSchema>;
export type Membership = Static<typeof MembershipSchema>;
export type StanceCreate = Static<typeof StanceCreateSchema>;
export type Stance = Static<typeof StanceSchema>;
