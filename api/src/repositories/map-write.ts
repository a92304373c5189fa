import { createHash } from 'node:crypto';
import type { ManagedTransaction } from 'neo4j-driver';
import { monotonicFactory, ulid } from 'ulid';
import { int } from '../db/values.ts';
import { AppError, errors } from '../errors.ts';

/**
 * Who makes a write: a signed-in user, an API token, a share link, or the system itself
 * (seeders, migrations). Recorded with every change.
 */
export interface Principal {
  type: 'user' | 'token' | 'share' | 'system' | 'anonymous';
  id: string | null;
  name: string | null;
}

export const ANONYMOUS: Principal = { type: 'anonymous', id: null, name: null };
export const SYSTEM: Principal = { type: 'system', id: null, name: 'Samspil' };

/** What a route hands a repository with every write. */
export interface WriteContext {
  principal: Principal;
  /**
   * `Idempotency-Key` of a POST: a retried create with the same key and body answers the first
   * result instead of creating again. `scope` keeps keys of different callers and routes apart.
   */
  idempotency?: { key: string; scope: string; fingerprint: string };
  /** Set by the repository when the answer is a replay of an earlier create. */
  replayed?: boolean;
}

export const systemWrite = (): WriteContext => ({ principal: SYSTEM });

/** One entry of the change history: what one write did to one entity. */
export interface ChangeInput {
  entityType: string;
  entityId: string;
  op: 'create' | 'update' | 'delete';
  before: unknown;
  after: unknown;
  /**
   * `cascade`: a change the write caused beyond the entity it named (a deleted actor's facts);
   * `revert`: a change that undoes the change `revertOf`.
   */
  cause?: 'request' | 'cascade' | 'revert';
  revertOf?: string;
}

/**
 * Change ids rise in the order a write records them, also within one millisecond: a revert
 * undoes a group's changes in id order, so the order a write records is the order undone.
 */
const changeId = monotonicFactory();

/** The request's fingerprint for idempotency: the same key with another body is refused. */
export function fingerprint(body: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify(body ?? null))
    .digest('base64url');
}

/**
 * A write transaction on one map, opened by `openMapWrite`. It holds the map's write lock until
 * it commits, so every write to a map is serialised: a check (an end exists, no duplicate) and
 * the write that relies on it cannot be interleaved with another write to the same map.
 */
export class MapTx {
  /** The history group of this write: every change it records shares it. */
  readonly group = ulid();
  /** While set, every change recorded is marked as undoing this change (see `HistoryRepository`). */
  revertOf: string | null = null;

  constructor(
    readonly tx: ManagedTransaction,
    readonly mapId: string,
    /** The map's revision after this write: raised by one for every write transaction. */
    readonly revision: number,
    readonly context: WriteContext,
  ) {}

  /** Records changes in the history, in this transaction, so a write and its record are one. */
  async record(...changes: ChangeInput[]): Promise<void> {
    if (changes.length === 0) return;
    const { principal } = this.context;
    await this.tx.run(
      `UNWIND $changes AS change
       CREATE (c:Change)
       SET c = change, c.mapId = $mapId, c.revision = $revision, c.groupId = $group,
           c.at = datetime(), c.byType = $byType, c.byId = $byId, c.byName = $byName`,
      {
        mapId: this.mapId,
        revision: int(this.revision),
        group: this.group,
        byType: principal.type,
        byId: principal.id,
        byName: principal.name,
        changes: changes.map((change) => ({
          id: changeId(),
          entityType: change.entityType,
          entityId: change.entityId,
          op: change.op,
          cause: this.revertOf ? 'revert' : (change.cause ?? 'request'),
          revertOf: change.revertOf ?? this.revertOf,
          fields: changedFields(change.before, change.after),
          before: change.before === null ? null : JSON.stringify(change.before),
          after: change.after === null ? null : JSON.stringify(change.after),
        })),
      },
    );
  }
}

/** The top-level fields whose values differ between two versions of an entity. */
function changedFields(before: unknown, after: unknown): string[] {
  const a = (before ?? {}) as Record<string, unknown>;
  const b = (after ?? {}) as Record<string, unknown>;
  const ignored = new Set(['version', 'updatedAt', 'createdAt']);
  return [...new Set([...Object.keys(a), ...Object.keys(b)])]
    .filter((key) => !ignored.has(key) && JSON.stringify(a[key]) !== JSON.stringify(b[key]))
    .sort();
}

/**
 * Opens a write on a map: takes the map node's write lock, then, under that lock, checks that
 * the map exists and is not being deleted, and raises its revision. Why it holds: Neo4j keeps a
 * write lock until the transaction ends, and a read made after taking it sees every write
 * committed before. The lock is taken in a statement of its own, so the check that follows
 * cannot have read the map before a concurrent delete marked it. A deleting map answers 404.
 */
export async function openMapWrite(
  tx: ManagedTransaction,
  mapId: string,
  context: WriteContext,
): Promise<MapTx> {
  await tx.run('MATCH (m:Map {id: $mapId}) SET m._lock = true REMOVE m._lock', { mapId });
  const result = await tx.run(
    `MATCH (m:Map {id: $mapId}) WHERE m.deleting IS NULL
     SET m.revision = coalesce(m.revision, 0) + 1
     RETURN m.revision AS revision`,
    { mapId },
  );
  const record = result.records[0];
  if (!record) throw errors.mapNotFound(mapId);
  return new MapTx(tx, mapId, Number(record.get('revision')), context);
}

interface StoredReply {
  fingerprint: string;
  body: string;
}

/**
 * Runs a create once per idempotency key: a second call with the same key answers the stored
 * result (and marks the context `replayed`), the same key with another body is refused with 422,
 * and without a key `work` simply runs. The key is stored in the same transaction as the create,
 * so the two commit together. Two concurrent first calls on one map are serialised by the map
 * lock; elsewhere (a new map) they collide on the key's uniqueness constraint, and
 * `retryOnKeyCollision` runs the loser again, which then replays.
 */
export async function idempotentCreate<T>(
  tx: ManagedTransaction,
  context: WriteContext,
  work: () => Promise<T>,
): Promise<T> {
  const idempotency = context.idempotency;
  if (!idempotency) return work();
  const key = `${idempotency.scope}\u0000${idempotency.key}`;
  const found = await tx.run(
    'MATCH (k:IdempotencyKey {key: $key}) RETURN k.fingerprint AS fingerprint, k.body AS body',
    { key },
  );
  const stored = found.records[0]?.toObject() as StoredReply | undefined;
  if (stored) {
    if (stored.fingerprint !== idempotency.fingerprint) throw idempotencyKeyReused();
    context.replayed = true;
    return JSON.parse(stored.body) as T;
  }
  const result = await work();
  await tx.run(
    `CREATE (k:IdempotencyKey {key: $key, fingerprint: $fingerprint, body: $body,
                               createdAt: datetime()})
     WITH k
     MATCH (old:IdempotencyKey) WHERE old.createdAt < datetime() - duration('P1D')
     WITH old LIMIT 100
     DELETE old`,
    { key, fingerprint: idempotency.fingerprint, body: JSON.stringify(result) },
  );
  return result;
}

const idempotencyKeyReused = () =>
  new AppError(
    422,
    'idempotency_key_reused',
    'This Idempotency-Key was used for a different request; use a new key for a new request.',
    [{ header: 'idempotency-key' }],
  );

/** Runs `write` again once when it lost a race for an idempotency key (see `idempotentCreate`). */
export async function retryOnKeyCollision<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    const { code, message } = error as { code?: string; message?: string };
    if (
      code === 'Neo.ClientError.Schema.ConstraintValidationFailed' &&
      /IdempotencyKey/.test(message ?? '')
    ) {
      return write();
    }
    throw error;
  }
}
