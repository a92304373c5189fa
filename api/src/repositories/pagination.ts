import { errors } from '../errors.ts';

/** Cursors are opaque to clients: the id of the last item, base64url-encoded. */
export function encodeCursor(lastId: string): string {
  return Buffer.from(`after:${lastId}`, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string | undefined): string | null {
  if (!cursor) return null;
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!text.startsWith('after:') || text.length < 7) throw errors.invalidCursor();
  return text.slice(6);
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** Takes `limit + 1` rows to know whether another page exists without a count. */
export function toPage<T>(rows: T[], limit: number): Page<T> {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1] as { id: unknown } | undefined;
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(String(last.id)) : null };
}

/**
 * Full-text query for `?q=`: every word must match as a prefix. Words are split the way the
 * index tokenises names (on anything but letters and digits), so no Lucene operator or escape
 * from user text ever reaches the query parser.
 */
export function fullTextQuery(q: string): string | null {
  const words = q
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
  if (words.length === 0) return null;
  return words.map((word) => `${word}*`).join(' AND ');
}
