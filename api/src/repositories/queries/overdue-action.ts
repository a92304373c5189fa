import { targetTypeCypher } from './validity.ts';

/**
 * overdue_action (docs/gap-rules.md): each open action whose due date lies before `$asOf`, with
 * how many days late it is, its owner, what it concerns and the meeting it was agreed at.
 */
export const overdueActionQuery = `
  MATCH (n:Action) WHERE n.mapId = $mapId AND n.status = 'open' AND n.due < $asOf
  RETURN n {.id, name: n.title, due: toString(n.due),
            daysLate: toFloat(duration.inDays(n.due, $asOf).days),
            owner: head([(n)-[:OWNED_BY]->(o:Actor) | {id: o.id, name: o.name}]),
            target: head([(n)-[:CONCERNS]->(t) WHERE t:Initiative OR t:Plan
                          | {id: t.id, name: t.title, type: ${targetTypeCypher('t')}}]),
            meeting: head([(n)-[:FROM_MEETING]->(g:Meeting)
                           | {id: g.id, name: g.title, date: toString(g.date)}])} AS row`;
