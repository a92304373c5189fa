import {
  isInt,
  type Integer,
  type ManagedTransaction,
  type Record as Neo4jRecord,
} from 'neo4j-driver';
import type { Sector, Source, Status } from '../../../graph-schema/index.ts';
import type { Database } from '../db/database.ts';
import { toNeo4jDate, toPlain } from '../db/values.ts';
import { inForceCypher, validAtCypher } from '../analysis/validity.ts';
import { assertMap } from './shared.ts';

/**
 * Reads for the analysis (gaps, alliances, backing, metrics). The general snapshot returns every
 * property of every entity in the API's shape; the analysis needs a handful of fields and only
 * the facts in force at `asOf`, so it has its own lean queries: facts are filtered by validity
 * in the database, dates come back as text and numbers as floats, which keeps decoding cheap on
 * a map of 10,000 actors.
 */

export interface MapInfo {
  id: string;
  name: string;
  currency: string;
  expiryHorizonDays: number;
  staleAfterDays: number;
}

export interface ActorRow {
  id: string;
  name: string;
  sector: Sector;
  influence: number | null;
  /** The organisation it is part of (PART_OF), which is not coordination. */
  parentId: string | null;
  areaIds: string[];
}

export interface InitiativeRow {
  id: string;
  name: string;
  status: Status;
  budget: number | null;
  priority: number | null;
  planId: string | null;
  goalIds: string[];
  areaIds: string[];
  dependsOn: string[];
}

export interface PlanRow {
  id: string;
  name: string;
  status: Status;
  parentId: string | null;
  areaIds: string[];
}

export interface NamedRow {
  id: string;
  name: string;
}

/** When a fact was last checked: `verifiedAt`, and the date of `updatedAt` as a fallback. */
export interface Checked {
  verifiedAt: string | null;
  updatedOn: string;
}

/** A commitment in force at `asOf` (valid and not withdrawn). */
export interface CommitmentRow extends Checked {
  id: string;
  actorId: string;
  targetId: string;
  role: string;
  status: string;
  amount: number | null;
}

/** A collaboration valid at `asOf`, tension included (alliances need to know about it). */
export interface CollaborationRow extends Checked {
  id: string;
  actorAId: string;
  actorBId: string;
  kind: string;
}

export interface MembershipRow extends Checked {
  id: string;
  actorId: string;
  forumId: string;
}

/** A stance valid at `asOf`. */
export interface StanceRow extends Checked {
  id: string;
  actorId: string;
  targetId: string;
  position: string;
}

/** What the in-memory rules, alliances and metrics read: the map at `asOf`. */
export interface AnalysisData {
  map: MapInfo;
  asOf: string;
  actors: ActorRow[];
  initiatives: InitiativeRow[];
  plans: PlanRow[];
  goals: NamedRow[];
  areas: NamedRow[];
  forums: NamedRow[];
  commitments: CommitmentRow[];
  collaborations: CollaborationRow[];
  memberships: MembershipRow[];
  stances: StanceRow[];
}

/** One fact of a target's backing, with everything a reader needs to judge how solid it is. */
export interface BackingFactRow {
  id: string;
  fact: 'commitment' | 'stance';
  actorId: string;
  actorName: string;
  actorSector: Sector;
  targetId: string;
  role: string | null;
  status: string | null;
  position: string | null;
  amount: number | null;
  fundingType: string | null;
  from: string | null;
  to: string | null;
  verifiedAt: string | null;
  note: string | null;
  source: Source | null;
}

export interface BackingTargetRow {
  type: 'initiative' | 'plan';
  id: string;
  name: string;
  status: Status;
  budget: number | null;
  /** The plan an initiative belongs to, or a plan's parent plan. */
  parentPlanId: string | null;
}

export interface BackingData {
  map: MapInfo;
  targets: BackingTargetRow[];
  facts: BackingFactRow[];
}

function num(value: unknown): number | null {
  if (value === null || value === undefined) return null;
  if (isInt(value)) return (value as Integer).toNumber();
  return value as number;
}

function toMapInfo(mapId: string, record: Neo4jRecord): MapInfo {
  return {
    id: mapId,
    name: record.get('name'),
    currency: record.get('currency'),
    expiryHorizonDays: num(record.get('expiry'))!,
    staleAfterDays: num(record.get('stale'))!,
  };
}

const str = (value: unknown): string | null =>
  value === null || value === undefined ? null : (value as string);

const CHECKED = 'toString(r.verifiedAt) AS verifiedAt, toString(date(r.updatedAt)) AS updatedOn';

/** The queries of `loadAnalysis`, by name, so the benchmark can run exactly these through the driver. */
export const ANALYSIS_QUERIES = {
  map: `MATCH (m:Map {id: $mapId})
        RETURN m.name AS name, coalesce(m.currency, 'DKK') AS currency,
               coalesce(m.expiryHorizonDays, 365) AS expiry, coalesce(m.staleAfterDays, 365) AS stale`,
  actors: `MATCH (n:Actor) WHERE n.mapId = $mapId
           RETURN n.id AS id, n.name AS name, n.sector AS sector, n.influence AS influence,
                  [(n)-[:ACTIVE_IN]->(x:Area) | x.id] AS areaIds,
                  head([(n)-[:PART_OF]->(p:Actor) | p.id]) AS parentId`,
  initiatives: `MATCH (n:Initiative) WHERE n.mapId = $mapId
                RETURN n.id AS id, n.title AS name, n.status AS status, toFloat(n.budget) AS budget,
                       n.priority AS priority,
                       head([(n)-[:PART_OF]->(p:Plan) | p.id]) AS planId,
                       [(n)-[:ADVANCES]->(g:Goal) | g.id] AS goalIds,
                       [(n)-[:LOCATED_IN]->(x:Area) | x.id] AS areaIds,
                       [(n)-[:DEPENDS_ON]->(d:Initiative) | d.id] AS dependsOn`,
  plans: `MATCH (n:Plan) WHERE n.mapId = $mapId
          RETURN n.id AS id, n.title AS name, n.status AS status,
                 head([(n)-[:PART_OF]->(p:Plan) | p.id]) AS parentId,
                 [(n)-[:LOCATED_IN]->(x:Area) | x.id] AS areaIds`,
  goals: 'MATCH (n:Goal) WHERE n.mapId = $mapId RETURN n.id AS id, n.title AS name',
  areas: 'MATCH (n:Area) WHERE n.mapId = $mapId RETURN n.id AS id, n.name AS name',
  forums: 'MATCH (n:Forum) WHERE n.mapId = $mapId RETURN n.id AS id, n.name AS name',
  commitments: `MATCH (a:Actor)-[r:COMMITTED_TO]->(t) WHERE r.mapId = $mapId AND ${inForceCypher('r')}
                RETURN r.id AS id, a.id AS actorId, t.id AS targetId, r.role AS role,
                       r.status AS status, toFloat(r.amount) AS amount, ${CHECKED}`,
  collaborations: `MATCH (a:Actor)-[r:COLLABORATES_WITH]->(b:Actor)
                   WHERE r.mapId = $mapId AND ${validAtCypher('r')}
                   RETURN r.id AS id, a.id AS actorAId, b.id AS actorBId, r.kind AS kind, ${CHECKED}`,
  memberships: `MATCH (a:Actor)-[r:MEMBER_OF]->(f:Forum) WHERE r.mapId = $mapId AND ${validAtCypher('r')}
                RETURN r.id AS id, a.id AS actorId, f.id AS forumId, ${CHECKED}`,
  stances: `MATCH (a:Actor)-[r:STANCE]->(t) WHERE r.mapId = $mapId AND ${validAtCypher('r')}
            RETURN r.id AS id, a.id AS actorId, t.id AS targetId, r.position AS position, ${CHECKED}`,
} as const;

const FACT_FIELDS = `r.id AS id, a.id AS actorId, a.name AS actorName, a.sector AS actorSector,
  t.id AS targetId, r.role AS role, r.status AS status, r.position AS position,
  toFloat(r.amount) AS amount, r.fundingType AS fundingType, toString(r.from) AS from,
  toString(r.to) AS to, toString(r.verifiedAt) AS verifiedAt, r.note AS note,
  r.sourceKind AS sourceKind, r.sourceUrl AS sourceUrl, r.sourceNote AS sourceNote`;

export class AnalysisRepository {
  constructor(private readonly db: Database) {}

  /** The map's name and analysis settings; 404 (`map_not_found`) for an unknown map. */
  loadMapInfo(mapId: string): Promise<MapInfo> {
    return this.db.read(async (tx) => {
      const record = (await tx.run(ANALYSIS_QUERIES.map, { mapId })).records[0];
      if (!record) await assertMap(tx, mapId);
      return toMapInfo(mapId, record!);
    });
  }

  /** The map at `asOf` for the in-memory rules; 404 (`map_not_found`) for an unknown map. */
  loadAnalysis(mapId: string, asOf: string): Promise<AnalysisData> {
    const params = { mapId, asOf: toNeo4jDate(asOf) };
    return this.db.read(async (tx) => {
      const run = async (query: string) => (await tx.run(query, params)).records;
      const mapRecords = await run(ANALYSIS_QUERIES.map);
      const mapRecord = mapRecords[0];
      if (!mapRecord) await assertMap(tx, mapId);
      const map = toMapInfo(mapId, mapRecord!);
      const actors = (await run(ANALYSIS_QUERIES.actors)).map((r) => ({
        id: r.get(0),
        name: r.get(1),
        sector: r.get(2),
        influence: num(r.get(3)),
        areaIds: r.get(4),
        parentId: r.get(5),
      }));
      const initiatives = (await run(ANALYSIS_QUERIES.initiatives)).map((r) => ({
        id: r.get(0),
        name: r.get(1),
        status: r.get(2),
        budget: r.get(3),
        priority: num(r.get(4)),
        planId: r.get(5),
        goalIds: r.get(6),
        areaIds: r.get(7),
        dependsOn: r.get(8),
      }));
      const plans = (await run(ANALYSIS_QUERIES.plans)).map((r) => ({
        id: r.get(0),
        name: r.get(1),
        status: r.get(2),
        parentId: r.get(3),
        areaIds: r.get(4),
      }));
      const named = async (query: string) =>
        (await run(query)).map((r) => ({ id: r.get(0) as string, name: r.get(1) as string }));
      const goals = await named(ANALYSIS_QUERIES.goals);
      const areas = await named(ANALYSIS_QUERIES.areas);
      const forums = await named(ANALYSIS_QUERIES.forums);
      const commitments = (await run(ANALYSIS_QUERIES.commitments)).map((r) => ({
        id: r.get(0),
        actorId: r.get(1),
        targetId: r.get(2),
        role: r.get(3),
        status: r.get(4),
        amount: r.get(5),
        verifiedAt: r.get(6),
        updatedOn: r.get(7),
      }));
      const collaborations = (await run(ANALYSIS_QUERIES.collaborations)).map((r) => ({
        id: r.get(0),
        actorAId: r.get(1),
        actorBId: r.get(2),
        kind: r.get(3),
        verifiedAt: r.get(4),
        updatedOn: r.get(5),
      }));
      const memberships = (await run(ANALYSIS_QUERIES.memberships)).map((r) => ({
        id: r.get(0),
        actorId: r.get(1),
        forumId: r.get(2),
        verifiedAt: r.get(3),
        updatedOn: r.get(4),
      }));
      const stances = (await run(ANALYSIS_QUERIES.stances)).map((r) => ({
        id: r.get(0),
        actorId: r.get(1),
        targetId: r.get(2),
        position: r.get(3),
        verifiedAt: r.get(4),
        updatedOn: r.get(5),
      }));
      return {
        map,
        asOf,
        actors,
        initiatives,
        plans,
        goals,
        areas,
        forums,
        commitments,
        collaborations,
        memberships,
        stances,
      };
    });
  }

  /**
   * Runs one rule query (see `CypherRule`) in its own read transaction, so the engine can run
   * several at once beside `loadAnalysis`. Rows come back as plain objects.
   */
  runRuleQuery(cypher: string, mapId: string, asOf: string): Promise<Record<string, any>[]> {
    return this.db.read(async (tx) => {
      const result = await tx.run(cypher, { mapId, asOf: toNeo4jDate(asOf) });
      return result.records.map((record) => toPlain(record.toObject()) as Record<string, any>);
    });
  }

  /**
   * Backing of one target (`targetId`) or of every initiative and plan (`null`): the targets,
   * the plans (for ancestry and descendants), and every commitment and stance valid at `asOf` on
   * the targets concerned, withdrawn ones included (a reader should see that support was
   * withdrawn). Returns null when `targetId` names no initiative or plan of the map.
   */
  loadBacking(mapId: string, targetId: string | null, asOf: string): Promise<BackingData | null> {
    const params = { mapId, asOf: toNeo4jDate(asOf) };
    return this.db.read(async (tx) => {
      await assertMap(tx, mapId);
      const mapRecord = (await tx.run(ANALYSIS_QUERIES.map, params)).records[0]!;
      const map = toMapInfo(mapId, mapRecord);
      // Plans are few, so all of them come along: ancestry (political backing through parent
      // plans) and descendants (a plan's backing via its initiatives) are resolved in memory.
      const plans = await this.targets(tx, 'Plan', `n.mapId = $mapId`, params);
      let initiatives: BackingTargetRow[];
      if (targetId === null) {
        initiatives = await this.targets(tx, 'Initiative', 'n.mapId = $mapId', params);
      } else if (plans.some((plan) => plan.id === targetId)) {
        const planIds = descendantPlans(plans, targetId);
        initiatives = await this.targets(
          tx,
          'Initiative',
          'n.mapId = $mapId AND EXISTS { (n)-[:PART_OF]->(p:Plan) WHERE p.id IN $planIds }',
          { ...params, planIds },
        );
      } else {
        initiatives = await this.targets(
          tx,
          'Initiative',
          'n.id = $targetId AND n.mapId = $mapId',
          {
            ...params,
            targetId,
          },
        );
        if (initiatives.length === 0) return null;
      }
      const targets = [...plans, ...initiatives];
      const facts =
        targetId === null
          ? await this.backingFacts(tx, 'r.mapId = $mapId', params)
          : await this.backingFacts(tx, 't.id IN $ids AND r.mapId = $mapId', {
              ...params,
              ids: targets.map((target) => target.id),
            });
      return { map, targets, facts };
    });
  }

  private async targets(
    tx: ManagedTransaction,
    label: 'Plan' | 'Initiative',
    where: string,
    params: Record<string, unknown>,
  ): Promise<BackingTargetRow[]> {
    const result = await tx.run(
      `MATCH (n:${label}) WHERE ${where}
       RETURN n.id AS id, n.title AS name, n.status AS status, toFloat(n.budget) AS budget,
              head([(n)-[:PART_OF]->(p:Plan) | p.id]) AS parentPlanId`,
      params,
    );
    return result.records.map((r) => ({
      type: label === 'Plan' ? 'plan' : 'initiative',
      id: r.get('id'),
      name: r.get('name'),
      status: r.get('status'),
      budget: r.get('budget'),
      parentPlanId: str(r.get('parentPlanId')),
    }));
  }

  private async backingFacts(
    tx: ManagedTransaction,
    where: string,
    params: Record<string, unknown>,
  ) {
    const result = await tx.run(
      `CALL () {
         MATCH (a:Actor)-[r:COMMITTED_TO]->(t) WHERE ${where} AND ${validAtCypher('r')}
         RETURN 'commitment' AS fact, a, r, t
         UNION ALL
         MATCH (a:Actor)-[r:STANCE]->(t) WHERE ${where} AND ${validAtCypher('r')}
         RETURN 'stance' AS fact, a, r, t
       }
       RETURN fact, ${FACT_FIELDS}
       ORDER BY r.id`,
      params,
    );
    return result.records.map((r): BackingFactRow => {
      const sourceKind = str(r.get('sourceKind')) as Source['kind'] | null;
      return {
        id: r.get('id'),
        fact: r.get('fact'),
        actorId: r.get('actorId'),
        actorName: r.get('actorName'),
        actorSector: r.get('actorSector'),
        targetId: r.get('targetId'),
        role: str(r.get('role')),
        status: str(r.get('status')),
        position: str(r.get('position')),
        amount: r.get('amount'),
        fundingType: str(r.get('fundingType')),
        from: str(r.get('from')),
        to: str(r.get('to')),
        verifiedAt: str(r.get('verifiedAt')),
        note: str(r.get('note')),
        source: sourceKind
          ? {
              kind: sourceKind,
              ...(r.get('sourceUrl') ? { url: r.get('sourceUrl') } : {}),
              ...(r.get('sourceNote') ? { note: r.get('sourceNote') } : {}),
            }
          : null,
      };
    });
  }
}

/** `planId` and every plan below it. */
function descendantPlans(plans: BackingTargetRow[], planId: string): string[] {
  const children = new Map<string, string[]>();
  for (const plan of plans) {
    if (!plan.parentPlanId) continue;
    const list = children.get(plan.parentPlanId) ?? [];
    list.push(plan.id);
    children.set(plan.parentPlanId, list);
  }
  const out: string[] = [];
  const stack = [planId];
  const seen = new Set<string>();
  while (stack.length) {
    const id = stack.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    out.push(id);
    stack.push(...(children.get(id) ?? []));
  }
  return out;
}
