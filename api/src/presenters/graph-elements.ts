import type { MapSnapshot } from '../repositories/snapshot-repository.ts';
import { isValidAt } from '../analysis/validity.ts';

export const GRAPH_PARTS = ['actors', 'initiatives', 'plans', 'goals', 'areas', 'forums'] as const;
export type GraphPart = (typeof GRAPH_PARTS)[number];

export interface GraphElements {
  nodes: { data: Record<string, unknown> }[];
  edges: { data: Record<string, unknown> }[];
}

const NODE_KIND: Record<GraphPart, string> = {
  actors: 'actor',
  initiatives: 'initiative',
  plans: 'plan',
  goals: 'goal',
  areas: 'area',
  forums: 'forum',
};

/**
 * An entity's own fields under names that Cytoscape and the element `kind` leave alone: a
 * collaboration's or forum's own kind becomes `collaborationKind` / `forumKind`, and a claim's
 * `source` (where it comes from) becomes `provenance`, since `source` is an edge's first end.
 */
function ownFields(item: Record<string, any>, part: string): Record<string, unknown> {
  const { kind, source, ...rest } = item;
  const renamed: Record<string, unknown> = { ...rest, provenance: source ?? null };
  if (part === 'forums') renamed.forumKind = kind;
  if (part === 'collaborations') renamed.collaborationKind = kind;
  return renamed;
}

/**
 * The map as Cytoscape elements. With `asOf`, only facts valid at that date appear; without it,
 * every fact appears, marked with whether it is valid today. Structural links get stable ids
 * derived from their ends, since they have none of their own.
 */
export function toGraphElements(
  snapshot: MapSnapshot,
  include: readonly GraphPart[],
  asOf: string | undefined,
  today: string,
): GraphElements {
  const nodes: GraphElements['nodes'] = [];
  const present = new Set<string>();
  for (const part of include) {
    for (const item of snapshot[part]) {
      present.add(item.id);
      nodes.push({
        data: { ...ownFields(item, part), kind: NODE_KIND[part], label: item.name ?? item.title },
      });
    }
  }

  const edges: GraphElements['edges'] = [];
  const addEdge = (data: Record<string, unknown>) => {
    if (present.has(data.source as string) && present.has(data.target as string))
      edges.push({ data });
  };
  const facts = [
    ['commitments', 'commitment', 'actorId', ['initiativeId', 'planId']],
    ['collaborations', 'collaboration', 'actorAId', ['actorBId']],
    ['memberships', 'membership', 'actorId', ['forumId']],
    ['stances', 'stance', 'actorId', ['initiativeId', 'planId']],
  ] as const;
  for (const [collection, kind, fromField, toFields] of facts) {
    for (const fact of snapshot[collection]) {
      if (asOf && !isValidAt(fact, asOf)) continue;
      const target = toFields.map((field) => fact[field]).find(Boolean);
      addEdge({
        ...ownFields(fact, collection),
        kind,
        source: fact[fromField],
        target,
        validNow: isValidAt(fact, asOf ?? today),
      });
    }
  }

  const link = (kind: string, source: string, target: string | null | undefined) => {
    if (target) addEdge({ id: `${kind}:${source}:${target}`, kind, source, target });
  };
  for (const actor of snapshot.actors) {
    link('part_of', actor.id, actor.parentId);
    for (const area of actor.areaIds) link('active_in', actor.id, area);
  }
  for (const initiative of snapshot.initiatives) {
    link('part_of', initiative.id, initiative.planId);
    for (const goal of initiative.goalIds) link('advances', initiative.id, goal);
    for (const area of initiative.areaIds) link('located_in', initiative.id, area);
    for (const dependency of initiative.dependsOn) link('depends_on', initiative.id, dependency);
  }
  for (const plan of snapshot.plans) {
    link('part_of', plan.id, plan.parentId);
    for (const area of plan.areaIds) link('located_in', plan.id, area);
  }
  return { nodes, edges };
}
