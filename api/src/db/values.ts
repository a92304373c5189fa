import neo4j, {
  Date as Neo4jDate,
  DateTime,
  Integer,
  isDate,
  isDateTime,
  isInt,
} from 'neo4j-driver';

/**
 * The one place where values cross between JavaScript and Neo4j (docs/data-model.md, "Numbers and dates").
 * Integers go in as `neo4j.int` and come back as numbers; dates go in as `Date` values and come
 * back as `YYYY-MM-DD`; timestamps come back as ISO 8601.
 */

export function int(value: number): Integer {
  return neo4j.int(value);
}

/** `YYYY-MM-DD` → a Neo4j `Date`. */
export function toNeo4jDate(value: string): Neo4jDate<number> {
  const [year, month, day] = value.split('-').map(Number);
  return new Neo4jDate(year!, month!, day!);
}

export function today(): string {
  return new globalThis.Date().toISOString().slice(0, 10);
}

/** Converts a value read from Neo4j into plain JSON-ready JavaScript, recursively. */
export function toPlain(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (isInt(value)) return (value as Integer).toNumber();
  if (isDate(value)) return (value as Neo4jDate).toString();
  if (isDateTime(value)) return (value as DateTime).toStandardDate().toISOString();
  if (Array.isArray(value)) return value.map(toPlain);
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value as Record<string, unknown>)) {
      out[key] = toPlain(inner);
    }
    return out;
  }
  return value;
}
