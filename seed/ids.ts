import { v5 as uuidv5 } from 'uuid';

/** Namespace of every id that Samspil derives rather than draws (seeded maps). */
const SAMSPIL_NAMESPACE = '5b1f3c9e-6d2a-4f0b-9a51-7c3e2d8f4a10';

/**
 * A deterministic UUID for `key` within `mapId`: reseeding a map gives every entity the same id
 * again (so gap ids and bookmarks survive), while copies of a map under other ids never collide.
 */
export function seededId(mapId: string, key: string): string {
  return uuidv5(`${mapId}:${key}`, SAMSPIL_NAMESPACE);
}

/** The id of the Høje-Taastrup demo map. */
export const DEMO_MAP_ID = seededId('samspil', 'hoeje-taastrup');
