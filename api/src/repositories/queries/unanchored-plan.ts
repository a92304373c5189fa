import { inForceCypher, liveAtCypher, START_BY } from './validity.ts';

/**
 * unanchored_plan (docs/gap-rules.md): each plan live at `$asOf` with no agreed or formalised
 * owner commitment in force, with the proposed owners it has.
 */
export const unanchoredPlanQuery = `
  ${START_BY}
  MATCH (p:Plan) WHERE p.mapId = $mapId AND ${liveAtCypher('p')}
  WITH p, [(a:Actor)-[c:COMMITTED_TO]->(p) WHERE c.role = 'owner' AND ${inForceCypher('c')}
           | {id: a.id, name: a.name, status: c.status}] AS owners
  WHERE none(o IN owners WHERE o.status IN ['agreed', 'formalised'])
  RETURN p {.id, name: p.title, owners: owners} AS row`;
