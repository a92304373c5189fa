import { inForceCypher, liveAtCypher, START_BY, targetTypeCypher } from './validity.ts';

/**
 * expiring_commitment (docs/gap-rules.md): each commitment in force whose `to` falls within the
 * map's expiry horizon after `$asOf`, on a live target that goes on after it (a later end date,
 * or none). Date arithmetic against the map's own setting, through the commitment index by map.
 */
export const expiringCommitmentQuery = `
  ${START_BY}
  WITH startBy, $asOf + duration({days: coalesce(m.expiryHorizonDays, 365)}) AS horizon
  MATCH (a:Actor)-[c:COMMITTED_TO]->(t)
  WHERE c.mapId = $mapId AND c.to IS NOT NULL AND c.to <= horizon AND ${inForceCypher('c')}
    AND ${liveAtCypher('t')} AND (t.endDate IS NULL OR t.endDate > c.to)
  RETURN c {.id, .role, to: toString(c.to), actor: {id: a.id, name: a.name},
            target: {id: t.id, name: t.title, type: ${targetTypeCypher('t')},
                     endDate: toString(t.endDate)}} AS row`;
