import { targetTypeCypher } from './validity.ts';

/**
 * What a meeting brief reads besides the analysis (`BriefRecords` in
 * graph-schema/analysis-rows.ts), for the parties `$actorIds` at `$asOf`. Records dated after
 * `$asOf` are left out, so a brief at an earlier date reads as it would have then.
 */
export const BRIEF_QUERIES = {
  actors: `
    MATCH (n:Actor) WHERE n.mapId = $mapId AND n.id IN $actorIds
    RETURN n {.id, .name, .sector, type: n.type, influence: toFloat(n.influence),
              interest: toFloat(n.interest)} AS row`,
  participations: `
    MATCH (g:Meeting)-[p:PARTICIPANT]->(a:Actor)
    WHERE g.mapId = $mapId AND a.id IN $actorIds AND g.status = 'held' AND g.date <= $asOf
    RETURN {actorId: a.id, meetingId: g.id, name: g.title, date: toString(g.date),
            sentiment: coalesce(p.sentiment, 'unknown'), note: p.note} AS row
    ORDER BY g.date DESC, g.id`,
  actions: `
    MATCH (n:Action) WHERE n.mapId = $mapId AND n.status = 'open'
      AND (EXISTS { (n)-[:OWNED_BY]->(o:Actor) WHERE o.id IN $actorIds }
           OR EXISTS { (n)-[:FROM_MEETING]->(:Meeting)-[:PARTICIPANT]->(p:Actor)
                       WHERE p.id IN $actorIds })
    RETURN n {.id, name: n.title, .status, due: toString(n.due),
              owner: head([(n)-[:OWNED_BY]->(o:Actor) | {id: o.id, name: o.name}]),
              target: head([(n)-[:CONCERNS]->(t) WHERE t:Initiative OR t:Plan
                            | {id: t.id, name: t.title, type: ${targetTypeCypher('t')}}]),
              meeting: head([(n)-[:FROM_MEETING]->(g:Meeting)
                             | {id: g.id, name: g.title, date: toString(g.date),
                                participantIds: [(g)-[:PARTICIPANT]->(x:Actor) | x.id]}])} AS row
    ORDER BY n.due, n.id`,
  decisions: `
    MATCH (d:Decision)-[:CONCERNS]->(t)
    WHERE d.mapId = $mapId AND t.id IN $targetIds AND (t:Initiative OR t:Plan) AND d.date <= $asOf
    RETURN d {.id, name: d.title, date: toString(d.date), .outcome, reference: d.reference,
              body: head([(d)-[:DECIDED_BY]->(b) | {id: b.id, name: coalesce(b.name, b.title)}]),
              target: {id: t.id, name: t.title, type: ${targetTypeCypher('t')}}} AS row
    ORDER BY d.date DESC, d.id`,
} as const;
