import {
  COLLABORATION_KINDS,
  COMMITMENT_ROLES,
  COMMITMENT_STATUSES,
  FORUM_KINDS,
  FUNDING_TYPES,
  MEMBERSHIP_ROLES,
  SECTORS,
  SOURCE_KINDS,
  STANCE_POSITIONS,
  STATUSES,
} from '../../../graph-schema/enums.ts';
import type { Collection, FactCollection, FieldProblem, NodeCollection } from './api.ts';
import type { MessageKey } from './i18n/index.ts';
import type { FactKind, NodeKind } from './types.ts';

export type FieldType =
  | 'text'
  | 'textarea'
  | 'select'
  | 'number'
  | 'scale'
  | 'strength'
  | 'date'
  | 'ref'
  | 'refs'
  | 'tags'
  | 'source'
  | 'target';

export interface FieldSpec {
  name: string;
  type: FieldType;
  label: MessageKey;
  required?: boolean;
  /** Enum values and the i18n group of their labels. */
  options?: readonly string[];
  enumGroup?: string;
  /** Which node kinds a reference may point to. */
  refKinds?: NodeKind[];
  /** One end of a fact: set on create, never changed afterwards. */
  end?: boolean;
}

export interface SourceValue {
  kind: string;
  url: string;
  note: string;
}
export type FormValue = string | string[] | SourceValue;
export type FormValues = Record<string, FormValue>;

const source: FieldSpec = { name: 'source', type: 'source', label: 'field.source' };
const description: FieldSpec = {
  name: 'description',
  type: 'textarea',
  label: 'field.description',
};
const factFields: FieldSpec[] = [
  { name: 'from', type: 'date', label: 'field.from' },
  { name: 'to', type: 'date', label: 'field.to' },
  { name: 'verifiedAt', type: 'date', label: 'field.verifiedAt' },
  { name: 'note', type: 'textarea', label: 'field.note' },
  source,
];
const targetFields: FieldSpec[] = [
  description,
  { name: 'startDate', type: 'date', label: 'field.startDate' },
  { name: 'endDate', type: 'date', label: 'field.endDate' },
  { name: 'budget', type: 'number', label: 'field.budget' },
];

/** The form of each collection, in display order; names are the API's field names. */
export const FORMS: Record<Collection, FieldSpec[]> = {
  actors: [
    { name: 'name', type: 'text', label: 'field.name', required: true },
    {
      name: 'sector',
      type: 'select',
      label: 'field.sector',
      required: true,
      options: SECTORS,
      enumGroup: 'sector',
    },
    { name: 'type', type: 'text', label: 'field.type' },
    description,
    { name: 'influence', type: 'scale', label: 'field.influence' },
    { name: 'interest', type: 'scale', label: 'field.interest' },
    { name: 'tags', type: 'tags', label: 'field.tags' },
    { name: 'parentId', type: 'ref', label: 'field.parentId', refKinds: ['actor'] },
    { name: 'areaIds', type: 'refs', label: 'field.areaIds', refKinds: ['area'] },
    source,
  ],
  initiatives: [
    { name: 'title', type: 'text', label: 'field.title', required: true },
    {
      name: 'status',
      type: 'select',
      label: 'field.status',
      required: true,
      options: STATUSES,
      enumGroup: 'status',
    },
    ...targetFields,
    { name: 'priority', type: 'scale', label: 'field.priority' },
    { name: 'expectedEffect', type: 'scale', label: 'field.expectedEffect' },
    { name: 'planId', type: 'ref', label: 'field.planId', refKinds: ['plan'] },
    { name: 'goalIds', type: 'refs', label: 'field.goalIds', refKinds: ['goal'] },
    { name: 'areaIds', type: 'refs', label: 'field.areaIds', refKinds: ['area'] },
    { name: 'dependsOn', type: 'refs', label: 'field.dependsOn', refKinds: ['initiative'] },
    source,
  ],
  plans: [
    { name: 'title', type: 'text', label: 'field.title', required: true },
    {
      name: 'status',
      type: 'select',
      label: 'field.status',
      required: true,
      options: STATUSES,
      enumGroup: 'status',
    },
    ...targetFields,
    { name: 'parentId', type: 'ref', label: 'field.parentId', refKinds: ['plan'] },
    { name: 'areaIds', type: 'refs', label: 'field.areaIds', refKinds: ['area'] },
    source,
  ],
  goals: [
    { name: 'title', type: 'text', label: 'field.title', required: true },
    description,
    { name: 'theme', type: 'text', label: 'field.theme' },
  ],
  areas: [{ name: 'name', type: 'text', label: 'field.name', required: true }, description],
  forums: [
    { name: 'name', type: 'text', label: 'field.name', required: true },
    {
      name: 'kind',
      type: 'select',
      label: 'field.kind',
      required: true,
      options: FORUM_KINDS,
      enumGroup: 'forumKind',
    },
    description,
    source,
  ],
  commitments: [
    {
      name: 'actorId',
      type: 'ref',
      label: 'field.actorId',
      required: true,
      refKinds: ['actor'],
      end: true,
    },
    {
      name: 'target',
      type: 'target',
      label: 'field.target',
      required: true,
      refKinds: ['initiative', 'plan'],
      end: true,
    },
    {
      name: 'role',
      type: 'select',
      label: 'field.role',
      required: true,
      options: COMMITMENT_ROLES,
      enumGroup: 'role',
    },
    {
      name: 'status',
      type: 'select',
      label: 'field.commitmentStatus',
      required: true,
      options: COMMITMENT_STATUSES,
      enumGroup: 'commitmentStatus',
    },
    { name: 'amount', type: 'number', label: 'field.amount' },
    {
      name: 'fundingType',
      type: 'select',
      label: 'field.fundingType',
      options: FUNDING_TYPES,
      enumGroup: 'fundingType',
    },
    ...factFields,
  ],
  collaborations: [
    {
      name: 'actorAId',
      type: 'ref',
      label: 'field.actorAId',
      required: true,
      refKinds: ['actor'],
      end: true,
    },
    {
      name: 'actorBId',
      type: 'ref',
      label: 'field.actorBId',
      required: true,
      refKinds: ['actor'],
      end: true,
    },
    {
      name: 'kind',
      type: 'select',
      label: 'field.collaborationKind',
      required: true,
      options: COLLABORATION_KINDS,
      enumGroup: 'collaborationKind',
    },
    { name: 'strength', type: 'strength', label: 'field.strength' },
    ...factFields,
  ],
  memberships: [
    {
      name: 'actorId',
      type: 'ref',
      label: 'field.actorId',
      required: true,
      refKinds: ['actor'],
      end: true,
    },
    {
      name: 'forumId',
      type: 'ref',
      label: 'field.forumId',
      required: true,
      refKinds: ['forum'],
      end: true,
    },
    {
      name: 'role',
      type: 'select',
      label: 'field.membershipRole',
      required: true,
      options: MEMBERSHIP_ROLES,
      enumGroup: 'membershipRole',
    },
    ...factFields,
  ],
  stances: [
    {
      name: 'actorId',
      type: 'ref',
      label: 'field.actorId',
      required: true,
      refKinds: ['actor'],
      end: true,
    },
    {
      name: 'target',
      type: 'target',
      label: 'field.target',
      required: true,
      refKinds: ['initiative', 'plan'],
      end: true,
    },
    {
      name: 'position',
      type: 'select',
      label: 'field.position',
      required: true,
      options: STANCE_POSITIONS,
      enumGroup: 'position',
    },
    ...factFields,
  ],
};

export const SOURCE_OPTIONS = SOURCE_KINDS;

export const NODE_COLLECTION: Record<NodeKind, NodeCollection> = {
  actor: 'actors',
  initiative: 'initiatives',
  plan: 'plans',
  goal: 'goals',
  area: 'areas',
  forum: 'forums',
};

export const FACT_COLLECTION: Record<FactKind, FactCollection> = {
  commitment: 'commitments',
  collaboration: 'collaborations',
  membership: 'memberships',
  stance: 'stances',
};

/** The singular noun of a collection, for titles and messages. */
export const COLLECTION_NOUN: Record<Collection, MessageKey> = {
  actors: 'entity.actor',
  initiatives: 'entity.initiative',
  plans: 'entity.plan',
  goals: 'entity.goal',
  areas: 'entity.area',
  forums: 'entity.forum',
  commitments: 'entity.commitment',
  collaborations: 'entity.collaboration',
  memberships: 'entity.membership',
  stances: 'entity.stance',
};

export const isFactCollection = (collection: Collection): collection is FactCollection =>
  collection === 'commitments' ||
  collection === 'collaborations' ||
  collection === 'memberships' ||
  collection === 'stances';

/** The form field an API field's error belongs to (a fact's target is one field here). */
export function formFieldOf(apiField: string): string {
  return apiField === 'initiativeId' || apiField === 'planId' ? 'target' : apiField;
}

/** Field problems from the API, keyed by form field. */
export function formFieldErrors<T>(errors: Record<string, T>): Record<string, T> {
  const out: Record<string, T> = {};
  for (const [field, problem] of Object.entries(errors)) {
    const name = formFieldOf(field);
    if (!(name in out)) out[name] = problem;
  }
  return out;
}

/**
 * A validation problem in the user's language when it is one we know (Ajv's keywords); otherwise
 * the API's own message, which is English.
 */
export function describeProblem(
  t: (key: MessageKey, params?: Record<string, string | number>) => string,
  problem: FieldProblem,
): string {
  const params = problem.params ?? {};
  const limit = Number(params.limit);
  switch (problem.keyword) {
    case 'required':
      return t('validation.required');
    case 'minLength':
      return limit <= 1 ? t('validation.required') : t('validation.minLength', { limit });
    case 'pattern':
      return params.pattern === '\\S' ? t('validation.required') : problem.message;
    case 'maxLength':
      return t('validation.maxLength', { limit });
    case 'minimum':
      return t('validation.minimum', { limit });
    case 'maximum':
      return t('validation.maximum', { limit });
    case 'type':
      return params.type === 'integer' || params.type === 'number'
        ? t('validation.number')
        : problem.message;
    case 'enum':
      return t('validation.enum');
    case 'format':
      if (params.format === 'date') return t('validation.date');
      if (params.format === 'uri') return t('validation.url');
      return problem.message;
    case 'unknown_reference':
      return t('validation.unknownReference');
    case 'cycle':
      return t('validation.cycle');
    case 'immutable':
      return t('validation.immutable');
    case 'date_order':
      return t('validation.dateOrder', { after: t(`field.${String(params.after)}` as MessageKey) });
    case 'exactly_one':
      return t('validation.exactlyOne');
    case 'self_reference':
      return t('validation.selfReference');
    default:
      return problem.message;
  }
}

const emptySource = (): SourceValue => ({ kind: '', url: '', note: '' });

/** An entity (or a preset for a new one) as form values: strings, id lists and a source. */
export function toFormValues(
  collection: Collection,
  entity: Record<string, unknown> = {},
): FormValues {
  const values: FormValues = {};
  for (const field of FORMS[collection]) {
    const raw = entity[field.name];
    switch (field.type) {
      case 'refs':
        values[field.name] = Array.isArray(raw) ? raw.map(String) : [];
        break;
      case 'tags':
        values[field.name] = Array.isArray(raw)
          ? raw.join(', ')
          : typeof raw === 'string'
            ? raw
            : '';
        break;
      case 'source': {
        const value = (raw ?? {}) as Partial<SourceValue>;
        values[field.name] = raw
          ? { kind: value.kind ?? '', url: value.url ?? '', note: value.note ?? '' }
          : emptySource();
        break;
      }
      case 'target': {
        if (typeof raw === 'string' && raw.includes(':')) values.target = raw;
        else if (entity.initiativeId) values.target = `initiative:${String(entity.initiativeId)}`;
        else if (entity.planId) values.target = `plan:${String(entity.planId)}`;
        else values.target = '';
        break;
      }
      default:
        values[field.name] = raw === null || raw === undefined ? '' : String(raw);
    }
  }
  return values;
}

/** One form value as the API wants it; `null` when empty. */
function apiValue(field: FieldSpec, value: FormValue | undefined): unknown {
  switch (field.type) {
    case 'refs':
      return Array.isArray(value) ? value : [];
    case 'tags':
      return typeof value === 'string'
        ? value
            .split(',')
            .map((tag) => tag.trim())
            .filter(Boolean)
        : [];
    case 'source': {
      const source = (value ?? emptySource()) as SourceValue;
      if (!source.kind) return null;
      return {
        kind: source.kind,
        ...(source.url.trim() ? { url: source.url.trim() } : {}),
        ...(source.note.trim() ? { note: source.note.trim() } : {}),
      };
    }
    case 'number':
    case 'scale':
    case 'strength': {
      const text = typeof value === 'string' ? value.trim().replace(/[\s.](?=\d{3}\b)/g, '') : '';
      if (!text) return null;
      const number = Number(text);
      // An unparsable number goes to the API as text, so its validation message shows up.
      return Number.isFinite(number) ? number : text;
    }
    case 'text':
    case 'textarea': {
      const text = typeof value === 'string' ? value : '';
      return field.required ? text : text.trim() ? text : null;
    }
    default:
      return typeof value === 'string' && value !== '' ? value : null;
  }
}

/** The API fields of one form field (a target becomes `initiativeId` or `planId`). */
function apiFields(field: FieldSpec, value: FormValue | undefined): Record<string, unknown> {
  if (field.type === 'target') {
    const [kind, id] = typeof value === 'string' && value ? value.split(':') : [];
    if (kind === 'plan') return { planId: id };
    if (kind === 'initiative') return { initiativeId: id };
    return {};
  }
  return { [field.name]: apiValue(field, value) };
}

const isEmpty = (value: unknown) =>
  value === null || value === undefined || (Array.isArray(value) && value.length === 0);

/**
 * The request body of a form. Create: every non-empty field. Edit (with `initial`): only the
 * fields that changed, `null` clearing a field; fact ends are never sent.
 */
export function toBody(
  collection: Collection,
  values: FormValues,
  initial?: FormValues,
): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const field of FORMS[collection]) {
    if (initial && field.end) continue;
    const fields = apiFields(field, values[field.name]);
    if (initial) {
      const before = apiFields(field, initial[field.name]);
      for (const [name, value] of Object.entries(fields)) {
        if (JSON.stringify(value) !== JSON.stringify(before[name])) body[name] = value;
      }
    } else {
      for (const [name, value] of Object.entries(fields)) if (!isEmpty(value)) body[name] = value;
    }
  }
  return body;
}

const META_FIELDS = new Set(['id', 'mapId', 'version', 'createdAt', 'updatedAt']);

/** A create body from a stored entity: for undoing a delete (the copy gets a new id). */
export function recreateBody(
  collection: Collection,
  entity: Record<string, unknown>,
): Record<string, unknown> {
  const allowed = new Set(
    FORMS[collection].flatMap((field) =>
      field.type === 'target' ? ['initiativeId', 'planId'] : [field.name],
    ),
  );
  const body: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(entity)) {
    if (META_FIELDS.has(name) || !allowed.has(name) || isEmpty(value)) continue;
    body[name] = value;
  }
  return body;
}
