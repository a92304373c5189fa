import type { ManagedTransaction } from 'neo4j-driver';
import { ulid } from 'ulid';
import {
  FACT_MODELS,
  NODE_MODELS,
  type EntityOf,
  type FactModel,
  type Field,
  type NodeModel,
} from '../../../graph-schema/index.ts';
import type { Database } from '../db/database.ts';
import { int } from '../db/values.ts';
import { errors, type FieldProblem } from '../errors.ts';
import { MapCollection, type Body, type Restore } from './map-collection.ts';
import type { ChangeInput, MapTx } from './map-write.ts';
import { decodeCursor, fullTextQuery, toPage, type Page } from './pagination.ts';
import { readFacts, readNode, readNodes, toNodeRow, type Row } from './reads.ts';
import { assertDateOrder, assertMap, lockVersion } from './shared.ts';
import {
  fullTextIndexOf,
  labelTest,
  linkFields,
  matchById,
  nodeProjection,
  toProperties,
  withoutNulls,
} from './storage.ts';

export interface ListQuery {
  q?: string;
  limit?: number;
  cursor?: string;
  [filter: string]: string | number | undefined;
}

type LinkField = Field & { link: NonNullable<Field['link']> };

/**
 * Create, read, update, delete and list for one node model (actors, initiatives, …). Each public
 * method is one managed transaction; writes open it with `openMapWrite`, so validation of links,
 * cycles and versions and the write itself see one state of the map, and a refused request
 * changes nothing. Every write is recorded in the change history in the same transaction.
 */
export class NodeRepository<M extends NodeModel = NodeModel> extends MapCollection<EntityOf<M>> {
  private readonly projection: string;
  private readonly match: string;
  private readonly links: [string, LinkField][];

  constructor(
    db: Database,
    readonly model: M,
  ) {
    super(db);
    this.projection = nodeProjection(model);
    this.match = `MATCH (n:${model.label} {id: $id}) WHERE n.mapId = $mapId`;
    this.links = linkFields(model.fields);
  }

  protected readRow(tx: ManagedTransaction, mapId: string, id: string): Promise<Row | null> {
    return readNode(tx, this.model, mapId, id);
  }

  async list(mapId: string, query: ListQuery): Promise<Page<EntityOf<M>>> {
    const limit = query.limit ?? 100;
    const after = decodeCursor(query.cursor);
    const params: Record<string, unknown> = { mapId, after, limit: int(limit + 1) };
    let source = `MATCH (n:${this.model.label}) WHERE n.mapId = $mapId`;
    if (query.q !== undefined) {
      const text = fullTextQuery(query.q);
      if (text === null) return { items: [], nextCursor: null };
      params.text = text;
      source = `CALL db.index.fulltext.queryNodes('${fullTextIndexOf(this.model.label)}', $text) YIELD node AS n
                WITH n WHERE n:${this.model.label} AND n.mapId = $mapId`;
    }
    const conditions = ['($after IS NULL OR n.id > $after)'];
    for (const [name, field] of Object.entries(this.model.fields)) {
      const value = field.filter ? query[field.filter] : undefined;
      if (value === undefined) continue;
      const param = `f_${name}`;
      params[param] = value;
      if (field.link) {
        conditions.push(
          `EXISTS { (n)-[:${field.link.rel}]->(t {id: $${param}}) WHERE ${labelTest('t', field.link.targets)} }`,
        );
      } else if (field.storage === 'stringList') {
        conditions.push(`$${param} IN n.${name}`);
      } else {
        conditions.push(`n.${name} = $${param}`);
      }
    }
    const cypher = `${source} AND ${conditions.join(' AND ')}
                    WITH n ORDER BY n.id LIMIT $limit
                    RETURN ${this.projection}`;
    return this.db.read(async (tx) => {
      await assertMap(tx, mapId);
      const result = await tx.run(cypher, params);
      return toPage(
        result.records.map((record) => this.entity(toNodeRow(this.model, record.get('item')))),
        limit,
      );
    });
  }

  /**
   * Creates the entity inside an open map write and records it. `restore` puts back an entity
   * the history holds, under its own id, with its version raised by one (so a client holding the
   * old version is told it is stale) and its first creation time.
   */
  async createIn(write: MapTx, body: Body, restore?: Restore): Promise<EntityOf<M>> {
    const { tx, mapId } = write;
    this.assertRange(body);
    const id = restore?.id ?? ulid();
    await this.validateLinks(tx, mapId, body, null);
    await tx.run(
      `CREATE (n:${this.model.label})
       SET n = $props, n.id = $id, n.mapId = $mapId, n.version = $version,
           n.createdAt = coalesce(datetime($createdAt), datetime()), n.updatedAt = datetime()`,
      {
        id,
        mapId,
        version: int(restore ? restore.version + 1 : 1),
        createdAt: restore?.createdAt ?? null,
        props: withoutNulls(toProperties(this.model.fields, body)),
      },
    );
    await this.setLinks(tx, mapId, id, body);
    const created = (await readNode(tx, this.model, mapId, id))!;
    await write.record({
      entityType: this.model.kind,
      entityId: id,
      op: 'create',
      before: null,
      after: created,
    });
    return this.entity(created);
  }

  /** Changes the entity inside an open map write and records it; null when there is none. */
  async updateIn(
    write: MapTx,
    id: string,
    body: Body,
    ifMatch?: number,
  ): Promise<EntityOf<M> | null> {
    const { tx, mapId } = write;
    if ((await lockVersion(tx, this.lockMatch(), { mapId, id }, ifMatch)) === null) return null;
    const before = (await readNode(tx, this.model, mapId, id))!;
    this.assertRange({ ...before, ...body });
    await this.validateLinks(tx, mapId, body, id);
    await tx.run(
      `${this.match}
       SET n += $props, n.version = n.version + 1, n.updatedAt = datetime()`,
      { mapId, id, props: toProperties(this.model.fields, body) },
    );
    await this.setLinks(tx, mapId, id, body);
    const after = (await readNode(tx, this.model, mapId, id))!;
    await write.record({ entityType: this.model.kind, entityId: id, op: 'update', before, after });
    return this.entity(after);
  }

  /**
   * Deletes the entity with every relationship it has, inside an open map write: its facts go
   * with it, and links from other entities to it are dropped. Each of those is recorded as a
   * change of its own (cause `cascade`), so the history can put all of it back under the same
   * ids. False when there is no such entity.
   */
  async deleteIn(write: MapTx, id: string, ifMatch?: number): Promise<boolean> {
    const { tx, mapId } = write;
    if ((await lockVersion(tx, this.lockMatch(), { mapId, id }, ifMatch)) === null) return false;
    const before = (await readNode(tx, this.model, mapId, id))!;
    const facts = await this.factsOf(tx, mapId, id);
    const linked = await this.linkingNodes(tx, mapId, id);
    await tx.run(`${this.match} DETACH DELETE n`, { mapId, id });
    const changes: ChangeInput[] = [
      { entityType: this.model.kind, entityId: id, op: 'delete', before, after: null },
    ];
    for (const [model, row] of facts) {
      changes.push({
        entityType: model.kind,
        entityId: row.id,
        op: 'delete',
        before: row,
        after: null,
        cause: 'cascade',
      });
    }
    changes.push(...(await this.unlinked(write, linked)));
    await write.record(...changes);
    return true;
  }

  /** Facts and links that point at the entity now: what deleting it would take along. */
  async attachments(write: MapTx, id: string): Promise<number> {
    const facts = await this.factsOf(write.tx, write.mapId, id);
    const linked = await this.linkingNodes(write.tx, write.mapId, id);
    return facts.length + linked.length;
  }

  private lockMatch(): string {
    return `MATCH (x:${this.model.label} {id: $id}) WHERE x.mapId = $mapId`;
  }

  private assertRange(values: Body): void {
    if (this.model.dateRange) assertDateOrder(values, [...this.model.dateRange]);
  }

  /** Every fact that has this node at one of its ends. */
  private async factsOf(tx: ManagedTransaction, mapId: string, id: string) {
    const out: [FactModel, Row][] = [];
    for (const model of FACT_MODELS as readonly FactModel[]) {
      const ends = [model.from, ...model.to].flatMap((name) => model.fields[name]!.end ?? []);
      if (!ends.includes(this.model.label)) continue;
      const rows = await readFacts(tx, model, 'r.mapId = $mapId AND (a.id = $id OR b.id = $id)', {
        mapId,
        id,
      });
      for (const row of rows) out.push([model, row]);
    }
    return out;
  }

  /** Other nodes with a structural link to this one, as they are before the delete. */
  private async linkingNodes(tx: ManagedTransaction, mapId: string, id: string) {
    const out: [NodeModel, Row][] = [];
    for (const model of NODE_MODELS as readonly NodeModel[]) {
      const rels = linkFields(model.fields)
        .filter(([, f]) => f.link.targets.includes(this.model.label))
        .map(([, f]) => f.link.rel);
      if (rels.length === 0) continue;
      const result = await tx.run(
        `MATCH (x:${model.label})-[l]->(n:${this.model.label} {id: $id})
         WHERE x.mapId = $mapId AND x.id <> $id AND type(l) IN $rels
         RETURN DISTINCT x.id AS id`,
        { mapId, id, rels: [...new Set(rels)] },
      );
      const ids = result.records.map((record) => record.get('id') as string);
      for (const row of await readNodes(tx, model, mapId, ids)) out.push([model, row]);
    }
    return out;
  }

  /** The nodes of `linkingNodes` as they are after the delete, as cascade updates. */
  private async unlinked(write: MapTx, linked: [NodeModel, Row][]): Promise<ChangeInput[]> {
    const changes: ChangeInput[] = [];
    for (const [model, before] of linked) {
      const after = (await readNode(write.tx, model, write.mapId, before.id))!;
      changes.push({
        entityType: model.kind,
        entityId: before.id,
        op: 'update',
        before,
        after,
        cause: 'cascade',
      });
    }
    return changes;
  }

  /** Every linked id must exist in this map, and no PART_OF / DEPENDS_ON link may close a cycle. */
  private async validateLinks(
    tx: ManagedTransaction,
    mapId: string,
    body: Body,
    selfId: string | null,
  ): Promise<void> {
    const problems: FieldProblem[] = [];
    for (const [name, field] of this.links) {
      const ids = linkIds(field, body[name]);
      if (ids.length === 0) continue;
      const twice = ids.findIndex((id, index) => ids.indexOf(id) !== index);
      if (twice >= 0) {
        throw errors.invalid(
          [
            {
              path: `/${name}/${twice}/${field.link.key ?? ''}`.replace(/\/$/, ''),
              message: `names "${ids[twice]}" a second time`,
              keyword: 'duplicate_item',
              params: { id: ids[twice] },
            },
          ],
          `Each of ${name} may name an entity only once.`,
        );
      }
      const found = await tx.run(
        `UNWIND $ids AS id
         ${matchById('t', field.link.targets, 'id', true)}
         RETURN id, t IS NOT NULL AND t.mapId = $mapId AS found`,
        { ids, mapId },
      );
      for (const record of found.records) {
        if (record.get('found')) continue;
        const missing = record.get('id') as string;
        const label = field.link.targets.join('|');
        problems.push({
          path: field.link.many ? `/${name}/${ids.indexOf(missing)}` : `/${name}`,
          message: `no ${label.toLowerCase()} "${missing}" in this map`,
          keyword: 'unknown_reference',
          params: { id: missing, label },
        });
      }
      if (problems.length === 0 && field.link.acyclic && selfId !== null) {
        const cycle = await tx.run(
          `UNWIND $ids AS id
           MATCH (t:${this.model.label} {id: id})
           WHERE t.id = $self OR EXISTS { (t)-[:${field.link.rel}*1..]->(:${this.model.label} {id: $self}) }
           RETURN id LIMIT 1`,
          { ids, self: selfId },
        );
        if (cycle.records.length > 0) {
          const target = cycle.records[0]!.get('id') as string;
          throw errors.cycle(
            `/${name}`,
            `Linking to "${target}" through ${field.link.rel} would close a cycle.`,
          );
        }
      }
    }
    if (problems.length > 0) throw errors.unknownReference(problems);
  }

  /** Replaces the links of a field whose links carry properties (see `linkObjects`). */
  private async setLinkObjects(
    tx: ManagedTransaction,
    mapId: string,
    id: string,
    field: LinkField,
    items: Body[],
  ) {
    await tx.run(
      `${this.match}
       OPTIONAL MATCH (n)-[r:${field.link.rel}]->(old) WHERE ${labelTest('old', field.link.targets)}
       DELETE r
       WITH DISTINCT n
       UNWIND $items AS item
       WITH n, item, item.id AS targetId
       ${matchById('t', field.link.targets, 'targetId')}
       WITH n, item, t WHERE t.mapId = $mapId
       CREATE (n)-[r:${field.link.rel}]->(t)
       SET r = item.props`,
      { mapId, id, items: linkItems(field, items) },
    );
  }

  /** Replaces each link field present in the body (structural links are set whole). */
  private async setLinks(tx: ManagedTransaction, mapId: string, id: string, body: Body) {
    for (const [name, field] of this.links) {
      if (!(name in body)) continue;
      if (field.link.key) {
        await this.setLinkObjects(tx, mapId, id, field, (body[name] ?? []) as Body[]);
        continue;
      }
      await tx.run(
        `${this.match}
         OPTIONAL MATCH (n)-[r:${field.link.rel}]->(old) WHERE ${labelTest('old', field.link.targets)}
         DELETE r
         WITH DISTINCT n
         UNWIND $ids AS targetId
         ${matchById('t', field.link.targets, 'targetId')}
         WITH n, t WHERE t.mapId = $mapId
         CREATE (n)-[:${field.link.rel}]->(t)`,
        { mapId, id, ids: linkIds(field, body[name]) },
      );
    }
  }
}

/** A link with properties as stored: the target's id, and the object's other fields. */
function linkItems(field: LinkField, items: Body[]) {
  const key = field.link.key!;
  return items.map((item) => {
    const { [key]: id, ...props } = item;
    return { id, props: Object.fromEntries(Object.entries(props).filter(([, v]) => v !== null)) };
  });
}

function linkIds(field: LinkField, value: unknown): string[] {
  if (value === undefined || value === null) return [];
  const key = field.link.key;
  if (key) return (value as Body[]).map((item) => item[key] as string);
  return field.link.many ? (value as string[]) : [value as string];
}
