import type { Change } from '../../../graph-schema/index.ts';
import type { Database } from '../db/database.ts';
import { int, toPlain } from '../db/values.ts';
import { AppError } from '../errors.ts';
import type { FactRepository } from './fact-repository.ts';
import { MapRepository } from './map-repository.ts';
import { openMapWrite, type MapTx, type WriteContext } from './map-write.ts';
import type { NodeRepository } from './node-repository.ts';
import { decodeCursor, encodeCursor, type Page } from './pagination.ts';
import { readFact, readNode } from './reads.ts';
import { assertMap } from './shared.ts';

export interface HistoryQuery {
  entityId?: string;
  userId?: string;
  since?: string;
  limit?: number;
  cursor?: string;
}

type Snapshot = Record<string, unknown> & { id?: string; version?: number; createdAt?: string };

/** One stored change, with `before` and `after` parsed. */
type StoredChange = Change & { before: Snapshot | null; after: Snapshot | null };

function toChange(item: Record<string, unknown>): StoredChange {
  const plain = toPlain(item) as Record<string, unknown>;
  const parse = (value: unknown) => (typeof value === 'string' ? JSON.parse(value) : null);
  return {
    id: plain.id as string,
    groupId: plain.groupId as string,
    revision: plain.revision as number,
    at: plain.at as string,
    by: {
      type: plain.byType as Change['by']['type'],
      id: (plain.byId as string | null) ?? null,
      name: (plain.byName as string | null) ?? null,
    },
    entityType: plain.entityType as string,
    entityId: plain.entityId as string,
    op: plain.op as Change['op'],
    cause: plain.cause as Change['cause'],
    fields: (plain.fields as string[] | null) ?? [],
    before: parse(plain.before),
    after: parse(plain.after),
    revertOf: (plain.revertOf as string | null) ?? null,
  };
}

const changedSince = (change: StoredChange, later: StoredChange | null) =>
  new AppError(
    409,
    'changed_since',
    later
      ? `The ${change.entityType} was changed again afterwards (${later.op}, ${later.at}${later.by.name ? ` by ${later.by.name}` : ''}); revert that change first.`
      : `The ${change.entityType} is no longer as this change left it.`,
    [
      {
        entityType: change.entityType,
        entityId: change.entityId,
        laterChangeId: later?.id ?? null,
        laterAt: later?.at ?? null,
        laterBy: later?.by ?? null,
      },
    ],
  );

const stillLinked = (change: StoredChange, count: number) =>
  new AppError(
    409,
    'still_linked',
    `The ${change.entityType} has ${count} facts or links added since; remove them first.`,
    [{ entityType: change.entityType, entityId: change.entityId, attachments: count }],
  );

export interface Collections {
  nodes: Record<string, NodeRepository>;
  facts: Record<string, FactRepository>;
}

/**
 * The change history of a map, and reverting a change. Every write records its changes in the
 * same transaction (`MapTx.record`); a revert is a write too, in one transaction, recorded with
 * `cause: revert`, and it refuses (409) when what it would undo has changed since.
 */
export class HistoryRepository {
  private readonly nodes = new Map<string, NodeRepository>();
  private readonly facts = new Map<string, FactRepository>();
  private readonly maps: MapRepository;

  constructor(
    private readonly db: Database,
    collections: Collections,
  ) {
    for (const repo of Object.values(collections.nodes)) this.nodes.set(repo.model.kind, repo);
    for (const repo of Object.values(collections.facts)) this.facts.set(repo.model.kind, repo);
    this.maps = new MapRepository(db);
  }

  /** Newest first; filters by entity, by the user (or token, or share link) that wrote, and by time. */
  async list(mapId: string, query: HistoryQuery): Promise<Page<Change>> {
    const limit = query.limit ?? 50;
    const cursor = decodeCursor(query.cursor);
    const [afterRevision, afterId] = cursor ? cursor.split(':') : [null, null];
    return this.db.read(async (tx) => {
      await assertMap(tx, mapId);
      const result = await tx.run(
        `MATCH (c:Change) WHERE c.mapId = $mapId
           AND ($entityId IS NULL OR c.entityId = $entityId)
           AND ($userId IS NULL OR c.byId = $userId)
           AND ($since IS NULL OR c.at >= datetime($since))
           AND ($afterRevision IS NULL OR c.revision < $afterRevision
                OR (c.revision = $afterRevision AND c.id < $afterId))
         WITH c ORDER BY c.revision DESC, c.id DESC LIMIT $limit
         RETURN c { .* } AS change`,
        {
          mapId,
          entityId: query.entityId ?? null,
          userId: query.userId ?? null,
          since: query.since ?? null,
          afterRevision: afterRevision === null ? null : int(Number(afterRevision)),
          afterId,
          limit: int(limit + 1),
        },
      );
      const changes = result.records.map((record) => toChange(record.get('change')));
      const items = changes.slice(0, limit);
      const last = items.at(-1);
      return {
        items,
        nextCursor:
          changes.length > limit && last ? encodeCursor(`${last.revision}:${last.id}`) : null,
      };
    });
  }

  /**
   * Reverts the write that made `changeId`: every change of its group, in an order that can be
   * applied (re-created nodes before their facts and links, removed facts before their nodes).
   * Null when the map has no such change.
   */
  async revert(
    mapId: string,
    changeId: string,
    context: WriteContext,
  ): Promise<{ reverted: string; changes: Change[] } | null> {
    return this.db.write(async (tx) => {
      const write = await openMapWrite(tx, mapId, context);
      const found = await tx.run(
        `MATCH (c:Change {id: $changeId}) WHERE c.mapId = $mapId
         MATCH (g:Change) WHERE g.mapId = $mapId AND g.groupId = c.groupId
         RETURN g { .* } AS change ORDER BY g.id`,
        { mapId, changeId },
      );
      if (found.records.length === 0) return null;
      const group = found.records.map((record) => toChange(record.get('change')));
      write.revertOf = changeId;
      const rank = (change: StoredChange) => {
        const isFact = this.facts.has(change.entityType);
        if (change.op === 'delete') return isFact ? 1 : 0;
        if (change.op === 'update') return 2;
        return isFact ? 3 : 4;
      };
      for (const change of [...group].sort((a, b) => rank(a) - rank(b))) {
        await this.undo(write, change);
      }
      const made = await tx.run(
        'MATCH (c:Change) WHERE c.mapId = $mapId AND c.groupId = $group RETURN c { .* } AS change ORDER BY c.id',
        { mapId, group: write.group },
      );
      return { reverted: changeId, changes: made.records.map((r) => toChange(r.get('change'))) };
    });
  }

  private async undo(write: MapTx, change: StoredChange): Promise<void> {
    if (change.entityType === 'map' || change.entityType === 'layout') {
      return this.undoMapChange(write, change);
    }
    const node = this.nodes.get(change.entityType);
    const fact = this.facts.get(change.entityType);
    const repo = node ?? fact;
    if (!repo) throw changedSince(change, null);
    const current = node
      ? await readNode(write.tx, node.model, write.mapId, change.entityId)
      : await readFact(write.tx, fact!.model, write.mapId, change.entityId);
    if (change.op === 'delete') {
      if (current) throw changedSince(change, await this.laterChange(write, change));
      const before = change.before!;
      await repo.createIn(write, before, {
        id: change.entityId,
        version: Number(before.version ?? 0),
        createdAt: String(before.createdAt),
      });
      return;
    }
    if (!current || current.version !== change.after?.version) {
      throw changedSince(change, await this.laterChange(write, change));
    }
    if (change.op === 'create') {
      if (node) {
        const attached = await node.attachments(write, change.entityId);
        if (attached > 0) throw stillLinked(change, attached);
      }
      await repo.deleteIn(write, change.entityId);
      return;
    }
    const before = change.before ?? {};
    const body = Object.fromEntries(change.fields.map((field) => [field, before[field] ?? null]));
    await repo.updateIn(write, change.entityId, body);
  }

  /** A map's own fields or its layout: set back the fields (or positions) the change changed. */
  private async undoMapChange(write: MapTx, change: StoredChange): Promise<void> {
    const { tx, mapId } = write;
    const later = await this.laterChange(write, change);
    if (change.op !== 'update' || later) throw changedSince(change, later);
    if (change.entityType === 'map') {
      const before = change.before ?? {};
      await this.maps.updateIn(
        write,
        Object.fromEntries(change.fields.map((field) => [field, before[field] ?? null])),
      );
      return;
    }
    const layout = (await MapRepository.layoutIn(tx, mapId)) ?? {};
    const before = (change.before ?? {}) as Record<string, { x: number; y: number }>;
    for (const key of change.fields) {
      if (before[key]) layout[key] = before[key]!;
      else delete layout[key];
    }
    await this.maps.putLayoutIn(write, layout);
  }

  /** The newest change of the same entity after `change`, if any. */
  private async laterChange(write: MapTx, change: StoredChange): Promise<StoredChange | null> {
    const result = await write.tx.run(
      `MATCH (c:Change) WHERE c.mapId = $mapId AND c.entityId = $entityId
         AND c.entityType = $entityType AND c.revision > $revision AND c.groupId <> $group
       RETURN c { .* } AS change ORDER BY c.revision DESC LIMIT 1`,
      {
        mapId: write.mapId,
        entityId: change.entityId,
        entityType: change.entityType,
        revision: int(change.revision),
        group: write.group,
      },
    );
    const record = result.records[0];
    return record ? toChange(record.get('change')) : null;
  }
}
