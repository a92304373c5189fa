import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import {
  ANONYMOUS,
  fingerprint,
  type Principal,
  type WriteContext,
} from '../repositories/map-write.ts';

/** The `Idempotency-Key` request header of a POST, as the OpenAPI document shows it. */
export const IdempotencyHeaders = Type.Object({
  'idempotency-key': Type.Optional(
    Type.String({
      pattern: '^[\\x21-\\x7e]{1,255}$',
      description:
        'Makes a retried create safe: a second POST with the same key and body answers the first ' +
        'result (with `Idempotent-Replayed: true`) instead of creating again; the same key with ' +
        'another body gets 422. Keys are kept for a day.',
    }),
  ),
});

/** Who writes, and the idempotency key of a create, for the repositories and the history. */
export function writeContext(request: FastifyRequest): WriteContext {
  const principal = request.principal ?? ANONYMOUS;
  const key = request.headers['idempotency-key'];
  if (request.method !== 'POST' || typeof key !== 'string') return { principal };
  const path = request.url.split('?')[0]!;
  return {
    principal,
    idempotency: {
      key,
      scope: `${principal.type}:${principal.id ?? ''}:POST ${path}`,
      fingerprint: fingerprint(request.body),
    },
  };
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Who makes the request; set by authentication, absent for anonymous requests. */
    principal?: Principal;
  }
}
