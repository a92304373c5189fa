import { Type, type Static, type TInteger, type TObject, type TProperties } from 'typebox';
import {
  COMMITMENT_ROLES,
  COMMITMENT_STATUSES,
  DECISION_OUTCOMES,
  FUNDING_TYPES,
  GAP_KINDS,
  LOCALES,
  SECTORS,
  SEVERITIES,
  STANCE_POSITIONS,
  STATUSES,
  type GapKind,
} from './enums.ts';
import { DateSchema, IdSchema, Nullable, SourceSchema, StringEnum } from './common.ts';

/**
 * What the analysis endpoints answer: the one contract between the API, which builds these, and
 * the web app, which shows them. Every object is closed (`additionalProperties: false`), so a
 * test that validates real answers against these schemas catches any field that drifts; the API
 * serialises with `JSON.stringify` and never checks them itself. docs/gap-rules.md explains the
 * rules behind the gaps. The web app imports only the types (`import type`).
 */

const closed = { additionalProperties: false } as const;

/** A closed object schema. */
function Closed<P extends TProperties>(
  properties: P,
  options: { title?: string; description?: string } = {},
) {
  return Type.Object(properties, { ...closed, ...options });
}

/** An object with one integer per key, every key present. */
function Counts<const K extends readonly string[]>(keys: K, description?: string) {
  const properties = Object.fromEntries(keys.map((key) => [key, Type.Integer({ minimum: 0 })]));
  return Type.Object(properties, { ...closed, description }) as TObject<{
    [P in K[number]]: TInteger;
  }>;
}

const Lang = StringEnum(LOCALES);
const NullableDate = Nullable(DateSchema);

export const ENTITY_TYPES = [
  'actor',
  'initiative',
  'plan',
  'goal',
  'area',
  'forum',
  'commitment',
  'collaboration',
  'membership',
  'stance',
  'meeting',
  'decision',
  'action',
] as const;

/** A pointer to an entity as a finding names it. */
export const EntityRefSchema = Closed(
  { type: StringEnum(ENTITY_TYPES), id: IdSchema, name: Type.String() },
  { title: 'EntityRef' },
);

const Pairs = Type.Array(Type.Tuple([IdSchema, IdSchema]), {
  description: 'Pairs of actor ids that are not coordinated, each in id order',
});
const Ids = Type.Array(IdSchema);

const GapBase = {
  id: Type.String({
    pattern: '^[0-9a-f]{32}$',
    description: 'hash(mapId, kind, subject id [, second id]): stable across dates and edits',
  }),
  severity: StringEnum(SEVERITIES),
  subject: EntityRefSchema,
  related: Type.Array(EntityRefSchema),
  message: Type.String(),
  explanation: Type.String(),
  suggestion: Type.Optional(Type.String()),
};

/** A gap of one kind whose `details` has this shape. */
function GapWith<K extends GapKind, D extends TProperties>(kind: K, details: D) {
  return Closed(
    { ...GapBase, kind: StringEnum([kind] as const), details: Closed(details) },
    { title: `Gap(${kind})` },
  );
}

/** A gap of one kind that carries no `details`. */
function GapWithout<K extends GapKind>(kind: K) {
  return Closed({ ...GapBase, kind: StringEnum([kind] as const) }, { title: `Gap(${kind})` });
}

/** A gap (`GET /gaps`), in the request's language; `details` depends on the kind. */
export const GapSchema = Type.Union(
  [
    GapWith('unowned_initiative', { status: StringEnum(STATUSES), proposedOwners: Ids }),
    GapWith('contested_ownership', { uncoordinatedPairs: Pairs, owners: Ids }),
    GapWith('unfunded_initiative', {
      budget: Type.Number(),
      funded: Type.Number(),
      shortfall: Type.Number(),
      proposed: Type.Number(),
    }),
    GapWith('unanchored_plan', { proposedOwners: Ids }),
    GapWithout('goal_without_initiative'),
    GapWith('uncoordinated_partners', {
      uncoordinatedPairs: Pairs,
      totalPairs: Type.Integer({ minimum: 1 }),
    }),
    GapWith('dependency_without_alliance', { dependsOn: IdSchema, uncoordinatedPairs: Pairs }),
    GapWith('blocked_dependency', {
      dependsOn: IdSchema,
      dependencyStatus: StringEnum(['paused', 'cancelled'] as const),
    }),
    GapWith('missing_resident_voice', { areaIds: Ids, residentActorIds: Ids }),
    GapWithout('missing_political_backing'),
    GapWith('powerful_opposition', {
      actorId: IdSchema,
      influence: Type.Integer({ minimum: 1, maximum: 5 }),
      position: StringEnum(['sceptical', 'opposes'] as const),
    }),
    GapWithout('isolated_actor'),
    GapWith('single_point_of_failure', {
      cutOff: Type.Integer({ minimum: 2 }),
      pieces: Type.Array(Type.Integer({ minimum: 1 })),
    }),
    GapWith('expiring_commitment', {
      to: DateSchema,
      role: StringEnum(COMMITMENT_ROLES),
      targetEndDate: NullableDate,
    }),
    GapWith('stale_fact', {
      factType: StringEnum(['commitment', 'collaboration', 'membership', 'stance'] as const),
      verifiedAt: NullableDate,
      updatedOn: DateSchema,
    }),
    GapWith('overdue_action', {
      due: DateSchema,
      daysLate: Type.Integer({ minimum: 1 }),
      ownerId: Nullable(IdSchema),
      meetingId: Nullable(IdSchema),
    }),
    GapWith('no_recent_contact', {
      influence: Type.Integer({ minimum: 4, maximum: 5 }),
      contactAfterDays: Type.Integer({ minimum: 1 }),
      lastMeetingDate: NullableDate,
    }),
  ],
  { title: 'Gap' },
);

export const GapSummarySchema = Closed(
  {
    total: Type.Integer({ minimum: 0 }),
    byKind: Counts(GAP_KINDS),
    bySeverity: Counts(SEVERITIES),
  },
  {
    title: 'GapSummary',
    description:
      'Counts of every gap that matches the filters, on all pages; every kind and severity is present',
  },
);

/** `GET /gaps`: one page of gaps, ranked, and the summary of all of them. */
export const GapReportSchema = Closed(
  {
    asOf: DateSchema,
    lang: Lang,
    summary: GapSummarySchema,
    gaps: Type.Array(GapSchema),
    nextCursor: Nullable(
      Type.String({ description: 'Pass as `cursor` for the next page; null on the last page' }),
    ),
  },
  { title: 'GapReport' },
);

export const REASON_KINDS = [
  'dependency',
  'shared_initiative',
  'ends_isolation',
  'bridges_components',
  'bridges_communities',
  'shared_goal',
  'shared_area',
  'same_organisation',
  'tension',
  'closes_gaps',
  'reduces_single_point_of_failure',
] as const;

/** Why a pair is suggested: a sentence, and what it is about. */
/**
 * How many alliance suggestions the web app asks for when it opens a map; the API computes that
 * answer ahead at start, so the two must agree.
 */
export const OPENING_ALLIANCES = 30;

export const AllianceReasonSchema = Closed(
  { kind: StringEnum(REASON_KINDS), text: Type.String(), related: Type.Array(EntityRefSchema) },
  { title: 'AllianceReason' },
);

export const AllianceActorSchema = Closed(
  { id: IdSchema, name: Type.String(), sector: StringEnum(SECTORS) },
  { title: 'AllianceActor' },
);

/** A suggested alliance. */
export const AllianceSuggestionSchema = Closed(
  {
    actorA: AllianceActorSchema,
    actorB: AllianceActorSchema,
    // Above 0; OpenAPI 3.0 has no numeric exclusiveMinimum, so the schema says at least 0.
    score: Type.Number({ minimum: 0, description: 'How much the link would help; above 0' }),
    reasons: Type.Array(AllianceReasonSchema),
    closes: Type.Array(Type.String(), { description: 'Ids of gaps the link would resolve' }),
    reduces: Type.Array(Type.String(), { description: 'Ids of gaps the link would shrink' }),
  },
  { title: 'AllianceSuggestion' },
);

/** `GET /alliances`. */
export const AlliancesResponseSchema = Closed(
  { asOf: DateSchema, lang: Lang, suggestions: Type.Array(AllianceSuggestionSchema) },
  { title: 'Alliances' },
);

export const ActorMetricsSchema = Closed(
  {
    id: IdSchema,
    name: Type.String(),
    sector: StringEnum(SECTORS),
    degree: Type.Integer({ minimum: 0, description: 'Number of actors it is coordinated with' }),
    betweenness: Type.Number({
      minimum: 0,
      description: 'Normalised (0–1): how much of the shortest paths between others run through it',
    }),
    community: Nullable(Type.Integer({ minimum: 0 })),
    component: Type.Integer({ minimum: 0 }),
    articulationPoint: Type.Boolean({
      description: 'Removing it splits its component into pieces that each hold actors',
    }),
  },
  { title: 'ActorMetrics' },
);

/** `GET /metrics`: the coordination network at `asOf`. */
export const NetworkMetricsSchema = Closed(
  {
    asOf: DateSchema,
    network: Closed({
      actors: Type.Integer({ minimum: 0 }),
      links: Type.Integer({ minimum: 0 }),
      density: Type.Number({ minimum: 0, maximum: 1 }),
      components: Type.Integer({ minimum: 0 }),
      largestComponent: Type.Integer({ minimum: 0 }),
      isolated: Type.Integer({ minimum: 0 }),
      communities: Type.Integer({ minimum: 0 }),
      modularity: Nullable(Type.Number()),
      articulationPoints: Type.Integer({ minimum: 0 }),
      betweenness: Closed(
        { exact: Type.Boolean(), sources: Type.Integer({ minimum: 0 }) },
        {
          description:
            'Exact up to 2,000 actors; above that estimated from a seeded sample of sources',
        },
      ),
    }),
    actors: Type.Array(ActorMetricsSchema),
  },
  { title: 'NetworkMetrics' },
);

export const FLAG_STATES = ['backed', 'none', 'not_recorded'] as const;

const TargetType = StringEnum(['initiative', 'plan'] as const);

/**
 * One claim of `/backing`: a decision (outcome) of a body, or a commitment (role) or a stance
 * (position) of one actor. A decision's body stands in `actor`, its date in `from`.
 */
export const BackingClaimSchema = Closed(
  {
    factId: IdSchema,
    kind: StringEnum(
      ['decision', 'commitment', 'stance'] as const,
      'A decision is the strongest kind of claim',
    ),
    actor: Closed({ id: IdSchema, name: Type.String(), sector: StringEnum(SECTORS) }),
    role: Nullable(StringEnum(COMMITMENT_ROLES)),
    position: Nullable(StringEnum(STANCE_POSITIONS)),
    status: Nullable(StringEnum(COMMITMENT_STATUSES)),
    outcome: Nullable(StringEnum(DECISION_OUTCOMES)),
    reference: Nullable(Type.String({ description: "A decision's document number or address" })),
    amount: Nullable(Type.Number()),
    fundingType: Nullable(StringEnum(FUNDING_TYPES)),
    from: NullableDate,
    to: NullableDate,
    validity: Closed({ from: NullableDate, to: NullableDate }),
    verifiedAt: NullableDate,
    note: Nullable(Type.String()),
    source: Nullable(SourceSchema),
    illustrative: Type.Boolean({
      description: 'A plausible but unverified example; it must never read as fact',
    }),
    reliability: Type.String({
      description: 'How solid the claim is, in words: source and last check',
    }),
    backs: Type.Boolean({ description: 'Counts as backing (support, or a commitment in force)' }),
    via: Nullable(
      Closed(
        { type: TargetType, id: IdSchema, title: Type.String(), label: Type.String() },
        { description: 'For a plan: the initiative or sub-plan the claim is on' },
      ),
    ),
    label: Type.String({ description: 'One line: "AKB Taastrup — owner (agreed), DKK 1,000,000"' }),
  },
  { title: 'BackingClaim' },
);

/** `backed`; `none` = facts recorded but none backs; `not_recorded` = nothing of that kind. */
export const BackingFlagSchema = Closed(
  {
    state: StringEnum(FLAG_STATES),
    missing: Type.Boolean(),
    text: Type.String(),
    actors: Type.Array(Closed({ id: IdSchema, name: Type.String() }), {
      description: 'The actors whose claims decide the state',
    }),
  },
  { title: 'BackingFlag' },
);

export const FundingByStatusSchema = Closed(
  { proposed: Type.Number(), agreed: Type.Number(), formalised: Type.Number() },
  { title: 'FundingByStatus' },
);

const BackingProperties = {
  target: Closed({
    type: TargetType,
    id: IdSchema,
    title: Type.String(),
    status: StringEnum(STATUSES),
    budget: Nullable(Type.Number()),
    startDate: NullableDate,
    endDate: NullableDate,
    live: Type.Boolean({
      description: 'Live at asOf: a live status, within its period and planning lead time',
    }),
  }),
  claims: Type.Array(BackingClaimSchema),
  bySector: Type.Array(
    Closed({
      sector: StringEnum(SECTORS),
      label: Type.String(),
      claims: Type.Array(BackingClaimSchema),
    }),
  ),
  funding: Closed({
    budget: Nullable(Type.Number()),
    currency: Type.String(),
    byStatus: FundingByStatusSchema,
    secured: Type.Number({ description: 'agreed + formalised' }),
    shortfall: Nullable(Type.Number()),
    coverage: Nullable(
      Type.Number({ minimum: 0, maximum: 1, description: 'secured / budget; null without one' }),
    ),
    viaInitiatives: Type.Optional(FundingByStatusSchema),
    text: Type.String(),
  }),
  flags: Closed({
    political: BackingFlagSchema,
    resident: BackingFlagSchema,
    economic: BackingFlagSchema,
    missingPolitical: Type.Boolean(),
    missingResident: Type.Boolean(),
    missingEconomic: Type.Boolean(),
  }),
};

/** The backing of one initiative or plan. */
export const BackingSchema = Closed(BackingProperties, { title: 'Backing' });

/** `GET /backing`: every initiative and plan live at `asOf`. */
export const BackingListSchema = Closed(
  { asOf: DateSchema, lang: Lang, items: Type.Array(BackingSchema) },
  { title: 'BackingList' },
);

/** `GET /backing/:targetId`. */
export const TargetBackingSchema = Closed(
  { asOf: DateSchema, lang: Lang, ...BackingProperties },
  { title: 'TargetBacking' },
);

export type EntityType = (typeof ENTITY_TYPES)[number];
export type EntityRef = Static<typeof EntityRefSchema>;
export type Gap = Static<typeof GapSchema>;
/** The `details` of a gap of kind `K`, or `never` for a kind that has none. */
export type GapDetails<K extends GapKind> =
  Extract<Gap, { kind: K }> extends { details: infer D } ? D : never;
export type GapSummary = Static<typeof GapSummarySchema>;
export type GapReport = Static<typeof GapReportSchema>;
export type ReasonKind = (typeof REASON_KINDS)[number];
export type AllianceReason = Static<typeof AllianceReasonSchema>;
export type AllianceActor = Static<typeof AllianceActorSchema>;
export type AllianceSuggestion = Static<typeof AllianceSuggestionSchema>;
export type Alliances = Static<typeof AlliancesResponseSchema>;
export type ActorMetrics = Static<typeof ActorMetricsSchema>;
export type NetworkMetrics = Static<typeof NetworkMetricsSchema>;
export type FlagState = (typeof FLAG_STATES)[number];
export type BackingClaim = Static<typeof BackingClaimSchema>;
export type BackingFlag = Static<typeof BackingFlagSchema>;
export type FundingByStatus = Static<typeof FundingByStatusSchema>;
export type Backing = Static<typeof BackingSchema>;
export type BackingList = Static<typeof BackingListSchema>;
export type TargetBacking = Static<typeof TargetBackingSchema>;
