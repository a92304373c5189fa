import type { ManagedTransaction } from 'neo4j-driver';
import type {
  AnalysisData,
  BackingData,
  BackingFactRow,
  BackingTargetRow,
  BriefRecords,
  CypherRuleKind,
  MapInfo,
  RuleRows,
} from '../../../graph-schema/analysis-rows.ts';
import type { Source } from '../../../graph-schema/index.ts';
import type { Database } from '../db/database.ts';
import { toNeo4jDate } from '../db/values.ts';
import { errors } from '../errors.ts';
import {
  backingDecisionsQuery,
  backingFactsQuery,
  backingTargetsQuery,
  LOCK_MAP_QUERY,
  MAP_INFO_QUERY,
  PROJECTION_QUERIES,
  REVISION_QUERY,
} from './queries/projection.ts';
import { BRIEF_QUERIES } from './queries/brief.ts';
import { RULE_QUERIES } from './queries/rules.ts';

/**
 * Reads for the analysis (gaps, alliances, backing, metrics). The general snapshot returns every
 * property of every entity in the API's shape; the analysis needs a handful of fields and only
 * the facts in force at `asOf`, so it has its own lean queries (queries/projection.ts and one
 * file per Cypher gap rule). Every query returns one map per row (`RETURN x {…} AS row`) already
 * in the shape of its row type in graph-schema/analysis-rows.ts, so rows are read by name and
 * need no decoding.
 */
export class AnalysisRepository {
  constructor(private readonly db: Database) {}

  /**
   * The map's revision as an opaque text that changes with every write to the map (each raises
   * the map's `revision` in its own transaction) and differs between a map and one created again
   * under its id; null for an unknown map. One index lookup, so a cached analysis can be served
   * after it.
   */
  revision(mapId: string): Promise<string | null> {
    return this.db.read(async (tx) => {
      const record = (await tx.run(REVISION_QUERY, { mapId })).records[0];
      return record ? (record.get('revision') as string) : null;
    });
  }

  /**
   * The map's revision, read under the map's write lock. Neo4j can show a read part of a
   * transaction whose commit is still being applied; a write holds the map's lock until its
   * commit is applied in full. So once this read has the lock, every write up to the revision it
   * returns is visible in full and no later one is under way. A write transaction that changes
   * nothing: it only waits for the lock.
   */
  settledRevision(mapId: string): Promise<string | null> {
    return this.db.write(async (tx) => {
      await tx.run(LOCK_MAP_QUERY, { mapId });
      const record = (await tx.run(REVISION_QUERY, { mapId })).records[0];
      return record ? (record.get('revision') as string) : null;
    });
  }

  /** The map's name and analysis settings; 404 (`map_not_found`) for an unknown map. */
  loadMapInfo(mapId: string): Promise<MapInfo> {
    return this.db.read((tx) => mapInfo(tx, mapId));
  }

  /** The map at `asOf` for the in-memory rules; 404 (`map_not_found`) for an unknown map. */
  loadAnalysis(mapId: string, asOf: string): Promise<AnalysisData> {
    const params = { mapId, asOf: toNeo4jDate(asOf) };
    return this.db.read(async (tx) => {
      const map = await mapInfo(tx, mapId);
      const rows = async <T>(query: string): Promise<T[]> =>
        (await tx.run(query, params)).records.map((record) => record.get('row') as T);
      const q = PROJECTION_QUERIES;
      return {
        map,
        asOf,
        actors: await rows(q.actors),
        initiatives: await rows(q.initiatives),
        plans: await rows(q.plans),
        goals: await rows(q.goals),
        areas: await rows(q.areas),
        forums: await rows(q.forums),
        commitments: await rows(q.commitments),
        collaborations: await rows(q.collaborations),
        memberships: await rows(q.memberships),
        stances: await rows(q.stances),
        meetings: await rows(q.meetings),
      };
    });
  }

  /**
   * The rows of one Cypher gap rule at `asOf`, in a read transaction of their own, so several
   * rules run at once beside `loadAnalysis`. An unknown map has no rows.
   */
  ruleRows<K extends CypherRuleKind>(kind: K, mapId: string, asOf: string): Promise<RuleRows[K][]> {
    return this.db.read(async (tx) => {
      const result = await tx.run(RULE_QUERIES[kind], { mapId, asOf: toNeo4jDate(asOf) });
      return result.records.map((record) => record.get('row') as RuleRows[K]);
    });
  }

  /**
   * What a meeting brief of the parties `actorIds` reads besides the analysis: their type and
   * interest, the held meetings they took part in up to `asOf`, the open actions they own or that
   * were agreed at their meetings, and the decisions up to `asOf` on `targetIds`.
   */
  loadBriefRecords(
    mapId: string,
    actorIds: string[],
    targetIds: string[],
    asOf: string,
  ): Promise<BriefRecords> {
    const params = { mapId, actorIds, targetIds, asOf: toNeo4jDate(asOf) };
    return this.db.read(async (tx) => {
      const rows = async <T>(query: string): Promise<T[]> =>
        (await tx.run(query, params)).records.map((record) => record.get('row') as T);
      const q = BRIEF_QUERIES;
      return {
        actors: await rows(q.actors),
        participations: await rows(q.participations),
        actions: await rows(q.actions),
        decisions: await rows(q.decisions),
      };
    });
  }

  /**
   * Backing of one target (`targetId`) or of every initiative and plan (`null`): the targets,
   * the plans (for ancestry and descendants), every commitment and stance valid at `asOf` on
   * the targets concerned, withdrawn ones included (a reader should see that support was
   * withdrawn), and the decisions standing then. Returns null when `targetId` names no initiative or plan of the map.
   */
  loadBacking(mapId: string, targetId: string | null, asOf: string): Promise<BackingData | null> {
    const params = { mapId, asOf: toNeo4jDate(asOf) };
    return this.db.read(async (tx) => {
      const map = await mapInfo(tx, mapId);
      const targets = async (label: 'Plan' | 'Initiative', where: string, extra = {}) =>
        (await tx.run(backingTargetsQuery(label, where), { ...params, ...extra })).records.map(
          (record) => record.get('row') as BackingTargetRow,
        );
      // Plans are few, so all of them come along: ancestry (political backing through parent
      // plans) and descendants (a plan's backing via its initiatives) are resolved in memory.
      const plans = await targets('Plan', 'n.mapId = $mapId');
      let initiatives: BackingTargetRow[];
      if (targetId === null) {
        initiatives = await targets('Initiative', 'n.mapId = $mapId');
      } else if (plans.some((plan) => plan.id === targetId)) {
        initiatives = await targets(
          'Initiative',
          'n.mapId = $mapId AND EXISTS { (n)-[:PART_OF]->(p:Plan) WHERE p.id IN $planIds }',
          { planIds: descendantPlans(plans, targetId) },
        );
      } else {
        initiatives = await targets('Initiative', 'n.id = $targetId AND n.mapId = $mapId', {
          targetId,
        });
        if (initiatives.length === 0) return null;
      }
      const all = [...plans, ...initiatives];
      const where = targetId === null ? 'r.mapId = $mapId' : 't.id IN $ids AND r.mapId = $mapId';
      const ids = all.map((target) => target.id);
      const facts: BackingFactRow[] = [];
      for (const query of [backingFactsQuery(where), backingDecisionsQuery(where)]) {
        for (const record of (await tx.run(query, { ...params, ids })).records) {
          const row = record.get('row') as BackingFactRow & { source: NullableSource | null };
          facts.push({ ...row, source: row.source && sourceOf(row.source) });
        }
      }
      return { map, targets: all, facts };
    });
  }
}

/** A source as the query returns it: absent fields come back as null. */
interface NullableSource {
  kind: Source['kind'];
  url: string | null;
  note: string | null;
}

/** The API's `Source` leaves out what is not recorded. */
function sourceOf(source: NullableSource): Source {
  return {
    kind: source.kind,
    ...(source.url ? { url: source.url } : {}),
    ...(source.note ? { note: source.note } : {}),
  };
}

async function mapInfo(tx: ManagedTransaction, mapId: string): Promise<MapInfo> {
  const record = (await tx.run(MAP_INFO_QUERY, { mapId })).records[0];
  if (!record) throw errors.mapNotFound(mapId);
  return record.get('row') as MapInfo;
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
