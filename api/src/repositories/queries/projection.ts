import {
  DEFAULT_CONTACT_AFTER_DAYS,
  DEFAULT_PLANNING_LEAD_DAYS,
} from '../../../../graph-schema/validity.ts';
import { politicalBodyCypher, standingDecisionCypher } from './decisions.ts';
import { inForceCypher, validAtCypher } from './validity.ts';

/**
 * The queries of the analysis projection (the map at `$asOf` for the in-memory rules,
 * alliances and metrics), by name, so the benchmark can run exactly these through the driver.
 * Each returns one `row` in the shape of its row type in graph-schema/analysis-rows.ts: facts
 * are filtered by validity in the database, dates come back as text and numbers as floats, which
 * keeps decoding cheap on a map of 10,000 actors.
 */

const CHECKED = 'verifiedAt: toString(r.verifiedAt), updatedOn: toString(date(r.updatedAt))';

/** A target's own period, as text. */
const PERIOD = 'startDate: toString(n.startDate), endDate: toString(n.endDate)';

/** The map's name and analysis settings (`MapInfo`). */
export const MAP_INFO_QUERY = `
  MATCH (m:Map {id: $mapId})
  RETURN m {.id, .name, currency: coalesce(m.currency, 'DKK'),
            expiryHorizonDays: toFloat(coalesce(m.expiryHorizonDays, 365)),
            staleAfterDays: toFloat(coalesce(m.staleAfterDays, 365)),
            planningLeadDays: toFloat(coalesce(m.planningLeadDays, ${DEFAULT_PLANNING_LEAD_DAYS})),
            contactAfterDays: toFloat(coalesce(m.contactAfterDays, ${DEFAULT_CONTACT_AFTER_DAYS}))} AS row`;

/**
 * The map's revision, raised in the same transaction as every write to the map, so an unchanged
 * revision means an unchanged map; with the map's creation time, which tells a map deleted and
 * created again under the same id (a re-seeded demo map) from the one before. No row for an
 * unknown map or one being deleted.
 */
export const REVISION_QUERY = `
  MATCH (m:Map {id: $mapId}) WHERE m.deleting IS NULL
  RETURN toString(m.createdAt) + '/' + toString(coalesce(m.revision, 0)) AS revision`;

/** Takes the map node's write lock, changing nothing: it waits for any write to the map. */
export const LOCK_MAP_QUERY = 'MATCH (m:Map {id: $mapId}) SET m._lock = true REMOVE m._lock';

export const PROJECTION_QUERIES = {
  map: MAP_INFO_QUERY,
  actors: `
    MATCH (n:Actor) WHERE n.mapId = $mapId
    RETURN n {.id, .name, .sector, influence: toFloat(n.influence),
              parentId: head([(n)-[:PART_OF]->(p:Actor) | p.id]),
              areaIds: [(n)-[:ACTIVE_IN]->(x:Area) | x.id]} AS row`,
  initiatives: `
    MATCH (n:Initiative) WHERE n.mapId = $mapId
    RETURN n {.id, name: n.title, .status, ${PERIOD}, budget: toFloat(n.budget),
              priority: toFloat(n.priority),
              planId: head([(n)-[:PART_OF]->(p:Plan) | p.id]),
              goalIds: [(n)-[:ADVANCES]->(g:Goal) | g.id],
              areaIds: [(n)-[:LOCATED_IN]->(x:Area) | x.id],
              dependsOn: [(n)-[:DEPENDS_ON]->(d:Initiative) | d.id]} AS row`,
  plans: `
    MATCH (n:Plan) WHERE n.mapId = $mapId
    RETURN n {.id, name: n.title, .status, ${PERIOD},
              parentId: head([(n)-[:PART_OF]->(p:Plan) | p.id]),
              areaIds: [(n)-[:LOCATED_IN]->(x:Area) | x.id]} AS row`,
  goals: 'MATCH (n:Goal) WHERE n.mapId = $mapId RETURN n {.id, name: n.title} AS row',
  areas: 'MATCH (n:Area) WHERE n.mapId = $mapId RETURN n {.id, .name} AS row',
  forums: 'MATCH (n:Forum) WHERE n.mapId = $mapId RETURN n {.id, .name} AS row',
  commitments: `
    MATCH (a:Actor)-[r:COMMITTED_TO]->(t) WHERE r.mapId = $mapId AND ${inForceCypher('r')}
    RETURN r {.id, actorId: a.id, targetId: t.id, .role, .status, amount: toFloat(r.amount),
              ${CHECKED}} AS row`,
  collaborations: `
    MATCH (a:Actor)-[r:COLLABORATES_WITH]->(b:Actor) WHERE r.mapId = $mapId AND ${validAtCypher('r')}
    RETURN r {.id, actorAId: a.id, actorBId: b.id, .kind, ${CHECKED}} AS row`,
  memberships: `
    MATCH (a:Actor)-[r:MEMBER_OF]->(f:Forum) WHERE r.mapId = $mapId AND ${validAtCypher('r')}
    RETURN r {.id, actorId: a.id, forumId: f.id, ${CHECKED}} AS row`,
  stances: `
    MATCH (a:Actor)-[r:STANCE]->(t) WHERE r.mapId = $mapId AND ${validAtCypher('r')}
    RETURN r {.id, actorId: a.id, targetId: t.id, .position, ${CHECKED}} AS row`,
  // A meeting brings its participants together on its own date only.
  meetings: `
    MATCH (n:Meeting) WHERE n.mapId = $mapId AND n.status = 'held' AND n.date = $asOf
    RETURN n {.id, name: n.title,
              participantIds: [(n)-[:PARTICIPANT]->(a:Actor) | a.id]} AS row`,
} as const;

/** A plan or initiative of a backing (`BackingTargetRow`); `WHERE` is filled in by the caller. */
export function backingTargetsQuery(label: 'Plan' | 'Initiative', where: string): string {
  const type = label === 'Plan' ? 'plan' : 'initiative';
  return `
    MATCH (n:${label}) WHERE ${where}
    RETURN n {type: '${type}', .id, name: n.title, .status, budget: toFloat(n.budget), ${PERIOD},
              parentPlanId: head([(n)-[:PART_OF]->(p:Plan) | p.id])} AS row`;
}

/** Every commitment and stance valid at `$asOf` on the targets `where` selects (`BackingFactRow`). */
export function backingFactsQuery(where: string): string {
  const fields = `{.id, fact: fact, actorId: a.id, actorName: a.name, actorSector: a.sector,
    targetId: t.id, role: r.role, status: r.status, position: r.position,
    amount: toFloat(r.amount), fundingType: r.fundingType, from: toString(r.from),
    to: toString(r.to), verifiedAt: toString(r.verifiedAt), note: r.note, outcome: null,
    reference: null,
    source: CASE WHEN r.sourceKind IS NULL THEN null
            ELSE {kind: r.sourceKind, url: r.sourceUrl, note: r.sourceNote} END}`;
  return `
    CALL () {
      MATCH (a:Actor)-[r:COMMITTED_TO]->(t) WHERE ${where} AND ${validAtCypher('r')}
      RETURN 'commitment' AS fact, a, r, t
      UNION ALL
      MATCH (a:Actor)-[r:STANCE]->(t) WHERE ${where} AND ${validAtCypher('r')}
      RETURN 'stance' AS fact, a, r, t
    }
    RETURN r ${fields} AS row
    ORDER BY r.id`;
}

/**
 * Every decision standing at `$asOf` on the targets `where` selects (over `r`, the decision,
 * and `t`), as `BackingFactRow`s: its body as the actor, its date as `from`.
 */
export function backingDecisionsQuery(where: string): string {
  return `
    MATCH (t)<-[:CONCERNS]-(r:Decision)-[:DECIDED_BY]->(a)
    WHERE ${where} AND (t:Initiative OR t:Plan) AND ${standingDecisionCypher('r', 'a', 't')}
    RETURN r {.id, fact: 'decision', actorId: a.id, actorName: a.name,
      actorSector: CASE WHEN a:Actor THEN a.sector
                        WHEN ${politicalBodyCypher('a')} THEN 'political' ELSE 'other' END,
      targetId: t.id, role: null, status: null, position: null, amount: null, fundingType: null,
      from: toString(r.date), to: null, verifiedAt: null, note: r.title, .outcome, .reference,
      source: CASE WHEN r.sourceKind IS NULL THEN null
              ELSE {kind: r.sourceKind, url: r.sourceUrl, note: r.sourceNote} END} AS row
    ORDER BY r.id`;
}
