import Graph from 'graphology';
import graphologyLouvain from 'graphology-communities-louvain';
import betweennessCentrality from 'graphology-metrics/centrality/betweenness.js';
import graphologyModularity from 'graphology-metrics/graph/modularity.js';
import { describe, expect, it } from 'vitest';
import { analyseCuts, piecesWithout, toCsr } from '../../api/src/analysis/articulation.ts';
import { betweenness } from '../../api/src/analysis/betweenness.ts';
import { louvain, modularity } from '../../api/src/analysis/louvain.ts';
import { seededRandom } from '../../api/src/analysis/random.ts';

/** Actors in each component of the graph without `removed`, counting weight-1 nodes only. */
function bruteForcePieces(
  n: number,
  edges: [number, number][],
  weight: Uint8Array,
  removed: number,
): number[] {
  const adjacency = Array.from({ length: n }, () => [] as number[]);
  for (const [a, b] of edges) {
    if (a === b) continue;
    adjacency[a]!.push(b);
    adjacency[b]!.push(a);
  }
  // Only the component that held `removed` matters.
  const component = new Set<number>([removed]);
  const stack = [removed];
  while (stack.length) {
    for (const w of adjacency[stack.pop()!]!) {
      if (component.has(w)) continue;
      component.add(w);
      stack.push(w);
    }
  }
  const seen = new Set<number>([removed]);
  const pieces: number[] = [];
  for (const start of component) {
    if (seen.has(start)) continue;
    let size = 0;
    const todo = [start];
    seen.add(start);
    while (todo.length) {
      const v = todo.pop()!;
      size += weight[v]!;
      for (const w of adjacency[v]!) {
        if (seen.has(w)) continue;
        seen.add(w);
        todo.push(w);
      }
    }
    if (size > 0) pieces.push(size);
  }
  return pieces.sort((a, b) => b - a);
}

function randomGraph(seed: number, n: number, m: number) {
  const random = seededRandom(seed);
  const edges: [number, number][] = [];
  for (let i = 0; i < m; i++) edges.push([Math.floor(random() * n), Math.floor(random() * n)]);
  // About one node in five is a connector (a forum) that carries no weight.
  const weight = Uint8Array.from({ length: n }, () => (random() < 0.8 ? 1 : 0));
  return { edges, weight };
}

describe('articulation points with piece sizes', () => {
  it('finds the hub of a star and the middle of a path', () => {
    const star = toCsr(
      4,
      [
        [0, 1],
        [0, 2],
        [0, 3],
      ],
      new Uint8Array(4).fill(1),
    );
    expect(piecesWithout(analyseCuts(star), star, 0).sort()).toEqual([1, 1, 1]);
    expect(piecesWithout(analyseCuts(star), star, 1)).toEqual([]);
    const path = toCsr(
      3,
      [
        [0, 1],
        [1, 2],
      ],
      new Uint8Array(3).fill(1),
    );
    expect(piecesWithout(analyseCuts(path), path, 1)).toEqual([1, 1]);
  });

  it('does not count a cycle member as a cut', () => {
    const cycle = toCsr(
      4,
      [
        [0, 1],
        [1, 2],
        [2, 3],
        [3, 0],
      ],
      new Uint8Array(4).fill(1),
    );
    const analysis = analyseCuts(cycle);
    for (let v = 0; v < 4; v++) expect(piecesWithout(analysis, cycle, v).length).toBeLessThan(2);
  });

  it('agrees with removing each node and counting components, on random graphs', () => {
    for (let seed = 1; seed <= 30; seed++) {
      const n = 5 + (seed % 25);
      const { edges, weight } = randomGraph(seed, n, Math.round(n * 1.2));
      const graph = toCsr(n, edges, weight);
      const analysis = analyseCuts(graph);
      for (let v = 0; v < n; v++) {
        const expected = bruteForcePieces(n, edges, weight, v);
        const actual = piecesWithout(analysis, graph, v).sort((a, b) => b - a);
        // A node that leaves fewer than two pieces is no cut; then only "no cut" must agree.
        if (expected.length < 2) expect(actual.length, `seed ${seed} node ${v}`).toBeLessThan(2);
        else expect(actual, `seed ${seed} node ${v}`).toEqual(expected);
      }
    }
  });

  it('handles a path of 20,000 nodes without overflowing the stack', () => {
    const n = 20_000;
    const edges: [number, number][] = Array.from({ length: n - 1 }, (_, i) => [i, i + 1]);
    const graph = toCsr(n, edges, new Uint8Array(n).fill(1));
    expect(piecesWithout(analyseCuts(graph), graph, 10_000).sort((a, b) => a - b)).toEqual([
      9_999, 10_000,
    ]);
  });
});

describe('betweenness', () => {
  it('equals graphology-metrics exactly on random graphs', () => {
    for (let seed = 1; seed <= 10; seed++) {
      const n = 40 + seed * 7;
      const { edges } = randomGraph(seed, n, n * 2);
      const csr = toCsr(n, edges, new Uint8Array(n).fill(1));
      const graph = new Graph({ type: 'undirected' });
      for (let i = 0; i < n; i++) graph.addNode(String(i));
      for (const [a, b] of edges)
        if (a !== b && !graph.hasEdge(String(a), String(b))) graph.addEdge(String(a), String(b));
      const expected = betweennessCentrality(graph, { normalized: true });
      const actual = betweenness(csr);
      expect(actual.exact).toBe(true);
      for (let i = 0; i < n; i++) expect(actual.values[i]).toBeCloseTo(expected[String(i)]!, 12);
    }
  });

  it('samples sources above the exact limit, repeatably, and finds the one broker for any seed', () => {
    // Three cliques of 20 that meet only at node 0, which is linked to every one of their
    // members: every shortest path between two cliques runs through node 0, and no other node
    // lies on any path between others.
    const edges: [number, number][] = [];
    for (let c = 0; c < 3; c++) {
      const members = Array.from({ length: 20 }, (_, i) => 1 + c * 20 + i);
      for (const a of members) {
        edges.push([0, a]);
        for (const b of members) if (a < b) edges.push([a, b]);
      }
    }
    const csr = toCsr(61, edges, new Uint8Array(61).fill(1));
    const exact = betweenness(csr);
    expect(exact.exact).toBe(true);
    const first = betweenness(csr, { exactUpTo: 10, pivots: 20, seed: 3 });
    expect(first.exact).toBe(false);
    expect(first.sources).toBe(20);
    expect([...betweenness(csr, { exactUpTo: 10, pivots: 20, seed: 3 }).values]).toEqual([
      ...first.values,
    ]);
    for (let seed = 1; seed <= 100; seed++) {
      const sampled = betweenness(csr, { exactUpTo: 10, pivots: 20, seed });
      const top = [...sampled.values].indexOf(Math.max(...sampled.values));
      expect(top, `seed ${seed}`).toBe(0);
      // Scaled up from 20 of 61 sources, the estimate stays within 5 % of the exact value.
      expect(Math.abs(sampled.values[0]! / exact.values[0]! - 1), `seed ${seed}`).toBeLessThan(
        0.05,
      );
      expect(Math.max(...sampled.values.slice(1)), `seed ${seed}`).toBe(0);
    }
  });
});

describe('Louvain communities', () => {
  /** Cliques of `size`, the first node of each linked to the next clique's first node. */
  function cliques(count: number, size: number) {
    const edges: [number, number][] = [];
    for (let c = 0; c < count; c++) {
      for (let i = 0; i < size; i++)
        for (let j = i + 1; j < size; j++) edges.push([c * size + i, c * size + j]);
      if (c > 0) edges.push([(c - 1) * size, c * size]);
    }
    return toCsr(count * size, edges, new Uint8Array(count * size).fill(1));
  }

  it('finds each clique of a ring of cliques, the same way for the same seed', () => {
    const graph = cliques(6, 8);
    const communities = louvain(graph, 7);
    for (let c = 0; c < 6; c++) {
      const members = new Set(Array.from({ length: 8 }, (_, i) => communities[c * 8 + i]));
      expect(members.size, `clique ${c}`).toBe(1);
    }
    expect(new Set(communities).size).toBe(6);
    expect([...louvain(graph, 7)]).toEqual([...communities]);
  });

  it('computes modularity as graphology-metrics does', () => {
    for (let seed = 1; seed <= 10; seed++) {
      const n = 30 + seed * 5;
      const { edges } = randomGraph(seed, n, n * 2);
      const csr = toCsr(n, edges, new Uint8Array(n).fill(1));
      const graph = toGraphology(n, edges);
      const partition = Array.from({ length: n }, (_, i) => i % 4);
      expect(modularity(csr, partition)).toBeCloseTo(
        graphologyModularity(graph, { getNodeCommunity: (node) => partition[Number(node)]! }),
        12,
      );
    }
  });

  it('reaches the modularity graphology-communities-louvain reaches, on random graphs', () => {
    for (let seed = 1; seed <= 10; seed++) {
      const n = 200 + seed * 30;
      const { edges } = randomGraph(seed, n, n * 3);
      const csr = toCsr(n, edges, new Uint8Array(n).fill(1));
      const ours = modularity(csr, louvain(csr, seed));
      const theirs = graphologyLouvain.detailed(toGraphology(n, edges), {
        rng: seededRandom(seed),
      }).modularity;
      expect(ours, `seed ${seed}`).toBeGreaterThan(theirs * 0.97);
      // A partition into communities that merely follow node numbers does far worse.
      expect(ours).toBeGreaterThan(
        modularity(
          csr,
          Array.from({ length: n }, (_, i) => i % 5),
        ) + 0.2,
      );
    }
  });
});

function toGraphology(n: number, edges: [number, number][]): Graph {
  const graph = new Graph({ type: 'undirected' });
  for (let i = 0; i < n; i++) graph.addNode(String(i));
  for (const [a, b] of edges)
    if (a !== b && !graph.hasEdge(String(a), String(b))) graph.addEdge(String(a), String(b));
  return graph;
}
