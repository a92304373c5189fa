import type { ManagedTransaction } from 'neo4j-driver';
import type { Database } from '../db/database.ts';
import type { Entity } from './projections.ts';
import { assertMap } from './shared.ts';

/**
 * What node and fact repositories share: reading one entity of a map by id, inside a
 * transaction or as a read of its own that answers 404 for an unknown map.
 */
export abstract class ScopedRepository {
  /** Cypher that binds the entity for `$mapId` and `$id`. */
  protected abstract readonly match: string;
  /** The `… AS item` projection returned by `match`. */
  protected abstract readonly projection: string;

  constructor(protected readonly db: Database) {}

  protected abstract toEntity(item: Record<string, unknown>): Entity;

  protected async read(tx: ManagedTransaction, mapId: string, id: string): Promise<Entity | null> {
    const result = await tx.run(`${this.match} RETURN ${this.projection}`, { mapId, id });
    const record = result.records[0];
    return record ? this.toEntity(record.get('item')) : null;
  }

  async get(mapId: string, id: string): Promise<Entity | null> {
    return this.db.read(async (tx) => {
      await assertMap(tx, mapId);
      return this.read(tx, mapId, id);
    });
  }
}
