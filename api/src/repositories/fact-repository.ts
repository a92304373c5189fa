import type { ManagedTransaction } from 'neo4j-driver';
import { ulid } from 'ulid';
import type { Database } from '../db/database.ts';
import { int, toNeo4jDate, today } from '../db/values.ts';
import { errors, type FieldProblem } from '../errors.ts';
import type { EndDef, FactDef } from './definitions.ts';
import type { ListQuery } from './node-repository.ts';
import { decodeCursor, toPage, type Page } from './pagination.ts';
import { toProperties } from './properties.ts';
import { factProjection, toFactEntity, type Entity } from './projections.ts';
import { ScopedRepository } from './scoped-repository.ts';
import { assertDateOrder, assertMap, lockVersion } from './shared.ts';

/**
 * Create, read, update, delete and list for one kind of fact (commitments, collaborations,
 * memberships, stances): relationships with their own id, version and validity period.
 * A duplicate (same ends, same key, overlapping period) is refused with 409, and the ends of a
 * fact never change. Writes lock the fact's first actor, so two concurrent requests cannot
 * both create the same fact.
 */
export class FactRepository extends ScopedRepository {
  protected readonly projection: string;
  protected readonly match: string;
  private readonly arrow: string;

  constructor(
    db: Database,
    readonly def: FactDef,
  ) {
    super(db);
    this.projection = factProjection(def);
    this.match = `MATCH (a)-[r:${def.type} {id: $id}]->(b) WHERE r.mapId = $mapId`;
    this.arrow = def.undirected ? '-' : '->';
  }

  protected toEntity(item: Record<string, unknown>): Entity {
    return toFactEntity(this.def, item);
  }

  async list(mapId: string, query: ListQuery): Promise<Page<Entity>> {
    const limit = query.limit ?? 100;
    const params: Record<string, unknown> = {
      mapId,
      after: decodeCursor(query.cursor),
      limit: int(limit + 1),
    };
    const conditions = ['($after IS NULL OR r.id > $after)'];
    const endFilter = (param: string, condition: string) => {
      if (query[param] === undefined) return;
      params[`f_${param}`] = query[param];
      conditions.push(condition.replaceAll('$value', `$f_${param}`));
    };
    if (this.def.undirected) {
      endFilter('actorId', '(a.id = $value OR b.id = $value)');
    } else {
      endFilter(this.def.from.field, 'a.id = $value');
    }
    for (const end of this.def.to) {
      if (!this.def.undirected) endFilter(end.field, `(b:${end.label} AND b.id = $value)`);
    }
    for (const filter of this.def.filters) {
      if ('prop' in filter) endFilter(filter.param, `r.${filter.prop} = $value`);
    }
    return this.db.read(async (tx) => {
      await assertMap(tx, mapId);
      const result = await tx.run(
        `MATCH (a)-[r:${this.def.type}]->(b) WHERE r.mapId = $mapId AND ${conditions.join(' AND ')}
         WITH a, r, b ORDER BY r.id LIMIT $limit
         RETURN ${this.projection}`,
        params,
      );
      return toPage(
        result.records.map((record) => this.toEntity(record.get('item'))),
        limit,
      );
    });
  }

  async create(mapId: string, input: Record<string, unknown>): Promise<Entity> {
    const body = { ...input };
    const toEnd = this.targetEnd(body);
    const fromId = body[this.def.from.field] as string;
    const toId = body[toEnd.field] as string;
    if (this.def.undirected && fromId === toId) {
      throw errors.invalid(
        [
          {
            path: `/${toEnd.field}`,
            message: 'must differ from the other end',
            keyword: 'self_reference',
          },
        ],
        'An actor cannot collaborate with itself.',
      );
    }
    if (body.status === 'withdrawn' && !body.to) body.to = today();
    assertDateOrder(body, ['from', 'to']);
    const id = ulid();
    return this.db.write(async (tx) => {
      await assertMap(tx, mapId);
      await this.assertEnds(tx, mapId, fromId, toEnd, toId);
      await this.lockEnds(tx, fromId, toId);
      await this.assertNoDuplicate(tx, mapId, fromId, toEnd, toId, body, null);
      await tx.run(
        `MATCH (a:${this.def.from.label} {id: $fromId}), (b:${toEnd.label} {id: $toId})
         CREATE (a)-[r:${this.def.type}]->(b)
         SET r = $props, r.id = $id, r.mapId = $mapId, r.version = $version,
             r.createdAt = datetime(), r.updatedAt = datetime()`,
        {
          fromId,
          toId,
          id,
          mapId,
          version: int(1),
          props: Object.fromEntries(
            Object.entries(toProperties(this.def.props, body)).filter(([, v]) => v !== null),
          ),
        },
      );
      return (await this.read(tx, mapId, id))!;
    });
  }

  async update(
    mapId: string,
    id: string,
    input: Record<string, unknown>,
    ifMatch?: number,
  ): Promise<Entity | null> {
    const body = { ...input };
    return this.db.write(async (tx) => {
      await assertMap(tx, mapId);
      const lock = `MATCH ()-[x:${this.def.type} {id: $id}]->() WHERE x.mapId = $mapId`;
      if ((await lockVersion(tx, lock, { mapId, id }, ifMatch)) === null) return null;
      const current = (await this.read(tx, mapId, id))!;
      const changed = [this.def.from, ...this.def.to]
        .map((end) => end.field)
        .filter((field) => field in body && body[field] !== current[field]);
      if (changed.length > 0) throw errors.immutableEnds(changed);
      if (
        body.status === 'withdrawn' &&
        current.status !== 'withdrawn' &&
        !body.to &&
        !current.to
      ) {
        body.to = today();
      }
      const merged = { ...current, ...body };
      assertDateOrder(merged, ['from', 'to']);
      const toEnd = this.def.to.find((end) => current[end.field])!;
      const fromId = current[this.def.from.field] as string;
      const toId = current[toEnd.field] as string;
      await this.lockEnds(tx, fromId, toId);
      await this.assertNoDuplicate(tx, mapId, fromId, toEnd, toId, merged, id);
      await tx.run(
        `${this.match} SET r += $props, r.version = r.version + 1, r.updatedAt = datetime()`,
        { mapId, id, props: toProperties(this.def.props, body) },
      );
      return this.read(tx, mapId, id);
    });
  }

  async delete(mapId: string, id: string, ifMatch?: number): Promise<boolean> {
    return this.db.write(async (tx) => {
      await assertMap(tx, mapId);
      const lock = `MATCH ()-[x:${this.def.type} {id: $id}]->() WHERE x.mapId = $mapId`;
      if ((await lockVersion(tx, lock, { mapId, id }, ifMatch)) === null) return false;
      await tx.run(`${this.match} DELETE r`, { mapId, id });
      return true;
    });
  }

  /** The body must name exactly one target end (e.g. `initiativeId` or `planId`). */
  private targetEnd(body: Record<string, unknown>): EndDef {
    const given = this.def.to.filter(
      (end) => body[end.field] !== undefined && body[end.field] !== null,
    );
    if (given.length !== 1) {
      const fields = this.def.to.map((end) => end.field);
      throw errors.invalid(
        fields.map((field) => ({
          path: `/${field}`,
          message: `give exactly one of ${fields.join(', ')}`,
          keyword: 'exactly_one',
          params: { fields },
        })),
        `A ${this.def.noun} needs exactly one of ${fields.join(' or ')}.`,
      );
    }
    return given[0]!;
  }

  private async assertEnds(
    tx: ManagedTransaction,
    mapId: string,
    fromId: string,
    toEnd: EndDef,
    toId: string,
  ): Promise<void> {
    const result = await tx.run(
      `OPTIONAL MATCH (a:${this.def.from.label} {id: $fromId}) WHERE a.mapId = $mapId
       OPTIONAL MATCH (b:${toEnd.label} {id: $toId}) WHERE b.mapId = $mapId
       RETURN a IS NOT NULL AS fromFound, b IS NOT NULL AS toFound`,
      { mapId, fromId, toId },
    );
    const record = result.records[0]!;
    const problems: FieldProblem[] = [];
    if (!record.get('fromFound')) {
      problems.push({
        path: `/${this.def.from.field}`,
        message: `no ${this.def.from.label.toLowerCase()} "${fromId}" in this map`,
        keyword: 'unknown_reference',
        params: { id: fromId, label: this.def.from.label },
      });
    }
    if (!record.get('toFound')) {
      problems.push({
        path: `/${toEnd.field}`,
        message: `no ${toEnd.label.toLowerCase()} "${toId}" in this map`,
        keyword: 'unknown_reference',
        params: { id: toId, label: toEnd.label },
      });
    }
    if (problems.length > 0) throw errors.unknownReference(problems);
  }

  /** Serialises writes of facts between the same ends (in id order, so two writers cannot deadlock). */
  private async lockEnds(tx: ManagedTransaction, fromId: string, toId: string): Promise<void> {
    const ids = this.def.undirected ? [fromId, toId].sort() : [fromId];
    await tx.run(
      `UNWIND $ids AS id MATCH (x:${this.def.from.label} {id: id}) SET x._lock = true REMOVE x._lock`,
      { ids },
    );
  }

  private async assertNoDuplicate(
    tx: ManagedTransaction,
    mapId: string,
    fromId: string,
    toEnd: EndDef,
    toId: string,
    values: Record<string, unknown>,
    selfId: string | null,
  ): Promise<void> {
    // A withdrawn commitment with no end date is never valid, so it cannot overlap anything.
    if (values.status === 'withdrawn' && !values.to) return;
    const keyConditions = this.def.duplicateKey.map((key) => `r.${key} = $key_${key}`);
    const params: Record<string, unknown> = {
      mapId,
      fromId,
      toId,
      selfId,
      from: values.from ? toNeo4jDate(values.from as string) : null,
      to: values.to ? toNeo4jDate(values.to as string) : null,
    };
    for (const key of this.def.duplicateKey) params[`key_${key}`] = values[key];
    const result = await tx.run(
      `MATCH (a:${this.def.from.label} {id: $fromId})-[r:${this.def.type}]${this.arrow}(b:${toEnd.label} {id: $toId})
       WHERE r.mapId = $mapId AND ($selfId IS NULL OR r.id <> $selfId)
         ${keyConditions.map((condition) => `AND ${condition}`).join(' ')}
         AND NOT (coalesce(r.status, '') = 'withdrawn' AND r.to IS NULL)
         AND (r.from IS NULL OR $to IS NULL OR r.from <= $to)
         AND (r.to IS NULL OR $from IS NULL OR $from <= r.to)
       RETURN r.id AS id LIMIT 1`,
      params,
    );
    const existing = result.records[0];
    if (existing) throw errors.duplicate(this.def.noun, existing.get('id'));
  }
}
