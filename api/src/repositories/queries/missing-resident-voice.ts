import { standingDecisionCypher } from './decisions.ts';
import { inForceCypher, liveAtCypher, START_BY, targetTypeCypher } from './validity.ts';

/**
 * missing_resident_voice (docs/gap-rules.md): each live initiative or plan located in areas
 * where no residents actor active in the area has a commitment in force, a valid stance or a
 * standing decision on it, with those areas and up to three of each area's residents actors
 * (for the suggestion).
 * Driven from the areas, so each area's residents are looked up once, not once per target; the
 * voice test walks only the few facts of each target. `inForceCypher` serves both fact types.
 */
export const missingResidentVoiceQuery = `
  ${START_BY}
  MATCH (area:Area) WHERE area.mapId = $mapId
  CALL (area) {
    MATCH (y:Actor)-[:ACTIVE_IN]->(area) WHERE y.sector = 'residents'
    WITH y ORDER BY y.name, y.id LIMIT 3
    RETURN collect({id: y.id, name: y.name}) AS residents
  }
  MATCH (t)-[:LOCATED_IN]->(area)
  WHERE (t:Initiative OR t:Plan) AND ${liveAtCypher('t')}
    AND NOT EXISTS {
      MATCH (x:Actor)-[r:COMMITTED_TO|STANCE]->(t)
      WHERE x.sector = 'residents' AND (x)-[:ACTIVE_IN]->(area) AND ${inForceCypher('r')}
    }
    AND NOT EXISTS {
      MATCH (t)<-[:CONCERNS]-(d:Decision)-[:DECIDED_BY]->(x:Actor)
      WHERE x.sector = 'residents' AND (x)-[:ACTIVE_IN]->(area)
        AND ${standingDecisionCypher('d', 'x', 't')}
    }
  WITH t, collect({id: area.id, name: area.name, residents: residents}) AS areas
  RETURN t {.id, name: t.title, type: ${targetTypeCypher('t')}, areas: areas} AS row`;
