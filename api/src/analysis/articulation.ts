/**
 * Cut vertices with the sizes of the pieces they leave behind. graphology has no articulation
 * points (and graphology-components is not installed), so this is the textbook Tarjan–Hopcroft
 * depth-first search, written iteratively so a long chain of 10,000 actors cannot overflow the
 * stack. It runs in O(nodes + edges).
 *
 * Nodes carry a weight: the coordination network is searched as a bipartite graph of actors
 * (weight 1) and forums (weight 0), which connects exactly the same actors as joining every pair
 * of forum members, without a forum of n members costing n² edges. Piece sizes count weight, so
 * they are numbers of actors.
 */

/** An undirected graph in compressed sparse row form: node v's neighbours are `targets[offsets[v]..offsets[v+1])`. */
export interface CsrGraph {
  offsets: Int32Array;
  targets: Int32Array;
  /** 1 for nodes that count (actors), 0 for connectors (forums). */
  weight: Uint8Array;
}

/** Builds a CSR graph from an edge list, dropping self-loops and repeated edges. */
export function toCsr(nodeCount: number, edges: [number, number][], weight: Uint8Array): CsrGraph {
  const seen = new Set<number>();
  const unique: [number, number][] = [];
  for (const [a, b] of edges) {
    if (a === b) continue;
    const key = a < b ? a * nodeCount + b : b * nodeCount + a;
    if (seen.has(key)) continue;
    seen.add(key);
    unique.push([a, b]);
  }
  const degree = new Int32Array(nodeCount + 1);
  for (const [a, b] of unique) {
    degree[a]!++;
    degree[b]!++;
  }
  const offsets = new Int32Array(nodeCount + 1);
  for (let v = 0; v < nodeCount; v++) offsets[v + 1] = offsets[v]! + degree[v]!;
  const fill = offsets.slice(0, nodeCount);
  const targets = new Int32Array(offsets[nodeCount]!);
  for (const [a, b] of unique) {
    targets[fill[a]!++] = b;
    targets[fill[b]!++] = a;
  }
  return { offsets, targets, weight };
}

export interface CutAnalysis {
  /** Discovery order of each node in the search. */
  disc: Int32Array;
  /** Nodes in each node's search subtree (itself included). */
  size: Int32Array;
  /** Weight of each node's search subtree. */
  subtreeWeight: Int32Array;
  /** The root of each node's search tree: one per connected component. */
  root: Int32Array;
  /** For each cut candidate: the children whose subtrees come loose when it is removed. */
  separated: Map<number, number[]>;
}

/** Depth-first search recording everything needed for cut vertices and their pieces. */
export function analyseCuts(graph: CsrGraph): CutAnalysis {
  const n = graph.weight.length;
  const { offsets, targets, weight } = graph;
  const disc = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const parent = new Int32Array(n).fill(-1);
  const size = new Int32Array(n);
  const subtreeWeight = new Int32Array(n);
  const root = new Int32Array(n);
  const next = new Int32Array(n);
  const separated = new Map<number, number[]>();
  const stack = new Int32Array(n);
  let time = 0;

  for (let start = 0; start < n; start++) {
    if (disc[start] !== -1) continue;
    let top = 0;
    stack[0] = start;
    disc[start] = low[start] = time++;
    size[start] = 1;
    subtreeWeight[start] = weight[start]!;
    root[start] = start;
    next[start] = offsets[start]!;
    while (top >= 0) {
      const v = stack[top]!;
      if (next[v]! < offsets[v + 1]!) {
        const w = targets[next[v]!++]!;
        if (disc[w] === -1) {
          parent[w] = v;
          disc[w] = low[w] = time++;
          size[w] = 1;
          subtreeWeight[w] = weight[w]!;
          root[w] = start;
          next[w] = offsets[w]!;
          stack[++top] = w;
        } else if (w !== parent[v]) {
          if (disc[w]! < low[v]!) low[v] = disc[w]!;
        }
      } else {
        top--;
        const p = parent[v]!;
        if (p === -1) continue;
        if (low[v]! < low[p]!) low[p] = low[v]!;
        size[p]! += size[v]!;
        subtreeWeight[p]! += subtreeWeight[v]!;
        // Nothing below v reaches above p, so removing p cuts v's subtree off.
        if (low[v]! >= disc[p]!) {
          const list = separated.get(p);
          if (list) list.push(v);
          else separated.set(p, [v]);
        }
      }
    }
  }
  return { disc, size, subtreeWeight, root, separated };
}

/**
 * The pieces (by weight, i.e. actors) that removing `v` leaves of its component, pieces of
 * weight 0 left out. Fewer than two pieces means `v` is not a cut vertex for the actors.
 */
export function piecesWithout(analysis: CutAnalysis, graph: CsrGraph, v: number): number[] {
  const children = analysis.separated.get(v);
  if (!children) return [];
  const pieces = children.map((child) => analysis.subtreeWeight[child]!);
  const r = analysis.root[v]!;
  if (r !== v) {
    const loose = pieces.reduce((sum, piece) => sum + piece, 0);
    pieces.push(analysis.subtreeWeight[r]! - graph.weight[v]! - loose);
  }
  return pieces.filter((piece) => piece > 0);
}

/**
 * Which piece `u` lands in when `v` is removed: the index of the loose child subtree holding it,
 * or -1 for the rest of the component. Only meaningful for `u` in `v`'s component, `u` ≠ `v`.
 */
export function pieceOf(analysis: CutAnalysis, v: number, u: number): number {
  const children = analysis.separated.get(v) ?? [];
  const d = analysis.disc[u]!;
  for (let i = 0; i < children.length; i++) {
    const c = children[i]!;
    if (analysis.disc[c]! <= d && d < analysis.disc[c]! + analysis.size[c]!) return i;
  }
  return -1;
}
