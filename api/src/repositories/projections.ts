import type { FactDef, NodeDef } from './definitions.ts';
import { fromProperties } from './properties.ts';

export type Entity = Record<string, unknown> & { id: string; version: number };

/** `n { .*, parentId: …, areaIds: […] } AS item`: a node with its structural links as ids. */
export function nodeProjection(def: NodeDef, variable = 'n'): string {
  const links = def.links.map((link) => {
    const pattern = `[(${variable})-[:${link.rel}]->(t:${link.target}) | t.id]`;
    return link.many ? `${link.field}: ${pattern}` : `${link.field}: head(${pattern})`;
  });
  return `${variable} { .*${links.length ? `, ${links.join(', ')}` : ''} } AS item`;
}

export function toNodeEntity(def: NodeDef, item: Record<string, unknown>): Entity {
  const entity = fromProperties(def.props, item) as Entity;
  for (const link of def.links) {
    const value = item[link.field];
    entity[link.field] = link.many ? [...((value as string[]) ?? [])].sort() : (value ?? null);
  }
  return entity;
}

/** `r { .*, actorId: a.id, initiativeId: …, planId: … } AS item` for `(a)-[r]->(b)`. */
export function factProjection(def: FactDef): string {
  const ends = [`${def.from.field}: a.id`];
  if (def.to.length === 1) {
    ends.push(`${def.to[0]!.field}: b.id`);
  } else {
    for (const end of def.to) ends.push(`${end.field}: CASE WHEN b:${end.label} THEN b.id END`);
  }
  return `r { .*, ${ends.join(', ')} } AS item`;
}

export function toFactEntity(def: FactDef, item: Record<string, unknown>): Entity {
  const entity = fromProperties(def.props, item) as Entity;
  entity[def.from.field] = item[def.from.field];
  for (const end of def.to) entity[end.field] = item[end.field] ?? null;
  return entity;
}
