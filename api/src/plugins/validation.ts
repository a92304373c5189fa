import type { FastifyInstance } from 'fastify';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

interface JsonSchema {
  type?: string | string[];
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
}

/** Plain decimals only: no exponent, hex, sign `+`, blanks or fraction for an integer. */
const INTEGER = /^-?\d+$/;
const NUMBER = /^-?\d+(?:\.\d+)?$/;

function coerceScalar(value: unknown, schema: JsonSchema): unknown {
  if (typeof value !== 'string') return value;
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  if (types.includes('string')) return value;
  if (types.includes('integer') && INTEGER.test(value)) return Number(value);
  if (types.includes('number') && NUMBER.test(value)) return Number(value);
  if (types.includes('boolean') && (value === 'true' || value === 'false')) {
    return value === 'true';
  }
  // Anything else stays text, which the schema then refuses.
  return value;
}

/**
 * A query-string value as its schema types it. Ajv's own coercion goes through `Number()`, which
 * reads `1e3`, `0x10`, `+5`, ` 5` and `5.0` as numbers; here only plain decimals become numbers.
 * A parameter given once where a list is expected becomes a one-item list, as in `kind=a`.
 */
export function coerceQueryValue(value: unknown, schema: JsonSchema): unknown {
  if (schema.type === 'array') {
    const items = Array.isArray(value) ? value : [value];
    return items.map((item) => coerceScalar(item, schema.items ?? {}));
  }
  return coerceScalar(value, schema);
}

function queryValidator(validate: ValidateFunction, schema: JsonSchema) {
  const properties = schema.properties ?? {};
  const check = (data: Record<string, unknown> | null) => {
    if (data) {
      for (const key of Object.keys(data)) {
        const property = properties[key];
        if (property) data[key] = coerceQueryValue(data[key], property);
      }
    }
    const valid = validate(data);
    check.errors = validate.errors;
    return valid;
  };
  check.errors = null as ValidateFunction['errors'];
  return check;
}

/**
 * Two validators. Bodies are checked strictly: no type coercion ("3" is not a number) and no
 * silent removal of unknown fields, which are refused instead. Query strings are typed by
 * `coerceQueryValue` first and then checked just as strictly. Params and headers are text in
 * every schema here, so Ajv's lenient coercion never turns them into anything else.
 */
export function installValidators(fastify: FastifyInstance): void {
  const options = {
    allErrors: true,
    removeAdditional: false,
    useDefaults: true,
    strict: false,
  } as const;
  const strict = new Ajv({ ...options, coerceTypes: false });
  const lenient = new Ajv({ ...options, coerceTypes: 'array' });
  addFormats.default(strict);
  addFormats.default(lenient);
  fastify.setValidatorCompiler(({ schema, httpPart }) => {
    if (httpPart === 'body') return strict.compile(schema);
    if (httpPart === 'querystring') {
      return queryValidator(strict.compile(schema), schema as JsonSchema);
    }
    return lenient.compile(schema);
  });
}
