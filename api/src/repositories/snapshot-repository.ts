import type { Database } from '../db/database.ts';
import { toPlain } from '../db/values.ts';
import {
  ACTOR,
  AREA,
  COLLABORATION,
  COMMITMENT,
  FORUM,
  GOAL,
  INITIATIVE,
  MEMBERSHIP,
  PLAN,
  STANCE,
} from './definitions.ts';
import { factProjection, nodeProjection, toFactEntity, toNodeEntity } from './projections.ts';
import { assertMap } from './shared.ts';

/** A whole map as plain objects in the API's shape: what the graph view and the analysis read. */
export interface MapSnapshot {
  mapId: string;
  map: Record<string, unknown>;
  actors: Record<string, any>[];
  initiatives: Record<string, any>[];
  plans: Record<string, any>[];
  goals: Record<string, any>[];
  areas: Record<string, any>[];
  forums: Record<string, any>[];
  commitments: Record<string, any>[];
  collaborations: Record<string, any>[];
  memberships: Record<string, any>[];
  stances: Record<string, any>[];
}

const NODE_QUERIES = [ACTOR, INITIATIVE, PLAN, GOAL, AREA, FORUM].map(
  (def) =>
    [
      def,
      `MATCH (n:${def.label}) WHERE n.mapId = $mapId RETURN ${nodeProjection(def)} ORDER BY n.id`,
    ] as const,
);
const FACT_QUERIES = [COMMITMENT, COLLABORATION, MEMBERSHIP, STANCE].map(
  (def) =>
    [
      def,
      `MATCH (a)-[r:${def.type}]->(b) WHERE r.mapId = $mapId RETURN ${factProjection(def)} ORDER BY r.id`,
    ] as const,
);

/** Reads a whole map in one read transaction, so every part comes from the same moment. */
export class SnapshotRepository {
  constructor(private readonly db: Database) {}

  load(mapId: string): Promise<MapSnapshot> {
    return this.db.read(async (tx) => {
      await assertMap(tx, mapId);
      const mapResult = await tx.run('MATCH (m:Map {id: $mapId}) RETURN m { .* } AS map', {
        mapId,
      });
      const snapshot: Record<string, unknown> = {
        mapId,
        map: toPlain(mapResult.records[0]!.get('map')),
      };
      for (const [def, query] of NODE_QUERIES) {
        const result = await tx.run(query, { mapId });
        snapshot[def.collection] = result.records.map((record) =>
          toNodeEntity(def, record.get('item')),
        );
      }
      for (const [def, query] of FACT_QUERIES) {
        const result = await tx.run(query, { mapId });
        snapshot[def.collection] = result.records.map((record) =>
          toFactEntity(def, record.get('item')),
        );
      }
      return snapshot as unknown as MapSnapshot;
    });
  }
}
