import type { ManagedTransaction } from 'neo4j-driver';
import { errors } from '../errors.ts';
import { toPlain } from '../db/values.ts';

/**
 * Throws 404 unless the map exists and is not being deleted; every per-map read runs it first,
 * in the same transaction. Writes use `openMapWrite`, which checks the same under the map's lock.
 */
export async function assertMap(tx: ManagedTransaction, mapId: string): Promise<void> {
  const result = await tx.run(
    'MATCH (m:Map {id: $mapId}) WHERE m.deleting IS NULL RETURN m.id AS id',
    { mapId },
  );
  if (result.records.length === 0) throw errors.mapNotFound(mapId);
}

/**
 * Takes the write lock on an entity before reading its version, so two concurrent updates that
 * both read version n cannot both win: the second waits, then sees n + 1 and gets a 412.
 * `matchClause` binds `x`; returns null when nothing matches.
 */
export async function lockVersion(
  tx: ManagedTransaction,
  matchClause: string,
  params: Record<string, unknown>,
  ifMatch: number | undefined,
): Promise<number | null> {
  const result = await tx.run(
    `${matchClause} SET x._lock = true REMOVE x._lock RETURN x.version AS version`,
    params,
  );
  const record = result.records[0];
  if (!record) return null;
  const version = toPlain(record.get('version')) as number;
  if (ifMatch !== undefined && ifMatch !== version) throw errors.staleVersion(ifMatch, version);
  return version;
}

/** `from ≤ to` for a pair of date fields, after merging a patch into what is stored. */
export function assertDateOrder(
  values: Record<string, unknown>,
  [fromField, toField]: [string, string],
): void {
  const from = values[fromField];
  const to = values[toField];
  if (typeof from === 'string' && typeof to === 'string' && from > to) {
    throw errors.invalid(
      [
        {
          path: `/${toField}`,
          message: `must not be before ${fromField} (${from})`,
          keyword: 'date_order',
          params: { after: fromField, date: from },
        },
      ],
      `${toField} comes before ${fromField}.`,
    );
  }
}
