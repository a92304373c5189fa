import { int, toNeo4jDate, toPlain } from '../db/values.ts';
import type { PropDef } from './definitions.ts';

/**
 * Turns body fields into Neo4j properties. A `null` removes the property (`SET n += $props`
 * with a null value deletes it); a `source` object becomes `sourceKind`, `sourceUrl`, `sourceNote`.
 */
export function toProperties(
  props: PropDef[],
  body: Record<string, unknown>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const { field, kind } of props) {
    if (!(field in body)) continue;
    const value = body[field];
    if (kind === 'source') {
      const source = value as { kind: string; url?: string; note?: string } | null;
      out.sourceKind = source?.kind ?? null;
      out.sourceUrl = source?.url ?? null;
      out.sourceNote = source?.note ?? null;
    } else if (value === null || value === undefined) {
      out[field] = null;
    } else if (kind === 'int') {
      out[field] = int(value as number);
    } else if (kind === 'date') {
      out[field] = toNeo4jDate(value as string);
    } else {
      out[field] = value;
    }
  }
  return out;
}

/** Reads stored properties back into the API shape; unset optional fields read as `null`. */
export function fromProperties(
  props: PropDef[],
  stored: Record<string, unknown>,
): Record<string, unknown> {
  const plain = toPlain(stored) as Record<string, unknown>;
  const out: Record<string, unknown> = {
    id: plain.id,
    mapId: plain.mapId,
    version: plain.version,
    createdAt: plain.createdAt,
    updatedAt: plain.updatedAt,
  };
  for (const { field, kind } of props) {
    if (kind === 'source') {
      out.source = plain.sourceKind
        ? {
            kind: plain.sourceKind,
            ...(plain.sourceUrl ? { url: plain.sourceUrl } : {}),
            ...(plain.sourceNote ? { note: plain.sourceNote } : {}),
          }
        : null;
    } else {
      out[field] = plain[field] ?? null;
    }
  }
  return out;
}
