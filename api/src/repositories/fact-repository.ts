import type { ManagedTransaction } from 'neo4j-driver';
import { ulid } from 'ulid';
import type { EntityOf, FactModel } from '../../../graph-schema/index.ts';
import type { Database } from '../db/database.ts';
import { int, toNeo4jDate, today } from '../db/values.ts';
import { errors, type FieldProblem } from '../errors.ts';
import { MapCollection, type Body, type Restore } from './map-collection.ts';
import type { MapTx } from './map-write.ts';
import type { ListQuery } from './node-repository.ts';
import { decodeCursor, toPage, type Page } from './pagination.ts';
import { readFact, readFacts, type Row } from './reads.ts';
import { assertDateOrder, assertMap, lockVersion } from './shared.ts';
import { endLabels, labelTest, matchById, toProperties, withoutNulls } from './storage.ts';

/**
 * Create, read, update, delete and list for one kind of fact (commitments, collaborations,
 * memberships, stances): relationships with their own id, version and validity period.
 * A duplicate (same ends, same key, overlapping period) is refused with 409, and the ends of a
 * fact never change. Writes hold the map's lock (`openMapWrite`), so the check that both ends
 * exist, the duplicate check and the write see one state of the map: a concurrent delete of an
 * end, or a concurrent duplicate, runs wholly before or wholly after.
 */
export class FactRepository<M extends FactModel = FactModel> extends MapCollection<EntityOf<M>> {
  private readonly arrow: string;

  constructor(
    db: Database,
    readonly model: M,
  ) {
    super(db);
    this.arrow = model.undirected ? '-' : '->';
  }

  protected readRow(tx: ManagedTransaction, mapId: string, id: string): Promise<Row | null> {
    return readFact(tx, this.model, mapId, id);
  }

  async list(mapId: string, query: ListQuery): Promise<Page<EntityOf<M>>> {
    const limit = query.limit ?? 100;
    const params: Record<string, unknown> = {
      mapId,
      after: decodeCursor(query.cursor),
      limit: int(limit + 1),
    };
    const conditions = ['r.mapId = $mapId', '($after IS NULL OR r.id > $after)'];
    // Ends that share a filter (both actors of a collaboration) match either end.
    const byFilter = new Map<string, string[]>();
    for (const [name, field] of Object.entries(this.model.fields)) {
      if (!field.filter || query[field.filter] === undefined) continue;
      const param = `f_${field.filter}`;
      params[param] = query[field.filter];
      let condition: string;
      if (field.storage === 'end') {
        const node = name === this.model.from ? 'a' : 'b';
        condition = `(${node}.id = $${param} AND (${labelTest(node, field.end!)}))`;
      } else {
        condition = `r.${name} = $${param}`;
      }
      byFilter.set(field.filter, [...(byFilter.get(field.filter) ?? []), condition]);
    }
    for (const alternatives of byFilter.values()) conditions.push(`(${alternatives.join(' OR ')})`);
    return this.db.read(async (tx) => {
      await assertMap(tx, mapId);
      const rows = await readFacts(tx, this.model, conditions.join(' AND '), params, true);
      return toPage(
        rows.map((row) => this.entity(row)),
        limit,
      );
    });
  }

  /**
   * Creates the fact inside an open map write and records it; `restore` puts back a fact the
   * history holds, under its own id (see `NodeRepository.createIn`).
   */
  async createIn(write: MapTx, input: Body, restore?: Restore): Promise<EntityOf<M>> {
    const { tx, mapId } = write;
    const body = { ...input };
    const toEnd = this.targetEnd(body);
    const fromId = body[this.model.from] as string;
    const toId = body[toEnd] as string;
    if (this.model.undirected && fromId === toId) {
      throw errors.invalid(
        [
          {
            path: `/${toEnd}`,
            message: 'must differ from the other end',
            keyword: 'self_reference',
          },
        ],
        'An actor cannot collaborate with itself.',
      );
    }
    if (body.status === 'withdrawn' && !body.to) body.to = today();
    assertDateOrder(body, ['from', 'to']);
    await this.assertEnds(tx, mapId, fromId, toEnd, toId);
    await this.assertNoDuplicate(tx, mapId, fromId, toEnd, toId, body, null);
    const id = restore?.id ?? ulid();
    await tx.run(
      `${matchById('a', endLabels(this.model, this.model.from), '$fromId')}
       ${matchById('b', endLabels(this.model, toEnd), '$toId')}
       CREATE (a)-[r:${this.model.type}]->(b)
       SET r = $props, r.id = $id, r.mapId = $mapId, r.version = $version,
           r.createdAt = coalesce(datetime($createdAt), datetime()), r.updatedAt = datetime()`,
      {
        fromId,
        toId,
        id,
        mapId,
        version: int(restore ? restore.version + 1 : 1),
        createdAt: restore?.createdAt ?? null,
        props: withoutNulls(toProperties(this.model.fields, body)),
      },
    );
    const created = (await readFact(tx, this.model, mapId, id))!;
    await write.record({
      entityType: this.model.kind,
      entityId: id,
      op: 'create',
      before: null,
      after: created,
    });
    return this.entity(created);
  }

  /** Changes the fact inside an open map write and records it; null when there is none. */
  async updateIn(
    write: MapTx,
    id: string,
    input: Body,
    ifMatch?: number,
  ): Promise<EntityOf<M> | null> {
    const { tx, mapId } = write;
    const body = { ...input };
    if ((await lockVersion(tx, this.lockMatch(), { mapId, id }, ifMatch)) === null) return null;
    const before = (await readFact(tx, this.model, mapId, id))!;
    const changed = [this.model.from, ...this.model.to].filter(
      (field) => field in body && body[field] !== before[field],
    );
    if (changed.length > 0) throw errors.immutableEnds(changed);
    if (body.status === 'withdrawn' && before.status !== 'withdrawn' && !body.to && !before.to) {
      body.to = today();
    }
    const merged = { ...before, ...body };
    assertDateOrder(merged, ['from', 'to']);
    const toEnd = this.model.to.find((end) => before[end])!;
    const fromId = before[this.model.from] as string;
    const toId = before[toEnd] as string;
    await this.assertNoDuplicate(tx, mapId, fromId, toEnd, toId, merged, id);
    await tx.run(
      `MATCH ()-[r:${this.model.type} {id: $id}]->() WHERE r.mapId = $mapId
       SET r += $props, r.version = r.version + 1, r.updatedAt = datetime()`,
      { mapId, id, props: toProperties(this.model.fields, body) },
    );
    const after = (await readFact(tx, this.model, mapId, id))!;
    await write.record({ entityType: this.model.kind, entityId: id, op: 'update', before, after });
    return this.entity(after);
  }

  /** Deletes the fact inside an open map write and records it; false when there is none. */
  async deleteIn(write: MapTx, id: string, ifMatch?: number): Promise<boolean> {
    const { tx, mapId } = write;
    if ((await lockVersion(tx, this.lockMatch(), { mapId, id }, ifMatch)) === null) return false;
    const before = (await readFact(tx, this.model, mapId, id))!;
    await tx.run(`MATCH ()-[r:${this.model.type} {id: $id}]->() WHERE r.mapId = $mapId DELETE r`, {
      mapId,
      id,
    });
    await write.record({
      entityType: this.model.kind,
      entityId: id,
      op: 'delete',
      before,
      after: null,
    });
    return true;
  }

  private lockMatch(): string {
    return `MATCH ()-[x:${this.model.type} {id: $id}]->() WHERE x.mapId = $mapId`;
  }

  /** The body must name exactly one target end (e.g. `initiativeId` or `planId`). */
  private targetEnd(body: Body): string {
    const given = this.model.to.filter((end) => body[end] !== undefined && body[end] !== null);
    if (given.length !== 1) {
      const fields = [...this.model.to];
      throw errors.invalid(
        fields.map((field) => ({
          path: `/${field}`,
          message: `give exactly one of ${fields.join(', ')}`,
          keyword: 'exactly_one',
          params: { fields },
        })),
        `A ${this.model.kind} needs exactly one of ${fields.join(' or ')}.`,
      );
    }
    return given[0]!;
  }

  private async assertEnds(
    tx: ManagedTransaction,
    mapId: string,
    fromId: string,
    toEnd: string,
    toId: string,
  ): Promise<void> {
    const problems: FieldProblem[] = [];
    for (const [field, id] of [
      [this.model.from, fromId],
      [toEnd, toId],
    ] as const) {
      const labels = endLabels(this.model, field);
      const result = await tx.run(
        `${matchById('x', labels, '$id', true)} RETURN x IS NOT NULL AND x.mapId = $mapId AS found`,
        { id, mapId },
      );
      if (result.records[0]?.get('found')) continue;
      const label = labels.join('|');
      problems.push({
        path: `/${field}`,
        message: `no ${label.toLowerCase()} "${id}" in this map`,
        keyword: 'unknown_reference',
        params: { id, label },
      });
    }
    if (problems.length > 0) throw errors.unknownReference(problems);
  }

  private async assertNoDuplicate(
    tx: ManagedTransaction,
    mapId: string,
    fromId: string,
    toEnd: string,
    toId: string,
    values: Body,
    selfId: string | null,
  ): Promise<void> {
    // A withdrawn commitment with no end date is never valid, so it cannot overlap anything.
    if (values.status === 'withdrawn' && !values.to) return;
    const keyConditions = this.model.duplicateKey.map((key) => `AND r.${key} = $key_${key}`);
    const params: Record<string, unknown> = {
      mapId,
      fromId,
      toId,
      selfId,
      from: values.from ? toNeo4jDate(values.from as string) : null,
      to: values.to ? toNeo4jDate(values.to as string) : null,
    };
    for (const key of this.model.duplicateKey) params[`key_${key}`] = values[key];
    const fromLabels = endLabels(this.model, this.model.from);
    const result = await tx.run(
      `${matchById('a', fromLabels, '$fromId')}
       MATCH (a)-[r:${this.model.type}]${this.arrow}(b {id: $toId})
       WHERE r.mapId = $mapId AND ($selfId IS NULL OR r.id <> $selfId)
         AND (${labelTest('b', endLabels(this.model, toEnd))})
         ${keyConditions.join(' ')}
         AND NOT (coalesce(r.status, '') = 'withdrawn' AND r.to IS NULL)
         AND (r.from IS NULL OR $to IS NULL OR r.from <= $to)
         AND (r.to IS NULL OR $from IS NULL OR $from <= r.to)
       RETURN r.id AS id LIMIT 1`,
      params,
    );
    const existing = result.records[0];
    if (existing) throw errors.duplicate(this.model.kind, existing.get('id'));
  }
}
