import type { FastifyReply } from 'fastify';
import { Type, type TSchema } from 'typebox';
import { ErrorSchema, IdSchema } from '../../../graph-schema/index.ts';
import { errors } from '../errors.ts';

export const MapParams = Type.Object({ mapId: IdSchema }, { additionalProperties: false });
export const EntityParams = Type.Object(
  { mapId: IdSchema, id: IdSchema },
  { additionalProperties: false },
);

/** What `If-Match` may hold: a version, bare or quoted, or `*`; blank counts as absent. */
export const IF_MATCH_PATTERN = '^[ \\t]*(?:\\*|[0-9]{1,15}|"[0-9]{1,15}")?[ \\t]*$';

export const IfMatchHeaders = Type.Object({
  'if-match': Type.Optional(
    Type.String({
      pattern: IF_MATCH_PATTERN,
      description:
        'The version you read, bare (`3`) or quoted as in an ETag (`"3"`); 412 if it is stale. ' +
        '`*` or an empty value means any version. Anything else, such as a weak tag (`W/"3"`) ' +
        'or a list (`3, 4`), gets 400 `invalid_if_match`.',
    }),
  ),
});

/** Error responses by status code, for the OpenAPI document. */
export function errorResponses(...codes: number[]): Record<number, TSchema> {
  return Object.fromEntries(codes.map((code) => [code, ErrorSchema]));
}

/**
 * `If-Match: 3` or `"3"` → 3. Absent, empty (RFC 9110 allows an empty list) or `*` → undefined,
 * as any version matches. Anything else → 400: a weak tag never matches for a write, and a list
 * of versions is not something this API hands out.
 */
export function parseIfMatch(header: string | undefined): number | undefined {
  if (header === undefined) return undefined;
  const value = header.trim();
  if (value === '' || value === '*') return undefined;
  const match = /^(?:([0-9]{1,15})|"([0-9]{1,15})")$/.exec(value);
  if (!match) throw errors.badIfMatch(header);
  return Number(match[1] ?? match[2]);
}

/** Reads return their version as an ETag too, so HTTP-aware clients can send it back. */
export function withETag<T extends { version: number }>(reply: FastifyReply, entity: T): T {
  reply.header('etag', `"${entity.version}"`);
  return entity;
}

/** Sends an answer already serialised (kept in a cache as text), outside the route's serialiser. */
export function sendJson(reply: FastifyReply, body: string): FastifyReply {
  return reply.type('application/json; charset=utf-8').send(body);
}
