import { liveAtCypher, START_BY, targetTypeCypher, validAtCypher } from './validity.ts';

/**
 * powerful_opposition (docs/gap-rules.md): each valid sceptical or opposing stance of an actor
 * with influence 4 or 5 on a live target, read through the stance index by map.
 */
export const powerfulOppositionQuery = `
  ${START_BY}
  MATCH (x:Actor)-[s:STANCE]->(t)
  WHERE s.mapId = $mapId AND s.position IN ['sceptical', 'opposes'] AND x.influence >= 4
    AND ${validAtCypher('s')} AND ${liveAtCypher('t')}
  RETURN t {.id, name: t.title, type: ${targetTypeCypher('t')},
            actor: {id: x.id, name: x.name, influence: toFloat(x.influence)},
            position: s.position} AS row`;
