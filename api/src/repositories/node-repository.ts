import type { ManagedTransaction } from 'neo4j-driver';
import { ulid } from 'ulid';
import type { Database } from '../db/database.ts';
import { int } from '../db/values.ts';
import { errors, type FieldProblem } from '../errors.ts';
import type { LinkDef, NodeDef } from './definitions.ts';
import { decodeCursor, fullTextQuery, toPage, type Page } from './pagination.ts';
import { toProperties } from './properties.ts';
import { nodeProjection, toNodeEntity, type Entity } from './projections.ts';
import { ScopedRepository } from './scoped-repository.ts';
import { assertDateOrder, assertMap, lockVersion } from './shared.ts';

export type { Entity };

export interface ListQuery {
  q?: string;
  limit?: number;
  cursor?: string;
  [filter: string]: unknown;
}

/**
 * Create, read, update, delete and list for one node entity (actors, initiatives, …). Each public
 * method is one managed transaction; validation of links, cycles and versions happens inside it,
 * so a refused request changes nothing.
 */
export class NodeRepository extends ScopedRepository {
  protected readonly projection: string;
  protected readonly match: string;
  private readonly lockMatch: string;

  constructor(
    db: Database,
    readonly def: NodeDef,
  ) {
    super(db);
    this.projection = nodeProjection(def);
    this.match = `MATCH (n:${def.label} {id: $id}) WHERE n.mapId = $mapId`;
    this.lockMatch = `MATCH (x:${def.label} {id: $id}) WHERE x.mapId = $mapId`;
  }

  protected toEntity(item: Record<string, unknown>): Entity {
    return toNodeEntity(this.def, item);
  }

  async list(mapId: string, query: ListQuery): Promise<Page<Entity>> {
    const limit = query.limit ?? 100;
    const after = decodeCursor(query.cursor);
    const params: Record<string, unknown> = { mapId, after, limit: int(limit + 1) };
    let source = `MATCH (n:${this.def.label}) WHERE n.mapId = $mapId`;
    if (query.q !== undefined) {
      const text = fullTextQuery(query.q);
      if (text === null) return { items: [], nextCursor: null };
      params.text = text;
      source = `CALL db.index.fulltext.queryNodes('entity_names', $text) YIELD node AS n
                WITH n WHERE n:${this.def.label} AND n.mapId = $mapId`;
    }
    const conditions = ['($after IS NULL OR n.id > $after)'];
    for (const filter of this.def.filters) {
      const value = query[filter.param];
      if (value === undefined) continue;
      const param = `f_${filter.param}`;
      params[param] = value;
      if ('prop' in filter) {
        conditions.push(
          filter.list ? `$${param} IN n.${filter.prop}` : `n.${filter.prop} = $${param}`,
        );
      } else {
        const link = this.def.links.find((l) => l.field === filter.link)!;
        conditions.push(`EXISTS { (n)-[:${link.rel}]->(:${link.target} {id: $${param}}) }`);
      }
    }
    const cypher = `${source} AND ${conditions.join(' AND ')}
                    WITH n ORDER BY n.id LIMIT $limit
                    RETURN ${this.projection}`;
    return this.db.read(async (tx) => {
      await assertMap(tx, mapId);
      const result = await tx.run(cypher, params);
      return toPage(
        result.records.map((record) => this.toEntity(record.get('item'))),
        limit,
      );
    });
  }

  async create(mapId: string, body: Record<string, unknown>): Promise<Entity> {
    const id = ulid();
    assertRange(this.def, body);
    return this.db.write(async (tx) => {
      await assertMap(tx, mapId);
      await this.validateLinks(tx, mapId, body, null);
      await tx.run(
        `CREATE (n:${this.def.label})
         SET n = $props, n.id = $id, n.mapId = $mapId, n.version = $version,
             n.createdAt = datetime(), n.updatedAt = datetime()`,
        { id, mapId, version: int(1), props: withoutNulls(toProperties(this.def.props, body)) },
      );
      await this.setLinks(tx, mapId, id, body);
      return (await this.read(tx, mapId, id))!;
    });
  }

  async update(
    mapId: string,
    id: string,
    body: Record<string, unknown>,
    ifMatch?: number,
  ): Promise<Entity | null> {
    return this.db.write(async (tx) => {
      await assertMap(tx, mapId);
      const version = await lockVersion(tx, this.lockMatch, { mapId, id }, ifMatch);
      if (version === null) return null;
      const current = (await this.read(tx, mapId, id))!;
      assertRange(this.def, { ...current, ...body });
      await this.validateLinks(tx, mapId, body, id);
      await tx.run(
        `${this.match}
         SET n += $props, n.version = n.version + 1, n.updatedAt = datetime()`,
        { mapId, id, props: toProperties(this.def.props, body) },
      );
      await this.setLinks(tx, mapId, id, body);
      return this.read(tx, mapId, id);
    });
  }

  /** Deletes the entity and every relationship it has (its facts and structural links). */
  async delete(mapId: string, id: string, ifMatch?: number): Promise<boolean> {
    return this.db.write(async (tx) => {
      await assertMap(tx, mapId);
      const version = await lockVersion(tx, this.lockMatch, { mapId, id }, ifMatch);
      if (version === null) return false;
      await tx.run(`${this.match} DETACH DELETE n`, { mapId, id });
      return true;
    });
  }

  /** Every linked id must exist in this map, and no PART_OF / DEPENDS_ON link may close a cycle. */
  private async validateLinks(
    tx: ManagedTransaction,
    mapId: string,
    body: Record<string, unknown>,
    selfId: string | null,
  ): Promise<void> {
    const problems: FieldProblem[] = [];
    for (const link of this.def.links) {
      const ids = linkIds(link, body);
      if (ids.length === 0) continue;
      const found = await tx.run(
        `UNWIND $ids AS id
         OPTIONAL MATCH (t:${link.target} {id: id}) WHERE t.mapId = $mapId
         RETURN id, t IS NOT NULL AS found`,
        { ids, mapId },
      );
      found.records.forEach((record, index) => {
        if (!record.get('found')) {
          const path = link.many ? `/${link.field}/${index}` : `/${link.field}`;
          problems.push({
            path,
            message: `no ${link.target.toLowerCase()} "${record.get('id')}" in this map`,
            keyword: 'unknown_reference',
            params: { id: record.get('id'), label: link.target },
          });
        }
      });
      if (problems.length === 0 && link.acyclic && selfId !== null) {
        const cycle = await tx.run(
          `UNWIND $ids AS id
           MATCH (t:${link.target} {id: id})
           WHERE t.id = $self OR EXISTS { (t)-[:${link.rel}*1..]->(:${link.target} {id: $self}) }
           RETURN id LIMIT 1`,
          { ids, self: selfId },
        );
        if (cycle.records.length > 0) {
          const target = cycle.records[0]!.get('id') as string;
          throw errors.cycle(
            `/${link.field}`,
            `Linking to "${target}" through ${link.rel} would close a cycle.`,
          );
        }
      }
    }
    if (problems.length > 0) throw errors.unknownReference(problems);
  }

  /** Replaces each link field present in the body (structural links are set whole). */
  private async setLinks(
    tx: ManagedTransaction,
    mapId: string,
    id: string,
    body: Record<string, unknown>,
  ): Promise<void> {
    for (const link of this.def.links) {
      if (!(link.field in body)) continue;
      await tx.run(
        `${this.match}
         OPTIONAL MATCH (n)-[r:${link.rel}]->(:${link.target})
         DELETE r
         WITH DISTINCT n
         UNWIND $ids AS targetId
         MATCH (t:${link.target} {id: targetId}) WHERE t.mapId = $mapId
         CREATE (n)-[:${link.rel}]->(t)`,
        { mapId, id, ids: linkIds(link, body) },
      );
    }
  }
}

function linkIds(link: LinkDef, body: Record<string, unknown>): string[] {
  const value = body[link.field];
  if (value === undefined || value === null) return [];
  return link.many ? (value as string[]) : [value as string];
}

function withoutNulls(props: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(props).filter(([, value]) => value !== null));
}

function assertRange(def: NodeDef, values: Record<string, unknown>): void {
  if (def.dateRange) assertDateOrder(values, def.dateRange);
}
