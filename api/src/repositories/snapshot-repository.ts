import {
  FACT_MODELS,
  NODE_MODELS,
  type MapContent,
  type SamspilMap,
} from '../../../graph-schema/index.ts';
import type { ManagedTransaction } from 'neo4j-driver';
import type { Database } from '../db/database.ts';
import { MapRepository } from './map-repository.ts';
import { readFacts, toNodeRow } from './reads.ts';
import { assertMap } from './shared.ts';
import { nodeProjection } from './storage.ts';

/** A whole map in the API's shape, every entity and fact: what the graph view reads. */
export interface MapSnapshot extends MapContent {
  map: SamspilMap;
}

const NODE_QUERIES = NODE_MODELS.map(
  (model) =>
    [
      model,
      `MATCH (n:${model.label}) WHERE n.mapId = $mapId RETURN ${nodeProjection(model)} ORDER BY n.id`,
    ] as const,
);

/** Reads a whole map in one read transaction, so every part comes from the same moment. */
export class SnapshotRepository {
  constructor(private readonly db: Database) {}

  load(mapId: string): Promise<MapSnapshot> {
    return this.db.read(async (tx) => {
      await assertMap(tx, mapId);
      return SnapshotRepository.loadIn(tx, mapId);
    });
  }

  /** The whole map as it reads inside `tx` (an import reads it under the map's write lock). */
  static async loadIn(tx: ManagedTransaction, mapId: string): Promise<MapSnapshot> {
    const snapshot: Record<string, unknown> = { map: await MapRepository.read(tx, mapId) };
    for (const [model, query] of NODE_QUERIES) {
      const result = await tx.run(query, { mapId });
      snapshot[model.collection] = result.records.map((record) =>
        toNodeRow(model, record.get('item')),
      );
    }
    for (const model of FACT_MODELS) {
      snapshot[model.collection] = await readFacts(tx, model, 'r.mapId = $mapId', { mapId });
    }
    return snapshot as unknown as MapSnapshot;
  }
}
