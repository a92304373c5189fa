import type { ManagedTransaction } from 'neo4j-driver';
import type { Database } from '../db/database.ts';
import { idempotentCreate, openMapWrite, type MapTx, type WriteContext } from './map-write.ts';
import type { Row } from './reads.ts';
import { assertMap } from './shared.ts';

export type Body = Record<string, unknown>;

/** An element the change history holds, put back under its own id (see `createIn`). */
export interface Restore {
  id: string;
  version: number;
  createdAt: string;
}

/**
 * What every collection of a map (its nodes, its facts) offers in the same way. Each public
 * method is one managed transaction; a write opens it with `openMapWrite`, under the map's lock,
 * and hands it to the `…In` step that does the work. Those steps also run inside a write that is
 * already open, so an import or a revert can make many changes in one transaction.
 */
export abstract class MapCollection<Entity> {
  constructor(protected readonly db: Database) {}

  /** The element's row as stored, or null. */
  protected abstract readRow(
    tx: ManagedTransaction,
    mapId: string,
    id: string,
  ): Promise<Row | null>;

  /**
   * Creates the element inside an open map write and records it. `restore` puts back an element
   * the history holds, under its own id, with its version raised by one (so a client holding the
   * old version is told it is stale) and its first creation time.
   */
  abstract createIn(write: MapTx, body: Body, restore?: Restore): Promise<Entity>;

  abstract updateIn(write: MapTx, id: string, body: Body, ifMatch?: number): Promise<Entity | null>;

  abstract deleteIn(write: MapTx, id: string, ifMatch?: number): Promise<boolean>;

  protected entity(row: Row): Entity {
    // A row read through the collection's model has the model's fields.
    return row as Entity;
  }

  async get(mapId: string, id: string): Promise<Entity | null> {
    return this.db.read(async (tx) => {
      await assertMap(tx, mapId);
      const row = await this.readRow(tx, mapId, id);
      return row && this.entity(row);
    });
  }

  async create(mapId: string, body: Body, context: WriteContext): Promise<Entity> {
    return this.db.write(async (tx) => {
      const write = await openMapWrite(tx, mapId, context);
      return idempotentCreate(tx, context, () => this.createIn(write, body));
    });
  }

  async update(
    mapId: string,
    id: string,
    body: Body,
    context: WriteContext,
    ifMatch?: number,
  ): Promise<Entity | null> {
    return this.db.write(async (tx) =>
      this.updateIn(await openMapWrite(tx, mapId, context), id, body, ifMatch),
    );
  }

  async delete(
    mapId: string,
    id: string,
    context: WriteContext,
    ifMatch?: number,
  ): Promise<boolean> {
    return this.db.write(async (tx) =>
      this.deleteIn(await openMapWrite(tx, mapId, context), id, ifMatch),
    );
  }
}
