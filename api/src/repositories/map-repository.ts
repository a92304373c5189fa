import type { ManagedTransaction } from 'neo4j-driver';
import { ulid } from 'ulid';
import {
  MAP_CONTENT_LABELS,
  type MapRole,
  MAP_FIELDS,
  type MapCreate,
  type MapPatch,
  type SamspilMap,
} from '../../../graph-schema/index.ts';
import type { Database } from '../db/database.ts';
import { int, toPlain } from '../db/values.ts';
import {
  idempotentCreate,
  MapTx,
  openMapWrite,
  retryOnKeyCollision,
  type WriteContext,
} from './map-write.ts';
import { decodeCursor, fullTextQuery, toPage, type Page } from './pagination.ts';
import { MemberRepository } from './member-repository.ts';
import { lockVersion } from './shared.ts';
import { fromProperties, toProperties } from './storage.ts';

export type Positions = Record<string, { x: number; y: number; pinned?: boolean }>;

function toMap(stored: Record<string, unknown>): SamspilMap {
  return fromProperties(MAP_FIELDS, stored) as SamspilMap;
}

const MAP_MATCH = 'MATCH (x:Map {id: $id})';

/** Maps: the workspaces. Everything else lives inside exactly one map. */
export class MapRepository {
  constructor(private readonly db: Database) {}

  /** The map as it reads inside `tx`; null for an unknown map or one being deleted. */
  static async read(tx: ManagedTransaction, id: string): Promise<SamspilMap | null> {
    const result = await tx.run(
      'MATCH (m:Map {id: $id}) WHERE m.deleting IS NULL RETURN m { .* } AS map',
      { id },
    );
    const record = result.records[0];
    return record ? toMap(record.get('map')) : null;
  }

  get(id: string): Promise<SamspilMap | null> {
    return this.db.read((tx) => MapRepository.read(tx, id));
  }

  /** The map's revision: raised by every write to it, so equal revisions mean equal content. */
  async revision(id: string): Promise<number | null> {
    return this.db.read(async (tx) => {
      const result = await tx.run(
        'MATCH (m:Map {id: $id}) WHERE m.deleting IS NULL RETURN coalesce(m.revision, 0) AS revision',
        { id },
      );
      const record = result.records[0];
      return record ? Number(toPlain(record.get('revision'))) : null;
    });
  }

  /** Whether the database holds any map at all (the first start loads the demo map). */
  async hasAny(): Promise<boolean> {
    return this.db.read(async (tx) => {
      const result = await tx.run('MATCH (m:Map) RETURN m.id AS id LIMIT 1');
      return result.records.length > 0;
    });
  }

  /** The maps `userId` has a role on, each with that role, by id. */
  async list(
    userId: string,
    query: { q?: string; limit?: number; cursor?: string },
  ): Promise<Page<SamspilMap & { access: MapRole }>> {
    const limit = query.limit ?? 100;
    const params: Record<string, unknown> = {
      userId,
      after: decodeCursor(query.cursor),
      limit: int(limit + 1),
    };
    let source = 'MATCH (:User {id: $userId})-[r:HAS_ROLE]->(m:Map)';
    if (query.q !== undefined) {
      const text = fullTextQuery(query.q);
      if (text === null) return { items: [], nextCursor: null };
      params.text = text;
      source = `CALL db.index.fulltext.queryNodes('entity_names', $text) YIELD node AS m
        WITH m WHERE m:Map MATCH (:User {id: $userId})-[r:HAS_ROLE]->(m)`;
    }
    return this.db.read(async (tx) => {
      const result = await tx.run(
        `${source} WITH m, r WHERE m.deleting IS NULL AND ($after IS NULL OR m.id > $after)
         WITH m, r ORDER BY m.id LIMIT $limit RETURN m { .* } AS map, r.role AS role`,
        params,
      );
      return toPage(
        result.records.map((record) => ({
          ...toMap(record.get('map')),
          access: record.get('role') as MapRole,
        })),
        limit,
      );
    });
  }

  /**
   * Creates a map; `id` is given only by seeders, which derive stable ids. `ownerId` becomes its
   * owner in the same transaction, so a map is never without one.
   */
  async create(
    input: MapCreate,
    context: WriteContext,
    id: string = ulid(),
    ownerId?: string,
  ): Promise<SamspilMap> {
    return retryOnKeyCollision(() =>
      this.db.write((tx) =>
        idempotentCreate(tx, context, () =>
          MapRepository.createIn(tx, input, context, id, ownerId),
        ),
      ),
    );
  }

  /**
   * Creates a map inside `tx` and records it (an import from a file makes its map so); `ownerId`
   * becomes its owner in the same transaction.
   */
  static async createIn(
    tx: ManagedTransaction,
    input: MapCreate,
    context: WriteContext,
    id: string = ulid(),
    ownerId?: string,
  ): Promise<SamspilMap> {
    await tx.run(
      `CREATE (m:Map {id: $id}) SET m += $props, m.version = $version, m.revision = $version,
       m.createdAt = datetime(), m.updatedAt = datetime()`,
      { id, version: int(1), props: toProperties(MAP_FIELDS, input) },
    );
    if (ownerId) await MemberRepository.grantIn(tx, id, ownerId, 'owner');
    const created = (await MapRepository.read(tx, id))!;
    await new MapTx(tx, id, 1, context).record({
      entityType: 'map',
      entityId: id,
      op: 'create',
      before: null,
      after: created,
    });
    return created;
  }

  async update(
    id: string,
    input: MapPatch,
    context: WriteContext,
    ifMatch?: number,
  ): Promise<SamspilMap> {
    return this.db.write(async (tx) => {
      const write = await openMapWrite(tx, id, context);
      await lockVersion(tx, MAP_MATCH, { id }, ifMatch);
      return this.updateIn(write, input);
    });
  }

  /** Changes the map's own fields inside an open write on it, and records the change. */
  async updateIn(write: MapTx, input: MapPatch): Promise<SamspilMap> {
    const { tx, mapId: id } = write;
    const before = (await MapRepository.read(tx, id))!;
    await tx.run(
      'MATCH (m:Map {id: $id}) SET m += $props, m.version = m.version + 1, m.updatedAt = datetime()',
      { id, props: toProperties(MAP_FIELDS, input) },
    );
    const after = (await MapRepository.read(tx, id))!;
    await write.record({ entityType: 'map', entityId: id, op: 'update', before, after });
    return after;
  }

  /**
   * Deletes a map and everything in it, even while others write to it; 404 for an unknown map. First, under the map's
   * lock (which waits for writes in flight), the map is marked `deleting`: from then on it reads
   * as absent and every write to it answers 404 (see `openMapWrite`). Then its content goes in
   * transactions of at most `batchSize` nodes with their relationships, and the map node last.
   * An interrupted delete leaves a marked map that `resumeDeletions` finishes.
   */
  async delete(
    id: string,
    context: WriteContext,
    ifMatch?: number,
    batchSize = 2000,
  ): Promise<void> {
    await this.db.write(async (tx) => {
      await openMapWrite(tx, id, context);
      await lockVersion(tx, MAP_MATCH, { id }, ifMatch);
      await tx.run('MATCH (m:Map {id: $id}) SET m.deleting = true', { id });
    });
    await this.purge(id, batchSize);
  }

  /** Finishes deletes that were interrupted (the process died between batches). */
  async resumeDeletions(): Promise<string[]> {
    const ids = await this.db.read(async (tx) => {
      const result = await tx.run('MATCH (m:Map) WHERE m.deleting = true RETURN m.id AS id');
      return result.records.map((record) => record.get('id') as string);
    });
    for (const id of ids) await this.purge(id, 2000);
    return ids;
  }

  private async purge(id: string, batchSize: number): Promise<void> {
    for (const label of MAP_CONTENT_LABELS) {
      for (;;) {
        const deleted = await this.db.write(async (tx) => {
          const result = await tx.run(
            `MATCH (n:${label}) WHERE n.mapId = $id
             WITH n LIMIT $batch DETACH DELETE n RETURN count(*) AS deleted`,
            { id, batch: int(batchSize) },
          );
          return Number(toPlain(result.records[0]!.get('deleted')));
        });
        if (deleted < batchSize) break;
      }
    }
    await this.db.write((tx) => tx.run('MATCH (m:Map {id: $id}) DETACH DELETE m', { id }));
  }

  async getLayout(id: string): Promise<{ positions: Positions } | null> {
    return this.db.read(async (tx) => {
      const positions = await MapRepository.layoutIn(tx, id);
      return positions && { positions };
    });
  }

  /** The layout as it reads inside `tx`; null for an unknown map. */
  static async layoutIn(tx: ManagedTransaction, id: string): Promise<Positions | null> {
    const result = await tx.run(
      'MATCH (m:Map {id: $id}) WHERE m.deleting IS NULL RETURN m.layout AS layout',
      { id },
    );
    const record = result.records[0];
    if (!record) return null;
    const layout = record.get('layout') as string | null;
    return layout ? (JSON.parse(layout) as Positions) : {};
  }

  /**
   * Layout is stored on the map as one JSON property: it is read and written whole. The history
   * records only the positions that changed.
   */
  async putLayout(
    id: string,
    positions: Positions,
    context: WriteContext,
  ): Promise<{ positions: Positions }> {
    return this.db.write(async (tx) =>
      this.putLayoutIn(await openMapWrite(tx, id, context), positions),
    );
  }

  /** Replaces the layout inside an open write on the map, recording what moved. */
  async putLayoutIn(write: MapTx, positions: Positions): Promise<{ positions: Positions }> {
    const { tx, mapId: id } = write;
    const result = await tx.run(
      'MATCH (m:Map {id: $id}) WITH m, m.layout AS old SET m.layout = $layout RETURN old',
      { id, layout: JSON.stringify(positions) },
    );
    const old = result.records[0]!.get('old') as string | null;
    const before = old ? (JSON.parse(old) as Positions) : {};
    const keys = [...new Set([...Object.keys(before), ...Object.keys(positions)])].filter(
      (key) => JSON.stringify(before[key]) !== JSON.stringify(positions[key]),
    );
    if (keys.length > 0) {
      const pick = (from: Positions) =>
        Object.fromEntries(keys.filter((key) => key in from).map((key) => [key, from[key]]));
      await write.record({
        entityType: 'layout',
        entityId: id,
        op: 'update',
        before: pick(before),
        after: pick(positions),
      });
    }
    return { positions };
  }
}
