import { byNameThenId } from '../i18n.ts';
import type { EntityRef, EntityType } from '../types.ts';

/** Cypher: `'initiative'` or `'plan'` for a target bound to `variable` (a constant). */
export function targetTypeCypher(variable: string): string {
  return `CASE WHEN ${variable}:Initiative THEN 'initiative' ELSE 'plan' END`;
}

/** An entity reference from a rule query's row. */
export function ref(type: EntityType, id: string, name: string | null | undefined): EntityRef {
  return { type, id, name: name ?? id };
}

/** Entity references sorted by name, then id, so findings read and compare the same each time. */
export function byName<T extends { name: string; id: string }>(items: T[]): T[] {
  return [...items].sort(byNameThenId);
}
