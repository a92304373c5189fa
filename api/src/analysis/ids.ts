import { hash } from 'node:crypto';

/**
 * `id = hash(mapId, kind, subject id [, second id])` (docs/gap-rules.md): the same finding keeps
 * its id across dates and edits, so a client can remember which gaps someone has already looked
 * at. 32 hex characters (128 bits) are plenty against collisions and fit the API's id pattern.
 */
export function gapId(mapId: string, kind: string, subjectId: string, secondId?: string): string {
  const parts =
    secondId === undefined ? [mapId, kind, subjectId] : [mapId, kind, subjectId, secondId];
  // NUL cannot occur in ids, so the joined text is unambiguous.
  return hash('sha256', parts.join('\u0000'), 'hex').slice(0, 32);
}
