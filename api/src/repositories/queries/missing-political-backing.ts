import { politicalBodyCypher, standingDecisionCypher } from './decisions.ts';
import { inForceCypher, liveAtCypher, START_BY, validAtCypher } from './validity.ts';

/**
 * missing_political_backing (docs/gap-rules.md): each live initiative with no political actor
 * committed to it (in force), no valid supports/champion stance from one, and no standing
 * approval by a political body, on the initiative or on a plan above it (a variable-length walk
 * up PART_OF). With its plans, the political stances recorded on it and the standing political
 * decisions on it that are not approvals.
 */
export const missingPoliticalBackingQuery = `
  ${START_BY}
  MATCH (i:Initiative) WHERE i.mapId = $mapId AND ${liveAtCypher('i')}
    AND NOT EXISTS {
      MATCH (x:Actor)-[c:COMMITTED_TO]->(i) WHERE x.sector = 'political' AND ${inForceCypher('c')}
    }
    AND NOT EXISTS {
      MATCH (x:Actor)-[s:STANCE]->(i)
      WHERE x.sector = 'political' AND s.position IN ['supports', 'champion'] AND ${validAtCypher('s')}
    }
    AND NOT EXISTS {
      MATCH (i)-[:PART_OF]->(:Plan)-[:PART_OF*0..]->(p:Plan)<-[s:STANCE]-(x:Actor)
      WHERE x.sector = 'political' AND s.position IN ['supports', 'champion'] AND ${validAtCypher('s')}
    }
    AND NOT EXISTS {
      MATCH (i)-[:PART_OF*0..]->(t)<-[:CONCERNS]-(d:Decision)-[:DECIDED_BY]->(b)
      WHERE (t:Initiative OR t:Plan) AND d.outcome = 'approved'
        AND ${politicalBodyCypher('b')} AND ${standingDecisionCypher('d', 'b', 't')}
    }
  RETURN i {.id, name: i.title,
            plans: [(i)-[:PART_OF]->(p:Plan) | {id: p.id, name: p.title}],
            stances: [(x:Actor)-[s:STANCE]->(i) WHERE x.sector = 'political' AND ${validAtCypher('s')}
                      | {id: x.id, name: x.name, position: s.position}],
            decisions: COLLECT {
              MATCH (d:Decision)-[:CONCERNS]->(i), (d)-[:DECIDED_BY]->(b)
              WHERE ${politicalBodyCypher('b')} AND ${standingDecisionCypher('d', 'b', 'i')}
              RETURN {id: b.id, name: b.name, type: CASE WHEN b:Forum THEN 'forum' ELSE 'actor' END,
                      outcome: d.outcome,
                      date: toString(d.date)} AS decision
              ORDER BY decision.date, decision.id
            }} AS row`;
