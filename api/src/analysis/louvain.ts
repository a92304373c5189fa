import type { CsrGraph } from './articulation.ts';
import { seededRandom } from './random.ts';

/**
 * Communities by the Louvain method (Blondel et al. 2008) on an unweighted, undirected CSR
 * graph, and the modularity of a partition. graphology-communities-louvain does the same on a
 * graphology graph, but building that graph for 10,000 actors cost as much as the method itself;
 * here everything stays in typed arrays. Nodes are visited in a seeded random order, so the same
 * graph always gives the same communities. tests/unit/analysis-graph.test.ts compares the
 * modularity reached with graphology's.
 */

/** A weighted graph of one level: node i's neighbours are `targets[offsets[i]..offsets[i+1])`. */
interface Level {
  offsets: Int32Array;
  targets: Int32Array;
  weights: Float64Array;
  /** Weight of each node's loop: the edges inside the community it stands for. */
  loops: Float64Array;
}

const EPSILON = 1e-12;

/** The community of each node, numbered 0, 1, … in order of their first node. */
export function louvain(graph: CsrGraph, seed: number): Int32Array {
  const n = graph.offsets.length - 1;
  let level: Level = {
    offsets: graph.offsets,
    targets: graph.targets,
    weights: new Float64Array(graph.targets.length).fill(1),
    loops: new Float64Array(n),
  };
  // The community of each original node, through the levels.
  const membership = Int32Array.from({ length: n }, (_, i) => i);
  const random = seededRandom(seed);
  for (;;) {
    const { community, moved } = onePhase(level, random);
    if (!moved) break;
    const { renumbered, count } = renumber(community);
    for (let i = 0; i < n; i++) membership[i] = renumbered[membership[i]!]!;
    if (count === level.loops.length) break;
    level = aggregate(level, renumbered, count);
  }
  return renumber(membership).renumbered;
}

/** Moves nodes between communities while that raises modularity; true when any node moved. */
function onePhase(level: Level, random: () => number): { community: Int32Array; moved: boolean } {
  const { offsets, targets, weights, loops } = level;
  const n = loops.length;
  const strength = new Float64Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) {
    let k = 2 * loops[i]!;
    for (let e = offsets[i]!; e < offsets[i + 1]!; e++) k += weights[e]!;
    strength[i] = k;
    total += k;
  }
  const community = Int32Array.from({ length: n }, (_, i) => i);
  if (total === 0) return { community, moved: false };
  const tot = Float64Array.from(strength);
  const order = Int32Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const swap = order[i]!;
    order[i] = order[j]!;
    order[j] = swap;
  }
  // Weight from the node being moved to each neighbouring community, and which those are.
  const toCommunity = new Float64Array(n);
  const touched = new Int32Array(n);
  let movedAny = false;
  for (let pass = 0; pass < 100; pass++) {
    let moves = 0;
    for (const i of order) {
      const own = community[i]!;
      const k = strength[i]!;
      let count = 0;
      touched[count++] = own;
      toCommunity[own] = 0;
      for (let e = offsets[i]!; e < offsets[i + 1]!; e++) {
        const j = targets[e]!;
        if (j === i) continue;
        const c = community[j]!;
        if (toCommunity[c] === 0 && c !== own) touched[count++] = c;
        toCommunity[c]! += weights[e]!;
      }
      tot[own]! -= k;
      let best = own;
      let bestGain = toCommunity[own]! - (tot[own]! * k) / total;
      for (let t = 1; t < count; t++) {
        const c = touched[t]!;
        const gain = toCommunity[c]! - (tot[c]! * k) / total;
        if (gain > bestGain + EPSILON) {
          best = c;
          bestGain = gain;
        }
      }
      tot[best]! += k;
      if (best !== own) {
        community[i] = best;
        moves++;
      }
      for (let t = 0; t < count; t++) toCommunity[touched[t]!] = 0;
    }
    if (moves === 0) break;
    movedAny = true;
  }
  return { community, moved: movedAny };
}

/** Communities numbered 0, 1, … in order of first appearance. */
function renumber(community: Int32Array): { renumbered: Int32Array; count: number } {
  const map = new Int32Array(community.length).fill(-1);
  const renumbered = new Int32Array(community.length);
  let count = 0;
  for (let i = 0; i < community.length; i++) {
    const c = community[i]!;
    if (map[c] === -1) map[c] = count++;
    renumbered[i] = map[c]!;
  }
  return { renumbered, count };
}

/** The graph of communities: one node per community, edge weights summed, inner edges as loops. */
function aggregate(level: Level, community: Int32Array, count: number): Level {
  const { offsets, targets, weights, loops } = level;
  const n = loops.length;
  const newLoops = new Float64Array(count);
  const byCommunity = Array.from({ length: count }, () => new Map<number, number>());
  for (let i = 0; i < n; i++) {
    const ci = community[i]!;
    newLoops[ci]! += loops[i]!;
    for (let e = offsets[i]!; e < offsets[i + 1]!; e++) {
      const cj = community[targets[e]!]!;
      // Each undirected edge appears from both ends: an inner one adds half to the loop twice.
      if (cj === ci) newLoops[ci]! += weights[e]! / 2;
      else byCommunity[ci]!.set(cj, (byCommunity[ci]!.get(cj) ?? 0) + weights[e]!);
    }
  }
  const newOffsets = new Int32Array(count + 1);
  for (let c = 0; c < count; c++) newOffsets[c + 1] = newOffsets[c]! + byCommunity[c]!.size;
  const newTargets = new Int32Array(newOffsets[count]!);
  const newWeights = new Float64Array(newOffsets[count]!);
  for (let c = 0; c < count; c++) {
    let at = newOffsets[c]!;
    for (const [d, w] of byCommunity[c]!) {
      newTargets[at] = d;
      newWeights[at++] = w;
    }
  }
  return { offsets: newOffsets, targets: newTargets, weights: newWeights, loops: newLoops };
}

/**
 * Modularity of a partition of an unweighted graph: the share of edges inside communities minus
 * the share expected by chance, `Σ_c [L_c / m − (d_c / 2m)²]`.
 */
export function modularity(graph: CsrGraph, community: ArrayLike<number>): number {
  const n = graph.offsets.length - 1;
  const m2 = graph.targets.length;
  if (m2 === 0) return 0;
  const inner = new Map<number, number>();
  const degree = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const c = community[i]!;
    degree.set(c, (degree.get(c) ?? 0) + graph.offsets[i + 1]! - graph.offsets[i]!);
    for (let e = graph.offsets[i]!; e < graph.offsets[i + 1]!; e++) {
      if (community[graph.targets[e]!] === c) inner.set(c, (inner.get(c) ?? 0) + 1);
    }
  }
  let q = 0;
  for (const [c, d] of degree) q += (inner.get(c) ?? 0) / m2 - (d / m2) ** 2;
  return q;
}
