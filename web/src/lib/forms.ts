import { VISIBLE_CHARACTER } from '../../../graph-schema/common.ts';
import { SOURCE_KINDS } from '../../../graph-schema/enums.ts';
import type { FieldProblem } from './api.ts';
import type { MessageKey } from './i18n/index.ts';
import { FORMS, MODEL_OF, type Collection, type FieldSpec } from './model.ts';

export {
  collectionNoun,
  FACT_COLLECTION,
  FORMS,
  isFactCollection,
  NODE_COLLECTION,
  type FieldSpec,
  type FieldType,
} from './model.ts';

export interface SourceValue {
  kind: string;
  url: string;
  note: string;
}
export type FormValue = string | string[] | SourceValue;
export type FormValues = Record<string, FormValue>;

export const SOURCE_OPTIONS = SOURCE_KINDS;

/** The ends of facts that forms show as one `target` field (an initiative or a plan). */
const TARGET_ENDS = new Set(
  Object.values(MODEL_OF).flatMap((model) =>
    'to' in model && model.to.length > 1 ? [...model.to] : [],
  ),
);

/** The form field an API field's error belongs to (a fact's target is one field here). */
export function formFieldOf(apiField: string): string {
  return TARGET_ENDS.has(apiField) ? 'target' : apiField;
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
      return params.pattern === VISIBLE_CHARACTER ? t('validation.required') : problem.message;
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
