import type { ManagedTransaction } from 'neo4j-driver';
import {
  FACT_MODELS,
  NODE_MODELS,
  type EntityCreate,
  type EntityUpdate,
  type FactModel,
  type ImportProgress,
  type ImportWrites,
  type MapCreate,
  type NodeModel,
  type SamspilMap,
} from '../../../graph-schema/index.ts';
import type { Database } from '../db/database.ts';
import { int, toPlain } from '../db/values.ts';
import { MapRepository } from './map-repository.ts';
import {
  idempotentCreate,
  openMapWrite,
  retryOnKeyCollision,
  type ChangeInput,
  type MapTx,
  type WriteContext,
} from './map-write.ts';
import { readFacts, readNodes, type Row } from './reads.ts';
import { assertMap } from './shared.ts';
import { SnapshotRepository, type MapSnapshot } from './snapshot-repository.ts';
import {
  endLabels,
  labelTest,
  linkFields,
  matchById,
  toProperties,
  withoutNulls,
} from './storage.ts';

/** The map's entities and facts by collection, in the API's shape. */
export type Content = Record<string, Row[] | undefined>;

/**
 * What an import decided, once it has seen the map as it is inside the write (see
 * `importInto`): the writes, and how to answer.
 */
export interface PreparedImport<R> {
  writes: ImportWrites;
  /** The error to throw when nothing may be written (the transaction then rolls back). */
  refusal: Error | null;
  /** The answer once written; `changeId` is one change of the import's history group. */
  answer(changeId: string | null, mapId: string): R;
  /** A new map's layout, by the ids the import gave. */
  layout?: Record<string, { x: number; y: number }>;
}

type Progress = (progress: ImportProgress) => void;

const nodeModels = NODE_MODELS as readonly NodeModel[];
const factModels = FACT_MODELS as readonly FactModel[];
const modelOf = (collection: string) =>
  [...nodeModels, ...factModels].find((model) => model.collection === collection)!;

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Rows grouped by collection, each group keeping the rows' order. */
function byCollection<T extends { collection: string }>(items: T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const list = out.get(item.collection);
    if (list) list.push(item);
    else out.set(item.collection, [item]);
  }
  return out;
}

/** Answers an import that would write nothing, without writing (not even the revision). */
class NothingToWrite<R> extends Error {
  constructor(readonly answer: R) {
    super('nothing to write');
  }
}

/**
 * Writes an import: in one transaction under the map's lock, so it is all or nothing, and the
 * checks the import made on the map (references, cycles, duplicates) hold for what it writes.
 * The checks themselves run in `prepare`, on the map as read inside the transaction; here the
 * writes go in batches of `UNWIND` statements, a few per kind however many rows there are, and
 * every entity written is recorded in the change history as one group, so reverting one of its
 * changes undoes the import.
 */
export class ImportRepository {
  constructor(
    private readonly db: Database,
    private readonly batchSize = 2000,
  ) {}

  /** The map as it is now, for a dry run: read only, nothing locked or written. */
  async content(mapId: string): Promise<Content> {
    return this.db.read(async (tx) => {
      await assertMap(tx, mapId);
      return contentOf(await SnapshotRepository.loadIn(tx, mapId));
    });
  }

  /** Imports into an existing map. */
  async importInto<R>(
    mapId: string,
    context: WriteContext,
    prepare: (content: Content) => PreparedImport<R>,
    onProgress?: Progress,
  ): Promise<R> {
    try {
      return await this.db.write(async (tx) => {
        const write = await openMapWrite(tx, mapId, context);
        return idempotentCreate(tx, context, async () => {
          const content = contentOf(await SnapshotRepository.loadIn(tx, mapId));
          const prepared = prepare(content);
          if (prepared.refusal) throw prepared.refusal;
          if (isEmpty(prepared.writes)) throw new NothingToWrite(prepared.answer(null, mapId));
          const changeId = await this.write(write, prepared.writes, onProgress);
          return prepared.answer(changeId, mapId);
        });
      });
    } catch (error) {
      if (error instanceof NothingToWrite) return error.answer as R;
      throw error;
    }
  }

  /** Makes a new map from a file: the map and its content in one transaction. */
  async createMap<R>(
    input: MapCreate,
    context: WriteContext,
    ownerId: string,
    prepare: (content: Content) => PreparedImport<R>,
    onProgress?: Progress,
  ): Promise<{ map: SamspilMap; answer: R }> {
    return retryOnKeyCollision(() =>
      this.db.write((tx) =>
        idempotentCreate(tx, context, async () => {
          const prepared = prepare({});
          if (prepared.refusal) throw prepared.refusal;
          const created = await MapRepository.createIn(tx, input, context, undefined, ownerId);
          const write = await openMapWrite(tx, created.id, context);
          const changeId = isEmpty(prepared.writes)
            ? null
            : await this.write(write, prepared.writes, onProgress);
          if (prepared.layout && Object.keys(prepared.layout).length) {
            await new MapRepository(this.db).putLayoutIn(write, prepared.layout);
          }
          const map = (await MapRepository.read(tx, created.id))!;
          return { map, answer: prepared.answer(changeId, created.id) };
        }),
      ),
    );
  }

  private async write(write: MapTx, writes: ImportWrites, onProgress?: Progress): Promise<string> {
    const { tx, mapId } = write;
    const total = writes.creates.length + writes.updates.length;
    let done = 0;
    const advance = (count: number) => {
      done += count;
      onProgress?.({ phase: 'writing', done, total });
    };
    const nodeCreates = writes.creates.filter((item) => !isFact(item.collection));
    const factCreates = writes.creates.filter((item) => isFact(item.collection));
    const nodeUpdates = writes.updates.filter((item) => !isFact(item.collection));
    const factUpdates = writes.updates.filter((item) => isFact(item.collection));
    for (const [collection, items] of byCollection(nodeCreates)) {
      await this.createNodes(tx, mapId, modelOf(collection) as NodeModel, items, advance);
    }
    for (const [collection, items] of byCollection(nodeCreates)) {
      await this.setLinks(
        tx,
        mapId,
        modelOf(collection) as NodeModel,
        items.map(({ id, body }) => ({ id, values: body })),
        false,
      );
    }
    for (const [collection, items] of byCollection(nodeUpdates)) {
      const model = modelOf(collection) as NodeModel;
      await this.updateNodes(tx, mapId, model, items, advance);
      await this.setLinks(
        tx,
        mapId,
        model,
        items.map(({ id, patch }) => ({ id, values: patch })),
        true,
      );
    }
    for (const [collection, items] of byCollection(factCreates)) {
      await this.createFacts(tx, mapId, modelOf(collection) as FactModel, items, advance);
    }
    for (const [collection, items] of byCollection(factUpdates)) {
      await this.updateFacts(tx, mapId, modelOf(collection) as FactModel, items, advance);
    }
    await this.record(write, writes);
    const found = await tx.run(
      'MATCH (c:Change) WHERE c.mapId = $mapId AND c.groupId = $group RETURN c.id AS id ORDER BY c.id LIMIT 1',
      { mapId, group: write.group },
    );
    return found.records[0]!.get('id') as string;
  }

  /** Runs a batch statement and checks it wrote as many as it was given. */
  private async run(
    tx: ManagedTransaction,
    cypher: string,
    params: Record<string, unknown>,
    expected: number,
    what: string,
  ) {
    const result = await tx.run(cypher, params);
    const written = toPlain(result.records[0]?.get('written') ?? 0) as number;
    if (written !== expected) {
      throw new Error(`Import of ${what}: wrote ${written} of ${expected}.`);
    }
  }

  /**
   * Runs `cypher` over `items` in batches, each batch's rows (`toRow` of each item) as `$rows`
   * beside `params`, checking that each batch wrote all its rows.
   */
  private async inBatches<T>(
    tx: ManagedTransaction,
    items: T[],
    cypher: string,
    params: Record<string, unknown>,
    toRow: (item: T) => unknown,
    what: string,
    advance?: (n: number) => void,
  ) {
    for (const batch of chunks(items, this.batchSize)) {
      await this.run(tx, cypher, { ...params, rows: batch.map(toRow) }, batch.length, what);
      advance?.(batch.length);
    }
  }

  private async createNodes(
    tx: ManagedTransaction,
    mapId: string,
    model: NodeModel,
    items: EntityCreate[],
    advance: (n: number) => void,
  ) {
    await this.inBatches(
      tx,
      items,
      `UNWIND $rows AS row
       CREATE (n:${model.label})
       SET n = row.props, n.id = row.id, n.mapId = $mapId, n.version = $version,
           n.createdAt = datetime(), n.updatedAt = datetime()
       RETURN count(n) AS written`,
      { mapId, version: int(1) },
      ({ id, body }) => ({ id, props: withoutNulls(toProperties(model.fields, body)) }),
      model.collection,
      advance,
    );
  }

  private async updateNodes(
    tx: ManagedTransaction,
    mapId: string,
    model: NodeModel,
    items: EntityUpdate[],
    advance: (n: number) => void,
  ) {
    await this.inBatches(
      tx,
      items,
      `UNWIND $rows AS row
       MATCH (n:${model.label} {id: row.id}) WHERE n.mapId = $mapId
       SET n += row.props, n.version = n.version + 1, n.updatedAt = datetime()
       RETURN count(n) AS written`,
      { mapId },
      ({ id, patch }) => ({ id, props: toProperties(model.fields, patch) }),
      model.collection,
      advance,
    );
  }

  /**
   * Sets the links each entity's values name; with `replace`, the links a field had before go
   * first (an update names a link field only when it changes, and then names it whole).
   */
  private async setLinks(
    tx: ManagedTransaction,
    mapId: string,
    model: NodeModel,
    items: { id: string; values: Record<string, unknown> }[],
    replace: boolean,
  ) {
    for (const [name, field] of linkFields(model.fields)) {
      const { link } = field;
      const touched = items.filter((item) => name in item.values);
      if (touched.length === 0) continue;
      if (replace) {
        for (const batch of chunks(
          touched.map((item) => item.id),
          this.batchSize,
        )) {
          await tx.run(
            `UNWIND $ids AS id
             MATCH (n:${model.label} {id: id})-[r:${link.rel}]->(old)
             WHERE n.mapId = $mapId AND (${labelTest('old', link.targets)})
             DELETE r`,
            { ids: batch, mapId },
          );
        }
      }
      const pairs = touched.flatMap(({ id, values }) => {
        const value = values[name];
        if (link.key) {
          return ((value ?? []) as Record<string, unknown>[]).map(
            ({ [link.key!]: to, ...props }) => ({
              from: id,
              to,
              props: withoutNulls(props),
            }),
          );
        }
        const targets =
          value === null || value === undefined
            ? []
            : link.many
              ? (value as string[])
              : [value as string];
        return targets.map((to) => ({ from: id, to, props: {} }));
      });
      await this.inBatches(
        tx,
        pairs,
        `UNWIND $rows AS row
         MATCH (n:${model.label} {id: row.from}) WHERE n.mapId = $mapId
         WITH n, row, row.to AS targetId
         ${matchById('t', link.targets, 'targetId')}
         WITH n, row, t WHERE t.mapId = $mapId
         CREATE (n)-[l:${link.rel}]->(t)
         SET l = row.props
         RETURN count(l) AS written`,
        { mapId },
        (pair) => pair,
        `${model.collection}.${name}`,
      );
    }
  }

  private async createFacts(
    tx: ManagedTransaction,
    mapId: string,
    model: FactModel,
    items: EntityCreate[],
    advance: (n: number) => void,
  ) {
    for (const end of model.to) {
      await this.inBatches(
        tx,
        items.filter((item) => item.body[end]),
        `UNWIND $rows AS row
         WITH row, row.from AS fromId, row.to AS toId
         ${matchById('a', endLabels(model, model.from), 'fromId')}
         ${matchById('b', endLabels(model, end), 'toId')}
         WITH row, a, b WHERE a.mapId = $mapId AND b.mapId = $mapId
         CREATE (a)-[r:${model.type}]->(b)
         SET r = row.props, r.id = row.id, r.mapId = $mapId, r.version = $version,
             r.createdAt = datetime(), r.updatedAt = datetime()
         RETURN count(r) AS written`,
        { mapId, version: int(1) },
        ({ id, body }) => ({
          id,
          from: body[model.from],
          to: body[end],
          props: withoutNulls(toProperties(model.fields, body)),
        }),
        model.collection,
        advance,
      );
    }
  }

  private async updateFacts(
    tx: ManagedTransaction,
    mapId: string,
    model: FactModel,
    items: EntityUpdate[],
    advance: (n: number) => void,
  ) {
    await this.inBatches(
      tx,
      items,
      `UNWIND $rows AS row
       MATCH ()-[r:${model.type} {id: row.id}]->() WHERE r.mapId = $mapId
       SET r += row.props, r.version = r.version + 1, r.updatedAt = datetime()
       RETURN count(r) AS written`,
      { mapId },
      ({ id, patch }) => ({ id, props: toProperties(model.fields, patch) }),
      model.collection,
      advance,
    );
  }

  /** Records every entity the import wrote, as it reads now, in the order of `writes`. */
  private async record(write: MapTx, writes: ImportWrites): Promise<void> {
    const { tx, mapId } = write;
    const after = new Map<string, Row>();
    const ids = byCollection([...writes.creates, ...writes.updates]);
    for (const [collection, items] of ids) {
      const model = modelOf(collection);
      const wanted = items.map((item) => item.id);
      for (const batch of chunks(wanted, this.batchSize)) {
        const rows = isFact(collection)
          ? await readFacts(tx, model as FactModel, 'r.mapId = $mapId AND r.id IN $ids', {
              mapId,
              ids: batch,
            })
          : await readNodes(tx, model as NodeModel, mapId, batch);
        for (const row of rows) after.set(row.id, row);
      }
    }
    const changes: ChangeInput[] = [
      ...writes.creates.map((item) => ({
        entityType: modelOf(item.collection).kind,
        entityId: item.id,
        op: 'create' as const,
        before: null,
        after: after.get(item.id)!,
      })),
      ...writes.updates.map((item) => ({
        entityType: modelOf(item.collection).kind,
        entityId: item.id,
        op: 'update' as const,
        before: item.before,
        after: after.get(item.id)!,
      })),
    ];
    for (const batch of chunks(changes, 1000)) await write.record(...batch);
  }
}

const isFact = (collection: string) => factModels.some((model) => model.collection === collection);

const isEmpty = (writes: ImportWrites) =>
  writes.creates.length === 0 && writes.updates.length === 0;

function contentOf(snapshot: MapSnapshot): Content {
  const { map: _map, ...content } = snapshot;
  return content as unknown as Content;
}
