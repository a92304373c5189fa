import type { GraphData } from '../types.ts';

/**
 * The coordination network of DESIGN §2 as adjacency lists: actors linked by a non-tension
 * collaboration valid now, or by membership of the same forum.
 */
export function coordinationNetwork(graph: GraphData): Map<string, Set<string>> {
  const adjacency = new Map<string, Set<string>>();
  for (const { data } of graph.nodes) {
    if (data.kind === 'actor') adjacency.set(data.id, new Set());
  }
  const link = (a: string, b: string) => {
    if (a === b || !adjacency.has(a) || !adjacency.has(b)) return;
    adjacency.get(a)!.add(b);
    adjacency.get(b)!.add(a);
  };
  const forums = new Map<string, string[]>();
  for (const { data } of graph.edges) {
    if (data.validNow === false) continue;
    if (data.kind === 'collaboration' && data.collaborationKind !== 'tension')
      link(data.source, data.target);
    if (data.kind === 'membership') {
      const members = forums.get(data.target) ?? [];
      members.push(data.source);
      forums.set(data.target, members);
    }
  }
  for (const members of forums.values()) {
    for (let i = 0; i < members.length; i++) {
      for (let j = i + 1; j < members.length; j++) link(members[i]!, members[j]!);
    }
  }
  return adjacency;
}

/**
 * Betweenness centrality (Brandes, unweighted, undirected). Used to size actors by brokerage when
 * the API's `/metrics` is not available.
 */
export function betweenness(adjacency: Map<string, Set<string>>): Record<string, number> {
  const ids = [...adjacency.keys()];
  const score: Record<string, number> = Object.fromEntries(ids.map((id) => [id, 0]));
  for (const source of ids) {
    const stack: string[] = [];
    const predecessors = new Map<string, string[]>();
    const sigma = new Map<string, number>([[source, 1]]);
    const distance = new Map<string, number>([[source, 0]]);
    const queue = [source];
    for (let head = 0; head < queue.length; head++) {
      const v = queue[head]!;
      stack.push(v);
      for (const w of adjacency.get(v)!) {
        if (!distance.has(w)) {
          distance.set(w, distance.get(v)! + 1);
          queue.push(w);
        }
        if (distance.get(w) === distance.get(v)! + 1) {
          sigma.set(w, (sigma.get(w) ?? 0) + sigma.get(v)!);
          const list = predecessors.get(w) ?? [];
          list.push(v);
          predecessors.set(w, list);
        }
      }
    }
    const delta = new Map<string, number>();
    while (stack.length) {
      const w = stack.pop()!;
      for (const v of predecessors.get(w) ?? []) {
        const share = (sigma.get(v)! / sigma.get(w)!) * (1 + (delta.get(w) ?? 0));
        delta.set(v, (delta.get(v) ?? 0) + share);
      }
      if (w !== source) score[w]! += delta.get(w) ?? 0;
    }
  }
  // Each undirected path was counted from both ends.
  for (const id of ids) score[id]! /= 2;
  return score;
}
