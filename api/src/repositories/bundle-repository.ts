import type { MapBundle } from '../../../graph-schema/index.ts';
import type { Database } from '../db/database.ts';
import { int, toPlain } from '../db/values.ts';
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
  type FactDef,
  type NodeDef,
} from './definitions.ts';
import { MapRepository } from './map-repository.ts';
import { toProperties } from './properties.ts';

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
  constructor(
    private readonly db: Database,
    private readonly batchSize = 5000,
  ) {}

  async import(bundle: MapBundle, onProgress?: (progress: ImportProgress) => void): Promise<void> {
    const { id, ...mapInput } = bundle.map;
    await new MapRepository(this.db).create(mapInput, id);
    const nodeParts: [NodeDef, Row[]][] = [
      [AREA, bundle.areas],
      [GOAL, bundle.goals],
      [PLAN, bundle.plans],
      [INITIATIVE, bundle.initiatives],
      [ACTOR, bundle.actors],
      [FORUM, bundle.forums],
    ];
    for (const [def, rows] of nodeParts) await this.writeNodes(id, def, rows, onProgress);
    for (const [def, rows] of nodeParts) await this.writeLinks(def, rows, onProgress);
    const factParts: [FactDef, Row[]][] = [
      [COMMITMENT, bundle.commitments],
      [COLLABORATION, bundle.collaborations],
      [MEMBERSHIP, bundle.memberships],
      [STANCE, bundle.stances],
    ];
    for (const [def, rows] of factParts) await this.writeFacts(id, def, rows, onProgress);
  }

  private async run(
    cypher: string,
    params: Record<string, unknown>,
    expected: number,
    what: string,
  ) {
    const written = await this.db.write(async (tx) => {
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
    def: NodeDef,
    rows: Row[],
    onProgress?: (progress: ImportProgress) => void,
  ) {
    let done = 0;
    for (const batch of chunks(rows, this.batchSize)) {
      const data = batch.map((row) => ({
        id: row.id,
        props: Object.fromEntries(
          Object.entries(toProperties(def.props, row)).filter(([, value]) => value !== null),
        ),
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
    def: NodeDef,
    rows: Row[],
    onProgress?: (progress: ImportProgress) => void,
  ) {
    for (const link of def.links) {
      const pairs = rows.flatMap((row) => {
        const value = row[link.field];
        const targets = value == null ? [] : link.many ? (value as string[]) : [value as string];
        return targets.map((target) => ({ from: row.id, to: target }));
      });
      let done = 0;
      for (const batch of chunks(pairs, this.batchSize)) {
        await this.run(
          `UNWIND $rows AS row
           MATCH (n:${def.label} {id: row.from})
           MATCH (t:${link.target} {id: row.to})
           CREATE (n)-[l:${link.rel}]->(t)
           RETURN count(l) AS written`,
          { rows: batch },
          batch.length,
          `${def.collection}.${link.field}`,
        );
        done += batch.length;
        onProgress?.({ step: `${def.collection}.${link.field}`, done, total: pairs.length });
      }
    }
  }

  private async writeFacts(
    mapId: string,
    def: FactDef,
    rows: Row[],
    onProgress?: (progress: ImportProgress) => void,
  ) {
    let done = 0;
    for (const end of def.to) {
      const ofEnd = rows.filter((row) => row[end.field]);
      for (const batch of chunks(ofEnd, this.batchSize)) {
        const data = batch.map((row) => ({
          id: row.id,
          from: row[def.from.field],
          to: row[end.field],
          props: Object.fromEntries(
            Object.entries(toProperties(def.props, row)).filter(([, value]) => value !== null),
          ),
        }));
        await this.run(
          `UNWIND $rows AS row
           MATCH (a:${def.from.label} {id: row.from})
           MATCH (b:${end.label} {id: row.to})
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
