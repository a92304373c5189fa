import type { ManagedTransaction } from 'neo4j-driver';
import type { FactModel, NodeModel } from '../../../graph-schema/index.ts';
import { factProjection, fromProperties, nodeProjection } from './storage.ts';

/** An entity as the API shows it, before it is narrowed to its model's type. */
export type Row = Record<string, unknown> & { id: string; version: number };

/**
 * Reading whole entities inside a transaction, in the API's shape: what the repositories answer,
 * and what the change history records before and after a write.
 */

export async function readNodes(
  tx: ManagedTransaction,
  model: NodeModel,
  mapId: string,
  ids: readonly string[],
): Promise<Row[]> {
  if (ids.length === 0) return [];
  const result = await tx.run(
    `UNWIND $ids AS id
     MATCH (n:${model.label} {id: id}) WHERE n.mapId = $mapId
     RETURN ${nodeProjection(model)} ORDER BY n.id`,
    { ids, mapId },
  );
  return result.records.map((record) => toNodeRow(model, record.get('item')));
}

export async function readNode(
  tx: ManagedTransaction,
  model: NodeModel,
  mapId: string,
  id: string,
): Promise<Row | null> {
  return (await readNodes(tx, model, mapId, [id]))[0] ?? null;
}

export function toNodeRow(model: NodeModel, item: Record<string, unknown>): Row {
  return fromProperties(model.fields, item) as Row;
}

/**
 * The facts of one model that match `where` (over `a`, `r`, `b`), in id order; with `limited`,
 * at most `$limit` of them.
 */
export async function readFacts(
  tx: ManagedTransaction,
  model: FactModel,
  where: string,
  params: Record<string, unknown>,
  limited = false,
): Promise<Row[]> {
  const result = await tx.run(
    `MATCH (a)-[r:${model.type}]->(b) WHERE ${where}
     WITH a, r, b ORDER BY r.id ${limited ? 'LIMIT $limit' : ''}
     RETURN ${factProjection(model)}`,
    params,
  );
  return result.records.map((record) => toFactRow(model, record.get('item')));
}

export async function readFact(
  tx: ManagedTransaction,
  model: FactModel,
  mapId: string,
  id: string,
): Promise<Row | null> {
  const [row] = await readFacts(tx, model, 'r.id = $id AND r.mapId = $mapId', { id, mapId });
  return row ?? null;
}

export function toFactRow(model: FactModel, item: Record<string, unknown>): Row {
  const row = fromProperties(model.fields, item) as Row;
  for (const name of [model.from, ...model.to]) row[name] = item[name] ?? null;
  return row;
}
