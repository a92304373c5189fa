import type { FastifyReply } from 'fastify';
import { Type, type TSchema } from 'typebox';
import { ErrorSchema, IdSchema } from '../../../graph-schema/index.ts';
import { errors } from '../errors.ts';

export const MapParams = Type.Object({ mapId: IdSchema }, { additionalProperties: false });
export const EntityParams = Type.Object(
  { mapId: IdSchema, id: IdSchema },
  { additionalProperties: false },
);

export const IfMatchHeaders = Type.Object({
  'if-match': Type.Optional(
    Type.String({ description: 'The version you read; 412 if it is stale' }),
  ),
});

/** Error responses by status code, for the OpenAPI document. */
export function errorResponses(...codes: number[]): Record<number, TSchema> {
  return Object.fromEntries(codes.map((code) => [code, ErrorSchema]));
}

/** `If-Match: 3`, `"3"` or `W/"3"` → 3; absent → undefined; anything else → 400. */
export function parseIfMatch(header: string | undefined): number | undefined {
  if (header === undefined) return undefined;
  const match = /^\s*(?:W\/)?"?(\d{1,15})"?\s*$/.exec(header);
  if (!match) throw errors.badIfMatch(header);
  return Number(match[1]);
}

/** Reads return their version as an ETag too, so HTTP-aware clients can send it back. */
export function withETag<T extends { version: number }>(reply: FastifyReply, entity: T): T {
  reply.header('etag', `"${entity.version}"`);
  return entity;
}
