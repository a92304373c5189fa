import { liveAtCypher, START_BY } from './validity.ts';

/**
 * blocked_dependency (docs/gap-rules.md): each dependency of an initiative live at `$asOf` on
 * an initiative that is paused or cancelled. One DEPENDS_ON pattern; only blocked pairs return.
 */
export const blockedDependencyQuery = `
  ${START_BY}
  MATCH (a:Initiative)-[:DEPENDS_ON]->(b:Initiative)
  WHERE a.mapId = $mapId AND ${liveAtCypher('a')} AND b.status IN ['paused', 'cancelled']
  RETURN a {.id, name: a.title, dependency: {id: b.id, name: b.title, status: b.status}} AS row`;
