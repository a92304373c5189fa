import { DEFAULT_CONTACT_AFTER_DAYS } from '../../../../graph-schema/validity.ts';
import { inForceCypher, liveAtCypher, START_BY, targetTypeCypher } from './validity.ts';

/**
 * no_recent_contact (docs/gap-rules.md): each actor with influence 4 or 5 and a commitment in
 * force to a live target who took part in no held meeting from `contactAfterDays` before
 * `$asOf` up to `$asOf`, both days included; with those targets and its last held meeting before
 * then, if any. Only influential actors are looked at, so the meeting test runs for few.
 */
export const noRecentContactQuery = `
  ${START_BY}
  WITH m, startBy, coalesce(m.contactAfterDays, ${DEFAULT_CONTACT_AFTER_DAYS}) AS days
  WITH startBy, days, $asOf - duration({days: days}) AS since
  MATCH (x:Actor) WHERE x.mapId = $mapId AND x.influence >= 4
  WITH startBy, days, since, x, COLLECT {
    MATCH (x)-[c:COMMITTED_TO]->(t) WHERE ${inForceCypher('c')} AND ${liveAtCypher('t')}
    RETURN DISTINCT {id: t.id, name: t.title, type: ${targetTypeCypher('t')}} AS target ORDER BY target.name, target.id
  } AS targets
  WHERE size(targets) > 0
    AND NOT EXISTS {
      MATCH (g:Meeting)-[:PARTICIPANT]->(x)
      WHERE g.status = 'held' AND since <= g.date <= $asOf
    }
  RETURN x {.id, .name, influence: toFloat(x.influence), contactAfterDays: toFloat(days),
            targets: targets,
            lastMeeting: COLLECT {
              MATCH (g:Meeting)-[:PARTICIPANT]->(x) WHERE g.status = 'held' AND g.date <= $asOf
              RETURN {id: g.id, name: g.title, date: toString(g.date)} AS meeting
              ORDER BY g.date DESC, g.id LIMIT 1
            }[0]} AS row`;
