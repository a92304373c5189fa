import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import {
  HTTP_URL,
  KumuMappingSchema,
  MapCreateSchema,
  type Field,
} from '../../../graph-schema/index.ts';
import type { AnyModel } from './columns.ts';

/**
 * The API's own checks for what an import writes: each model's create schema, compiled once, with
 * the same options as the routes' body validator. Findings come back per field with a code the
 * message catalogue words.
 */
const ajv = new Ajv({ allErrors: true, strict: false, coerceTypes: false });
addFormats.default(ajv);

const compiled = new Map<string, ValidateFunction>();

function compile(key: string, schema: object): ValidateFunction {
  let validate = compiled.get(key);
  if (!validate) {
    validate = ajv.compile(schema);
    compiled.set(key, validate);
  }
  return validate;
}

export interface FieldFinding {
  field: string;
  /** The part of a source (`kind`, `url`) the finding is about, if any. */
  part?: string;
  code: string;
  params?: Record<string, string | number>;
}

function finding(error: ErrorObject, schemaOf: (field: string) => Field | undefined): FieldFinding {
  const segments = error.instancePath.split('/').filter(Boolean);
  const params = error.params as Record<string, unknown>;
  let field = segments[0] ?? '';
  let part = segments[1] && !/^\d+$/.test(segments[1]) ? segments[1] : undefined;
  if (error.keyword === 'required') {
    const missing = String(params.missingProperty);
    if (field) part = missing;
    else field = missing;
    return { field, part, code: 'required' };
  }
  const limit = params.limit as number | undefined;
  switch (error.keyword) {
    case 'maxLength':
      return { field, part, code: 'too_long', params: { limit: limit! } };
    case 'minLength':
      return { field, part, code: 'too_short' };
    case 'minimum':
      return { field, part, code: 'too_small', params: { limit: limit! } };
    case 'maximum':
      return { field, part, code: 'too_large', params: { limit: limit! } };
    case 'maxItems':
      return { field, part, code: 'too_many', params: { limit: limit! } };
    case 'enum':
      return {
        field,
        part,
        code: 'not_an_option',
        params: { options: (params.allowedValues as string[]).join(', ') },
      };
    case 'format':
      return {
        field,
        part,
        code: params.format === 'date' ? 'not_a_date' : 'invalid',
        params: { detail: String(params.format) },
      };
    case 'pattern':
      if (params.pattern === HTTP_URL) return { field, part, code: 'not_a_link' };
      return { field, part, code: 'invalid', params: { detail: error.message ?? 'pattern' } };
    case 'type':
      if (schemaOf(field)?.storage === 'int' || params.type === 'integer') {
        return { field, part, code: 'not_whole' };
      }
      return { field, part, code: 'invalid', params: { detail: `must be ${String(params.type)}` } };
    default:
      return { field, part, code: 'invalid', params: { detail: error.message ?? error.keyword } };
  }
}

/** Every finding of the model's create schema against a whole entity body. */
export function validateCreate(model: AnyModel, body: Record<string, unknown>): FieldFinding[] {
  const validate = compile(`${model.kind}:create`, model.schemas.create);
  if (validate(body)) return [];
  const seen = new Set<string>();
  const out: FieldFinding[] = [];
  // anyOf (a nullable field) adds one error per branch; the value's own error is enough.
  for (const error of validate.errors ?? []) {
    if (error.keyword === 'anyOf' || (error.keyword === 'type' && error.params.type === 'null')) {
      continue;
    }
    const found = finding(error, (field) => model.fields[field]);
    const key = `${found.field}/${found.part ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(found);
  }
  return out;
}

/** The findings of one field's schema against one value (the Kumu reader tries values so). */
export function validateField(model: AnyModel, name: string, value: unknown): FieldFinding | null {
  const field = model.fields[name];
  if (!field) return null;
  const validate = compile(`${model.kind}:${name}`, field.schema);
  if (validate(value)) return null;
  const error = (validate.errors ?? []).find((e) => e.keyword !== 'anyOf');
  if (!error) return null;
  const found = finding({ ...error, instancePath: `/${name}${error.instancePath}` }, () => field);
  return found;
}

/** Problems in the `{path, message, keyword}` shape of the API's validation errors. */
export interface SchemaProblem {
  path: string;
  message: string;
  keyword?: string;
}

function problemsOf(validate: ValidateFunction, value: unknown, prefix: string): SchemaProblem[] {
  if (validate(value)) return [];
  return (validate.errors ?? []).map((error) => ({
    path: `${prefix}${error.instancePath}`,
    message: error.message ?? 'is not valid',
    keyword: error.keyword,
  }));
}

/** A Kumu type mapping as a client sends it (`KumuMappingSchema`). */
export function validateMapping(mapping: unknown): SchemaProblem[] {
  return problemsOf(compile('mapping', KumuMappingSchema), mapping, '/mapping');
}

/** The new map of an import, from a backup or the request (`MapCreateSchema`). */
export function validateMapCreate(input: unknown): SchemaProblem[] {
  return problemsOf(compile('map', MapCreateSchema), input, '/map');
}
