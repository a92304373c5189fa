import {
  FACT_MODELS,
  NODE_MODELS,
  type FactModel,
  type MapBundle,
  type NodeModel,
} from '../../../graph-schema/index.ts';
import type { Database } from '../db/database.ts';
import { int, toPlain } from '../db/values.ts';
import { MapRepository } from './map-repository.ts';
import { openMapWrite, type WriteContext } from './map-write.ts';
import { endLabels, linkFields, matchById, toProperties, withoutNulls } from './storage.ts';

export interface ImportProgress {
  step: string;
  done: number;
  total: number;
}

type Row = Record<string, unknown> & { id: string };

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Writes a whole map bundle (demo or synthetic) in batches of `UNWIND` statements, each batch its
 * own transaction. Bundles are trusted input (the seeders test theirs), but every batch still
 * checks that it wrote as many nodes and relationships as it was given, so a dangling reference
 * fails loudly instead of disappearing.
 */
export class BundleRepository {
  private mapId: string | null = null;
  private context: WriteContext | null = null;

  constructor(
    private readonly db: Database,
    private readonly batchSize = 5000,
  ) {}

  /**
   * Writes the bundle as a new map. The map is created first and its content after, batch by
   * batch, each batch under the map's lock like any other write. The history records the map's
   * creation, not each of its thousands of entities.
   */
  async import(
    bundle: MapBundle,
    context: WriteContext,
    onProgress?: (progress: ImportProgress) => void,
  ): Promise<void> {
    const { id, ...mapInput } = bundle.map;
    await new MapRepository(this.db).create(mapInput, context, id);
    this.mapId = id;
    this.context = context;
    const rowsOf = (collection: string) =>
      (bundle as unknown as Record<string, Row[] | undefined>)[collection] ?? [];
    for (const model of NODE_MODELS) {
      await this.writeNodes(id, model, rowsOf(model.collection), onProgress);
    }
    for (const model of NODE_MODELS)
      await this.writeLinks(model, rowsOf(model.collection), onProgress);
    for (const model of FACT_MODELS) {
      await this.writeFacts(id, model, rowsOf(model.collection), onProgress);
    }
  }

  private async run(
    cypher: string,
    params: Record<string, unknown>,
    expected: number,
    what: string,
  ) {
    const written = await this.db.write(async (tx) => {
      await openMapWrite(tx, this.mapId!, this.context!);
      const result = await tx.run(cypher, params);
      return toPlain(result.records[0]?.get('written') ?? 0) as number;
    });
    if (written !== expected) {
      throw new Error(
        `Import of ${what}: wrote ${written} of ${expected}; some references do not resolve.`,
      );
    }
  }

  private async writeNodes(
    mapId: string,
    def: NodeModel,
    rows: Row[],
    onProgress?: (progress: ImportProgress) => void,
  ) {
    let done = 0;
    for (const batch of chunks(rows, this.batchSize)) {
      const data = batch.map((row) => ({
        id: row.id,
        props: Object.fromEntries(Object.entries(withoutNulls(toProperties(def.fields, row)))),
      }));
      await this.run(
        `UNWIND $rows AS row
         CREATE (n:${def.label})
         SET n = row.props, n.id = row.id, n.mapId = $mapId, n.version = $version,
             n.createdAt = datetime(), n.updatedAt = datetime()
         RETURN count(n) AS written`,
        { rows: data, mapId, version: int(1) },
        batch.length,
        def.collection,
      );
      done += batch.length;
      onProgress?.({ step: def.collection, done, total: rows.length });
    }
  }

  private async writeLinks(
    def: NodeModel,
    rows: Row[],
    onProgress?: (progress: ImportProgress) => void,
  ) {
    for (const [field, { link }] of linkFields(def.fields)) {
      const pairs = rows.flatMap((row) => {
        const value = row[field];
        if (link.key) {
          return ((value ?? []) as Row[]).map(({ [link.key!]: to, ...props }) => ({
            from: row.id,
            to,
            props: withoutNulls(props),
          }));
        }
        const targets = value == null ? [] : link.many ? (value as string[]) : [value as string];
        return targets.map((target) => ({ from: row.id, to: target, props: {} }));
      });
      let done = 0;
      for (const batch of chunks(pairs, this.batchSize)) {
        await this.run(
          `UNWIND $rows AS row
           MATCH (n:${def.label} {id: row.from})
           WITH n, row, row.to AS targetId
           ${matchById('t', link.targets, 'targetId')}
           CREATE (n)-[l:${link.rel}]->(t)
           SET l = row.props
           RETURN count(l) AS written`,
          { rows: batch },
          batch.length,
          `${def.collection}.${field}`,
        );
        done += batch.length;
        onProgress?.({ step: `${def.collection}.${field}`, done, total: pairs.length });
      }
    }
  }

  private async writeFacts(
    mapId: string,
    def: FactModel,
    rows: Row[],
    onProgress?: (progress: ImportProgress) => void,
  ) {
    let done = 0;
    for (const end of def.to) {
      const ofEnd = rows.filter((row) => row[end]);
      for (const batch of chunks(ofEnd, this.batchSize)) {
        const data = batch.map((row) => ({
          id: row.id,
          from: row[def.from],
          to: row[end],
          props: withoutNulls(toProperties(def.fields, row)),
        }));
        await this.run(
          `UNWIND $rows AS row
           WITH row, row.from AS fromId, row.to AS toId
           ${matchById('a', endLabels(def, def.from), 'fromId')}
           ${matchById('b', endLabels(def, end), 'toId')}
           CREATE (a)-[r:${def.type}]->(b)
           SET r = row.props, r.id = row.id, r.mapId = $mapId, r.version = $version,
               r.createdAt = datetime(), r.updatedAt = datetime()
           RETURN count(r) AS written`,
          { rows: data, mapId, version: int(1) },
          batch.length,
          def.collection,
        );
        done += batch.length;
        onProgress?.({ step: def.collection, done, total: rows.length });
      }
    }
  }
}
