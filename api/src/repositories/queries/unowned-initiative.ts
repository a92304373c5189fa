import { inForceCypher, liveAtCypher, START_BY } from './validity.ts';

/**
 * unowned_initiative (docs/gap-rules.md): each initiative live at `$asOf` whose owner
 * commitments in force include no agreed or formalised one, with the proposed owners it has.
 * One pattern per initiative; only the initiatives that lack an owner come back.
 */
export const unownedInitiativeQuery = `
  ${START_BY}
  MATCH (i:Initiative) WHERE i.mapId = $mapId AND ${liveAtCypher('i')}
  WITH i, [(a:Actor)-[c:COMMITTED_TO]->(i) WHERE c.role = 'owner' AND ${inForceCypher('c')}
           | {id: a.id, name: a.name, status: c.status}] AS owners
  WHERE none(o IN owners WHERE o.status IN ['agreed', 'formalised'])
  RETURN i {.id, name: i.title, .status, owners: owners} AS row`;
