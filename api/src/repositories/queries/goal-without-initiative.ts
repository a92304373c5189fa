import { liveAtCypher, START_BY } from './validity.ts';

/**
 * goal_without_initiative (docs/gap-rules.md): each goal that no initiative live at `$asOf`
 * advances, with the initiatives linked to it that are not live then.
 */
export const goalWithoutInitiativeQuery = `
  ${START_BY}
  MATCH (g:Goal) WHERE g.mapId = $mapId
    AND NOT EXISTS { MATCH (i:Initiative)-[:ADVANCES]->(g) WHERE ${liveAtCypher('i')} }
  RETURN g {.id, name: g.title,
            inactive: [(i:Initiative)-[:ADVANCES]->(g) | {id: i.id, name: i.title}]} AS row`;
