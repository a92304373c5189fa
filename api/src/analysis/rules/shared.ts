import type { EntityRef, EntityType } from '../../../../graph-schema/index.ts';
import { sortedByName } from '../sort-key.ts';

/** An entity reference from a rule query's row; a missing name reads as the id. */
export function ref(type: EntityType, id: string, name: string | null | undefined): EntityRef {
  return { type, id, name: name ?? id };
}

/** Entity references, one per id, sorted by name then id, so findings read the same each time. */
export function uniqueByName<T extends { name: string; id: string }>(items: Iterable<T>): T[] {
  return sortedByName(new Map([...items].map((item) => [item.id, item])).values());
}
