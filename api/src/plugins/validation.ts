import type { FastifyInstance } from 'fastify';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';

/**
 * Two validators. Bodies are checked strictly: no type coercion ("3" is not a number) and no
 * silent removal of unknown fields, which are refused instead. Query strings, params and headers
 * arrive as text, so there numbers and booleans are coerced.
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
  fastify.setValidatorCompiler(({ schema, httpPart }) =>
    (httpPart === 'body' ? strict : lenient).compile(schema),
  );
}
