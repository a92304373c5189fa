import type { ManagedTransaction } from 'neo4j-driver';
import { ulid } from 'ulid';
import { Label } from '../../../graph-schema/index.ts';
import type { Database } from '../db/database.ts';
import { int, toPlain } from '../db/values.ts';
import type { Entity } from './node-repository.ts';
import { decodeCursor, fullTextQuery, toPage, type Page } from './pagination.ts';
import { lockVersion } from './shared.ts';

const DEFAULT_SETTINGS = { expiryHorizonDays: 365, staleAfterDays: 365 };

/** Labels whose nodes belong to a map; deleting a map removes them in bounded batches. */
const MAP_CONTENT = [
  Label.Actor,
  Label.Initiative,
  Label.Plan,
  Label.Goal,
  Label.Area,
  Label.Forum,
];

export interface MapInput {
  name?: string;
  description?: string | null;
  locale?: string | null;
  currency?: string | null;
  settings?: { expiryHorizonDays?: number; staleAfterDays?: number } | null;
}

export type Positions = Record<string, { x: number; y: number }>;

function toMap(stored: Record<string, unknown>): Entity {
  const plain = toPlain(stored) as Record<string, unknown>;
  return {
    id: plain.id as string,
    version: plain.version as number,
    createdAt: plain.createdAt,
    updatedAt: plain.updatedAt,
    name: plain.name,
    description: plain.description ?? null,
    locale: plain.locale ?? 'da',
    currency: plain.currency ?? 'DKK',
    settings: {
      expiryHorizonDays: plain.expiryHorizonDays ?? DEFAULT_SETTINGS.expiryHorizonDays,
      staleAfterDays: plain.staleAfterDays ?? DEFAULT_SETTINGS.staleAfterDays,
    },
  };
}

function toProps(input: MapInput): Record<string, unknown> {
  const props: Record<string, unknown> = {};
  for (const key of ['name', 'description', 'locale', 'currency'] as const) {
    if (key in input) props[key] = input[key] ?? null;
  }
  if ('settings' in input) {
    const settings = input.settings ?? {};
    for (const key of ['expiryHorizonDays', 'staleAfterDays'] as const) {
      if (key in settings || input.settings === null) {
        props[key] = settings[key] === undefined ? null : int(settings[key]!);
      }
    }
  }
  return props;
}

const MAP_MATCH = 'MATCH (x:Map {id: $id})';

/** Maps: the workspaces. Everything else lives inside exactly one map. */
export class MapRepository {
  constructor(private readonly db: Database) {}

  private async read(tx: ManagedTransaction, id: string): Promise<Entity | null> {
    const result = await tx.run('MATCH (m:Map {id: $id}) RETURN m { .* } AS map', { id });
    const record = result.records[0];
    return record ? toMap(record.get('map')) : null;
  }

  get(id: string): Promise<Entity | null> {
    return this.db.read((tx) => this.read(tx, id));
  }

  async list(query: { q?: string; limit?: number; cursor?: string }): Promise<Page<Entity>> {
    const limit = query.limit ?? 100;
    const params: Record<string, unknown> = {
      after: decodeCursor(query.cursor),
      limit: int(limit + 1),
    };
    let source = 'MATCH (m:Map)';
    if (query.q !== undefined) {
      const text = fullTextQuery(query.q);
      if (text === null) return { items: [], nextCursor: null };
      params.text = text;
      source = `CALL db.index.fulltext.queryNodes('entity_names', $text) YIELD node AS m WITH m WHERE m:Map`;
    }
    return this.db.read(async (tx) => {
      const result = await tx.run(
        `${source} WITH m WHERE $after IS NULL OR m.id > $after
         WITH m ORDER BY m.id LIMIT $limit RETURN m { .* } AS map`,
        params,
      );
      return toPage(
        result.records.map((record) => toMap(record.get('map'))),
        limit,
      );
    });
  }

  /** Creates a map; `id` is given only by seeders, which derive stable ids. */
  async create(input: MapInput & { name: string }, id: string = ulid()): Promise<Entity> {
    return this.db.write(async (tx) => {
      await tx.run(
        `CREATE (m:Map {id: $id}) SET m += $props, m.version = $version,
         m.createdAt = datetime(), m.updatedAt = datetime()`,
        { id, version: int(1), props: toProps(input) },
      );
      return (await this.read(tx, id))!;
    });
  }

  async update(id: string, input: MapInput, ifMatch?: number): Promise<Entity | null> {
    return this.db.write(async (tx) => {
      if ((await lockVersion(tx, MAP_MATCH, { id }, ifMatch)) === null) return null;
      await tx.run(
        'MATCH (m:Map {id: $id}) SET m += $props, m.version = m.version + 1, m.updatedAt = datetime()',
        { id, props: toProps(input) },
      );
      return this.read(tx, id);
    });
  }

  /**
   * Deletes a map and everything in it. Content goes first, in transactions of at most
   * `batchSize` nodes (with their relationships), and the map node last, so an interrupted
   * delete leaves a map that can simply be deleted again.
   */
  async delete(id: string, ifMatch?: number, batchSize = 2000): Promise<boolean> {
    const exists = await this.db.write((tx) => lockVersion(tx, MAP_MATCH, { id }, ifMatch));
    if (exists === null) return false;
    for (const label of MAP_CONTENT) {
      for (;;) {
        const deleted = await this.db.write(async (tx) => {
          const result = await tx.run(
            `MATCH (n:${label}) WHERE n.mapId = $id
             WITH n LIMIT $batch DETACH DELETE n RETURN count(*) AS deleted`,
            { id, batch: int(batchSize) },
          );
          return toPlain(result.records[0]!.get('deleted')) as number;
        });
        if (deleted < batchSize) break;
      }
    }
    await this.db.write((tx) => tx.run('MATCH (m:Map {id: $id}) DETACH DELETE m', { id }));
    return true;
  }

  async getLayout(id: string): Promise<{ positions: Positions } | null> {
    return this.db.read(async (tx) => {
      const result = await tx.run('MATCH (m:Map {id: $id}) RETURN m.layout AS layout', { id });
      const record = result.records[0];
      if (!record) return null;
      const layout = record.get('layout') as string | null;
      return { positions: layout ? (JSON.parse(layout) as Positions) : {} };
    });
  }

  /** Layout is stored on the map as one JSON property: it is read and written whole. */
  async putLayout(id: string, positions: Positions): Promise<{ positions: Positions } | null> {
    return this.db.write(async (tx) => {
      const result = await tx.run(
        'MATCH (m:Map {id: $id}) SET m.layout = $layout RETURN m.id AS id',
        { id, layout: JSON.stringify(positions) },
      );
      return result.records.length ? { positions } : null;
    });
  }
}
