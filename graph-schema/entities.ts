import { Type, type Static } from 'typebox';
import {
  ACTION_STATUSES,
  COLLABORATION_KINDS,
  COMMITMENT_ROLES,
  COMMITMENT_STATUSES,
  DECISION_OUTCOMES,
  FORUM_KINDS,
  FUNDING_TYPES,
  LOCALES,
  MEETING_KINDS,
  MEETING_STATUSES,
  MEMBERSHIP_ROLES,
  SECTORS,
  SENTIMENTS,
  STANCE_POSITIONS,
  STATUSES,
} from './enums.ts';
import {
  AttributesSchema,
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
import { FactType, Label, LinkType } from './labels.ts';
import { renameViewStateIds, ViewStateSchema } from './view-state.ts';
import {
  attributes,
  choice,
  date,
  defineFact,
  defineNode,
  deriveSchemas,
  end,
  flat,
  integer,
  json,
  linkObjects,
  longText,
  ref,
  refs,
  required,
  source,
  tags,
  text,
  withDefault,
  type EntityOf,
  type CreateOf,
  type PatchOf,
} from './model.ts';

/**
 * Every entity and fact of a map, each declared once (docs/data-model.md). Fields are listed in
 * the order a form shows them. Optional fields read back as `null` when unset, arrays as `[]`,
 * and a PATCH clears a field by sending `null`.
 */

const description = longText(TextSchema, { column: { da: 'Beskrivelse', en: 'Description' } });
const sourceField = source(SourceSchema, { column: { da: 'Kilde', en: 'Source' } });
const idList = Type.Array(IdSchema, { maxItems: 200, uniqueItems: true });
// Names and titles are stored without the white space around them, as people mean them.
const nameField = required(text(NameSchema, { column: { da: 'Navn', en: 'Name' }, trim: true }));
const titleField = required(text(NameSchema, { column: { da: 'Titel', en: 'Title' }, trim: true }));
const areaLinks = (rel: LinkType) =>
  refs(
    idList,
    { rel, targets: [Label.Area] },
    { filter: 'areaId', column: { da: 'Områder', en: 'Areas' } },
  );
/** Custom fields, kept from imports and written back by exports. */
const customFields = attributes(AttributesSchema);

/* Maps: the workspaces. Everything else lives inside exactly one map. */

export const MAP_SETTING_DEFAULTS = {
  expiryHorizonDays: 365,
  staleAfterDays: 365,
  planningLeadDays: 365,
  contactAfterDays: 180,
} as const;

const Days = (description: string) =>
  Type.Integer({ minimum: 1, maximum: 3650, description: `${description} (days)` });

const SettingsInput = Type.Object(
  {
    expiryHorizonDays: Type.Optional(Days('How far ahead an ending commitment is flagged')),
    staleAfterDays: Type.Optional(Days('After how long an unchecked fact counts as stale')),
    planningLeadDays: Type.Optional(
      Days('How long before its start date an initiative or plan counts as live'),
    ),
    contactAfterDays: Type.Optional(
      Days('How long an influential party may go without a held meeting'),
    ),
  },
  { additionalProperties: false },
);
const SettingsStored = Type.Object(
  {
    expiryHorizonDays: Type.Integer(),
    staleAfterDays: Type.Integer(),
    planningLeadDays: Type.Integer(),
    contactAfterDays: Type.Integer(),
  },
  { additionalProperties: false },
);

export const MAP_FIELDS = {
  name: required(text(NameSchema)),
  description,
  locale: withDefault(
    choice(StringEnum(LOCALES), LOCALES, { enumGroup: 'locale', label: 'field.locale' }),
    'da',
  ),
  currency: withDefault(
    text(Type.String({ pattern: '^[A-Z]{3}$', description: 'ISO 4217, default DKK' })),
    'DKK',
  ),
  settings: withDefault(flat(SettingsInput), MAP_SETTING_DEFAULTS, SettingsStored),
};
const { mapId: _mapId, ...mapMeta } = MetaProperties;
const mapSchemas = deriveSchemas('Map', MAP_FIELDS, mapMeta);
export const MapCreateSchema = mapSchemas.create;
export const MapPatchSchema = mapSchemas.patch;
export const MapSchema = mapSchemas.entity;
export type MapCreate = Static<typeof MapCreateSchema>;
export type MapPatch = Static<typeof MapPatchSchema>;
export type SamspilMap = Static<typeof MapSchema>;

/* Nodes. */

export const ActorModel = defineNode({
  kind: 'actor',
  collection: 'actors',
  label: Label.Actor,
  nameField: 'name',
  names: { da: ['Aktør', 'Aktører'], en: ['Actor', 'Actors'] },
  fields: {
    name: nameField,
    sector: required(
      choice(StringEnum(SECTORS), SECTORS, {
        enumGroup: 'sector',
        filter: 'sector',
        column: { da: 'Sektor', en: 'Sector' },
        fallback: 'other',
      }),
    ),
    type: text(
      Type.String({ maxLength: 200, description: 'Free text, e.g. "Afdelingsbestyrelse"' }),
      { column: { da: 'Type', en: 'Type' } },
    ),
    description,
    influence: integer(ScaleSchema, 'scale', { column: { da: 'Indflydelse', en: 'Influence' } }),
    interest: integer(ScaleSchema, 'scale', { column: { da: 'Interesse', en: 'Interest' } }),
    tags: tags(Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { maxItems: 50 }), {
      filter: 'tag',
      column: { da: 'Nøgleord', en: 'Tags' },
    }),
    parentId: ref(
      IdSchema,
      { rel: LinkType.PartOf, targets: [Label.Actor], acyclic: true },
      { filter: 'parentId', column: { da: 'Del af', en: 'Part of' } },
    ),
    areaIds: areaLinks(LinkType.ActiveIn),
    source: sourceField,
    attributes: customFields,
  },
});

const targetFields = {
  description,
  startDate: date(DateSchema, { column: { da: 'Startdato', en: 'Start date' } }),
  endDate: date(DateSchema, { column: { da: 'Slutdato', en: 'End date' } }),
  budget: integer(MoneySchema, 'number', { column: { da: 'Budget', en: 'Budget' } }),
};
const statusField = required(
  choice(StringEnum(STATUSES), STATUSES, {
    enumGroup: 'status',
    filter: 'status',
    column: { da: 'Status', en: 'Status' },
    fallback: 'active',
  }),
);

export const InitiativeModel = defineNode({
  kind: 'initiative',
  collection: 'initiatives',
  label: Label.Initiative,
  nameField: 'title',
  dateRange: ['startDate', 'endDate'],
  names: { da: ['Indsats', 'Indsatser'], en: ['Initiative', 'Initiatives'] },
  fields: {
    title: titleField,
    status: statusField,
    ...targetFields,
    priority: integer(ScaleSchema, 'scale', { column: { da: 'Prioritet', en: 'Priority' } }),
    expectedEffect: integer(ScaleSchema, 'scale', {
      column: { da: 'Forventet effekt', en: 'Expected effect' },
    }),
    planId: ref(
      IdSchema,
      { rel: LinkType.PartOf, targets: [Label.Plan] },
      { filter: 'planId', column: { da: 'Del af plan', en: 'Part of plan' } },
    ),
    goalIds: refs(
      idList,
      { rel: LinkType.Advances, targets: [Label.Goal] },
      { filter: 'goalId', column: { da: 'Fremmer mål', en: 'Goals' } },
    ),
    areaIds: areaLinks(LinkType.LocatedIn),
    dependsOn: refs(
      idList,
      { rel: LinkType.DependsOn, targets: [Label.Initiative], acyclic: true },
      { column: { da: 'Afhænger af', en: 'Depends on' } },
    ),
    source: sourceField,
    attributes: customFields,
  },
});

export const PlanModel = defineNode({
  kind: 'plan',
  collection: 'plans',
  label: Label.Plan,
  nameField: 'title',
  dateRange: ['startDate', 'endDate'],
  names: { da: ['Plan', 'Planer'], en: ['Plan', 'Plans'] },
  fields: {
    title: titleField,
    status: statusField,
    ...targetFields,
    parentId: ref(
      IdSchema,
      { rel: LinkType.PartOf, targets: [Label.Plan], acyclic: true },
      { filter: 'parentId', column: { da: 'Del af', en: 'Part of' } },
    ),
    areaIds: areaLinks(LinkType.LocatedIn),
    source: sourceField,
    attributes: customFields,
  },
});

export const GoalModel = defineNode({
  kind: 'goal',
  collection: 'goals',
  label: Label.Goal,
  nameField: 'title',
  names: { da: ['Mål', 'Mål'], en: ['Goal', 'Goals'] },
  fields: {
    title: titleField,
    description,
    theme: text(Type.String({ maxLength: 200 }), {
      filter: 'theme',
      column: { da: 'Tema', en: 'Theme' },
    }),
    attributes: customFields,
  },
});

export const AreaModel = defineNode({
  kind: 'area',
  collection: 'areas',
  label: Label.Area,
  nameField: 'name',
  names: { da: ['Område', 'Områder'], en: ['Area', 'Areas'] },
  fields: { name: nameField, description, attributes: customFields },
});

export const ForumModel = defineNode({
  kind: 'forum',
  collection: 'forums',
  label: Label.Forum,
  nameField: 'name',
  names: { da: ['Forum', 'Fora'], en: ['Forum', 'Forums'] },
  fields: {
    name: nameField,
    kind: required(
      choice(StringEnum(FORUM_KINDS), FORUM_KINDS, {
        enumGroup: 'forumKind',
        label: 'field.kind',
        filter: 'kind',
        column: { da: 'Art', en: 'Kind' },
        fallback: 'network',
      }),
    ),
    description,
    source: sourceField,
    attributes: customFields,
  },
});

/*
 * The partnership's records: meetings, the decisions bodies make and the follow-ups agreed.
 * They are entities like the others (CRUD, versions, history), but records about the map rather
 * than parts of its network, so the graph view leaves them out (`graph: false`).
 */

/** A gap id (api/src/analysis/ids.ts): 32 hex digits. */
const GapIdSchema = Type.String({ pattern: '^[0-9a-f]{32}$', description: 'The id of a gap' });

/** Initiatives and plans: what meetings are about and decisions and actions concern. */
const TARGET_LABELS = [Label.Initiative, Label.Plan];
const recordDate = { da: 'Dato', en: 'Date' };
const meetingLink = ref(
  IdSchema,
  { rel: LinkType.FromMeeting, targets: [Label.Meeting] },
  { filter: 'meetingId', column: { da: 'Fra mødet', en: 'From the meeting' } },
);

export const ParticipantSchema = Type.Object(
  {
    actorId: IdSchema,
    sentiment: StringEnum(SENTIMENTS, 'How the party stood; `unknown` before the meeting'),
    note: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
  },
  { additionalProperties: false, title: 'Participant' },
);
export type Participant = Static<typeof ParticipantSchema>;

export const MeetingModel = defineNode({
  kind: 'meeting',
  collection: 'meetings',
  label: Label.Meeting,
  nameField: 'title',
  graph: false,
  names: { da: ['Møde', 'Møder'], en: ['Meeting', 'Meetings'] },
  fields: {
    title: titleField,
    date: required(date(DateSchema, { column: recordDate })),
    kind: required(
      choice(StringEnum(MEETING_KINDS), MEETING_KINDS, {
        enumGroup: 'meetingKind',
        label: 'field.meetingKind',
        filter: 'kind',
        column: { da: 'Art', en: 'Kind' },
      }),
    ),
    status: required(
      choice(StringEnum(MEETING_STATUSES), MEETING_STATUSES, {
        enumGroup: 'meetingStatus',
        label: 'field.meetingStatus',
        filter: 'status',
        column: { da: 'Status', en: 'Status' },
      }),
    ),
    location: text(Type.String({ maxLength: 200 }), { column: { da: 'Sted', en: 'Place' } }),
    forumId: ref(
      IdSchema,
      { rel: LinkType.HeldIn, targets: [Label.Forum] },
      { filter: 'forumId', column: { da: 'Forum', en: 'Forum' } },
    ),
    purpose: longText(TextSchema, { column: { da: 'Formål', en: 'Purpose' } }),
    participants: linkObjects(
      Type.Array(ParticipantSchema, { maxItems: 100 }),
      { rel: LinkType.Participant, targets: [Label.Actor], key: 'actorId' },
      { filter: 'actorId', column: { da: 'Deltagere', en: 'Participants' } },
    ),
    topicIds: refs(
      idList,
      { rel: LinkType.About, targets: TARGET_LABELS },
      { filter: 'topicId', label: 'field.topicIds', column: { da: 'Handler om', en: 'About' } },
    ),
    notes: longText(Type.String({ maxLength: 20000, description: 'The minutes' }), {
      column: { da: 'Referat', en: 'Minutes' },
    }),
    source: sourceField,
    attributes: customFields,
  },
});

export const DecisionModel = defineNode({
  kind: 'decision',
  collection: 'decisions',
  label: Label.Decision,
  nameField: 'title',
  graph: false,
  names: { da: ['Beslutning', 'Beslutninger'], en: ['Decision', 'Decisions'] },
  fields: {
    title: titleField,
    date: required(date(DateSchema, { column: recordDate })),
    outcome: required(
      choice(StringEnum(DECISION_OUTCOMES), DECISION_OUTCOMES, {
        enumGroup: 'outcome',
        filter: 'outcome',
        column: { da: 'Udfald', en: 'Outcome' },
      }),
    ),
    bodyId: ref(
      IdSchema,
      { rel: LinkType.DecidedBy, targets: [Label.Actor, Label.Forum] },
      { filter: 'bodyId', column: { da: 'Besluttet af', en: 'Decided by' } },
    ),
    targetId: ref(
      IdSchema,
      { rel: LinkType.Concerns, targets: TARGET_LABELS },
      {
        filter: 'targetId',
        label: 'field.decisionTarget',
        column: { da: 'Beslutning om', en: 'Decision on' },
      },
    ),
    meetingId: meetingLink,
    reference: text(
      Type.String({
        maxLength: 2000,
        description: 'A document number or the address of the minutes',
      }),
      { column: { da: 'Reference', en: 'Reference' } },
    ),
    source: sourceField,
    attributes: customFields,
  },
});

export const ActionModel = defineNode({
  kind: 'action',
  collection: 'actions',
  label: Label.Action,
  nameField: 'title',
  graph: false,
  names: { da: ['Opfølgning', 'Opfølgninger'], en: ['Action', 'Actions'] },
  fields: {
    title: titleField,
    status: required(
      choice(StringEnum(ACTION_STATUSES), ACTION_STATUSES, {
        enumGroup: 'actionStatus',
        label: 'field.actionStatus',
        filter: 'status',
        column: { da: 'Status', en: 'Status' },
      }),
    ),
    ownerId: ref(
      IdSchema,
      { rel: LinkType.OwnedBy, targets: [Label.Actor] },
      { filter: 'ownerId', column: { da: 'Ansvarlig', en: 'Owner' } },
    ),
    due: date(DateSchema, { column: { da: 'Frist', en: 'Due' } }),
    meetingId: meetingLink,
    targetId: ref(
      IdSchema,
      { rel: LinkType.Concerns, targets: TARGET_LABELS },
      {
        filter: 'targetId',
        label: 'field.actionTarget',
        column: { da: 'Vedrører', en: 'Concerns' },
      },
    ),
    gapId: text(GapIdSchema, { filter: 'gapId', column: { da: 'Mangel', en: 'Gap' } }),
    description,
    source: sourceField,
    attributes: customFields,
  },
});

/*
 * Saved views: what someone looks at on a map (the view, the filters, the date, the focus, the
 * picked parties and the open element), under a name, so the room can go back to it. A view is
 * part of the map and kept like its other entities (versions, history, the backup), but it is
 * neither a node of the map's network nor a row of its spreadsheets.
 */

export const ViewModel = defineNode({
  kind: 'view',
  collection: 'views',
  label: Label.View,
  nameField: 'name',
  graph: false,
  files: 'backup',
  names: { da: ['Visning', 'Visninger'], en: ['View', 'Views'] },
  fields: {
    name: nameField,
    description,
    state: required(
      json(ViewStateSchema, {
        column: { da: 'Tilstand', en: 'State' },
        renameIds: renameViewStateIds,
      }),
    ),
  },
});

/* Facts: first-class relationships with their own id, version and validity. */

/** Fields every fact carries besides its ends and its own properties. */
const factFields = {
  from: date(DateSchema, { column: { da: 'Gælder fra', en: 'Valid from' } }),
  to: date(DateSchema, { column: { da: 'Gælder til', en: 'Valid to' } }),
  verifiedAt: date(DateSchema, { column: { da: 'Senest verificeret', en: 'Last verified' } }),
  note: longText(TextSchema, { column: { da: 'Note', en: 'Note' } }),
  source: sourceField,
  attributes: customFields,
};

const actorEnd = end(IdSchema, [Label.Actor], {
  filter: 'actorId',
  column: { da: 'Aktør', en: 'Actor' },
});
const initiativeEnd = end(IdSchema, [Label.Initiative], {
  filter: 'initiativeId',
  label: 'field.target',
  column: { da: 'Indsats', en: 'Initiative' },
});
const planEnd = end(IdSchema, [Label.Plan], {
  filter: 'planId',
  label: 'field.target',
  column: { da: 'Plan', en: 'Plan' },
});

export const CommitmentModel = defineFact({
  kind: 'commitment',
  collection: 'commitments',
  type: FactType.CommittedTo,
  from: 'actorId',
  to: ['initiativeId', 'planId'],
  duplicateKey: ['role'],
  names: { da: ['Tilsagn', 'Tilsagn'], en: ['Commitment', 'Commitments'] },
  fields: {
    actorId: required(actorEnd),
    initiativeId: initiativeEnd,
    planId: planEnd,
    role: required(
      choice(StringEnum(COMMITMENT_ROLES), COMMITMENT_ROLES, {
        enumGroup: 'role',
        filter: 'role',
        column: { da: 'Rolle', en: 'Role' },
        fallback: 'contributor',
      }),
    ),
    status: required(
      choice(StringEnum(COMMITMENT_STATUSES), COMMITMENT_STATUSES, {
        enumGroup: 'commitmentStatus',
        label: 'field.commitmentStatus',
        filter: 'status',
        column: { da: 'Status', en: 'Status' },
        fallback: 'agreed',
      }),
    ),
    amount: integer(MoneySchema, 'number', { column: { da: 'Beløb', en: 'Amount' } }),
    fundingType: choice(StringEnum(FUNDING_TYPES), FUNDING_TYPES, {
      enumGroup: 'fundingType',
      column: { da: 'Finansieringstype', en: 'Funding type' },
    }),
    ...factFields,
  },
});

export const CollaborationModel = defineFact({
  kind: 'collaboration',
  collection: 'collaborations',
  type: FactType.CollaboratesWith,
  from: 'actorAId',
  to: ['actorBId'],
  undirected: true,
  duplicateKey: ['kind'],
  names: { da: ['Samarbejde', 'Samarbejder'], en: ['Collaboration', 'Collaborations'] },
  fields: {
    actorAId: required(
      end(IdSchema, [Label.Actor], { filter: 'actorId', column: { da: 'Aktør A', en: 'Actor A' } }),
    ),
    actorBId: required(
      end(IdSchema, [Label.Actor], { filter: 'actorId', column: { da: 'Aktør B', en: 'Actor B' } }),
    ),
    kind: required(
      choice(StringEnum(COLLABORATION_KINDS), COLLABORATION_KINDS, {
        enumGroup: 'collaborationKind',
        label: 'field.collaborationKind',
        filter: 'kind',
        column: { da: 'Art', en: 'Kind' },
        fallback: 'informal',
      }),
    ),
    strength: integer(Type.Integer({ minimum: 1, maximum: 3 }), 'strength', {
      column: { da: 'Styrke', en: 'Strength' },
    }),
    ...factFields,
  },
});

/** An actor holds one membership of a forum and one stance on a target at a time, whatever the role. */
export const MembershipModel = defineFact({
  kind: 'membership',
  collection: 'memberships',
  type: FactType.MemberOf,
  from: 'actorId',
  to: ['forumId'],
  duplicateKey: [],
  names: { da: ['Medlemskab', 'Medlemskaber'], en: ['Membership', 'Memberships'] },
  fields: {
    actorId: required(actorEnd),
    forumId: required(
      end(IdSchema, [Label.Forum], { filter: 'forumId', column: { da: 'Forum', en: 'Forum' } }),
    ),
    role: required(
      choice(StringEnum(MEMBERSHIP_ROLES), MEMBERSHIP_ROLES, {
        enumGroup: 'membershipRole',
        label: 'field.membershipRole',
        filter: 'role',
        column: { da: 'Rolle', en: 'Role' },
        fallback: 'member',
      }),
    ),
    ...factFields,
  },
});

export const StanceModel = defineFact({
  kind: 'stance',
  collection: 'stances',
  type: FactType.Stance,
  from: 'actorId',
  to: ['initiativeId', 'planId'],
  duplicateKey: [],
  names: { da: ['Holdning', 'Holdninger'], en: ['Stance', 'Stances'] },
  fields: {
    actorId: required(actorEnd),
    initiativeId: initiativeEnd,
    planId: planEnd,
    position: required(
      choice(StringEnum(STANCE_POSITIONS), STANCE_POSITIONS, {
        enumGroup: 'position',
        filter: 'position',
        column: { da: 'Holdning', en: 'Position' },
        fallback: 'neutral',
      }),
    ),
    ...factFields,
  },
});

/** Every node model, in the order the app lists and loads them. */
export const NODE_MODELS = [
  AreaModel,
  GoalModel,
  PlanModel,
  InitiativeModel,
  ActorModel,
  ForumModel,
  MeetingModel,
  DecisionModel,
  ActionModel,
  ViewModel,
] as const;
export const FACT_MODELS = [
  CommitmentModel,
  CollaborationModel,
  MembershipModel,
  StanceModel,
] as const;

export type NodeKind = (typeof NODE_MODELS)[number]['kind'];
export type FactKind = (typeof FACT_MODELS)[number]['kind'];
export type NodeCollection = (typeof NODE_MODELS)[number]['collection'];
export type FactCollection = (typeof FACT_MODELS)[number]['collection'];

export type Actor = EntityOf<typeof ActorModel>;
export type ActorCreate = CreateOf<typeof ActorModel>;
export type ActorPatch = PatchOf<typeof ActorModel>;
export type Initiative = EntityOf<typeof InitiativeModel>;
export type InitiativeCreate = CreateOf<typeof InitiativeModel>;
export type InitiativePatch = PatchOf<typeof InitiativeModel>;
export type Plan = EntityOf<typeof PlanModel>;
export type PlanCreate = CreateOf<typeof PlanModel>;
export type PlanPatch = PatchOf<typeof PlanModel>;
export type Goal = EntityOf<typeof GoalModel>;
export type GoalCreate = CreateOf<typeof GoalModel>;
export type Area = EntityOf<typeof AreaModel>;
export type AreaCreate = CreateOf<typeof AreaModel>;
export type Forum = EntityOf<typeof ForumModel>;
export type ForumCreate = CreateOf<typeof ForumModel>;
export type Commitment = EntityOf<typeof CommitmentModel>;
export type CommitmentCreate = CreateOf<typeof CommitmentModel>;
export type CommitmentPatch = PatchOf<typeof CommitmentModel>;
export type Collaboration = EntityOf<typeof CollaborationModel>;
export type CollaborationCreate = CreateOf<typeof CollaborationModel>;
export type Membership = EntityOf<typeof MembershipModel>;
export type MembershipCreate = CreateOf<typeof MembershipModel>;
export type Stance = EntityOf<typeof StanceModel>;
export type Meeting = EntityOf<typeof MeetingModel>;
export type MeetingCreate = CreateOf<typeof MeetingModel>;
export type MeetingPatch = PatchOf<typeof MeetingModel>;
export type Decision = EntityOf<typeof DecisionModel>;
export type DecisionCreate = CreateOf<typeof DecisionModel>;
export type Action = EntityOf<typeof ActionModel>;
export type ActionCreate = CreateOf<typeof ActionModel>;
export type StanceCreate = CreateOf<typeof StanceModel>;
export type SavedView = EntityOf<typeof ViewModel>;
export type SavedViewCreate = CreateOf<typeof ViewModel>;
export type SavedViewPatch = PatchOf<typeof ViewModel>;

/** The schemas of each collection, by the names the routes and tests know them. */
export const ActorCreateSchema = ActorModel.schemas.create;
export const ActorPatchSchema = ActorModel.schemas.patch;
export const ActorSchema = ActorModel.schemas.entity;
export const InitiativeCreateSchema = InitiativeModel.schemas.create;
export const InitiativeSchema = InitiativeModel.schemas.entity;
export const PlanCreateSchema = PlanModel.schemas.create;
export const PlanSchema = PlanModel.schemas.entity;
export const GoalCreateSchema = GoalModel.schemas.create;
export const AreaCreateSchema = AreaModel.schemas.create;
export const ForumCreateSchema = ForumModel.schemas.create;
export const CommitmentCreateSchema = CommitmentModel.schemas.create;
export const CollaborationCreateSchema = CollaborationModel.schemas.create;
export const MembershipCreateSchema = MembershipModel.schemas.create;
export const StanceCreateSchema = StanceModel.schemas.create;

type AnyModel = (typeof NODE_MODELS)[number] | (typeof FACT_MODELS)[number];

/** Every entity and fact of one map, by collection: what a snapshot of the map holds. */
export type MapContent = { [M in AnyModel as M['collection']]: EntityOf<M>[] };
