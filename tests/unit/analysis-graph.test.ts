import Graph from 'graphology';
import betweennessCentrality from 'graphology-metrics/centrality/betweenness.js';
import { describe, expect, it } from 'vitest';
import { analyseCuts, piecesWithout, toCsr } from '../../api/src/analysis/articulation.ts';
import { betweenness } from '../../api/src/analysis/betweenness.ts';
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

  it('samples sources above the exact limit, repeatably, and still finds the broker', () => {
    // Two cliques of 30 joined through node 0: node 0 carries every path between them.
    const edges: [number, number][] = [];
    for (let i = 1; i <= 30; i++) for (let j = i + 1; j <= 30; j++) edges.push([i, j]);
    for (let i = 31; i <= 60; i++) for (let j = i + 1; j <= 60; j++) edges.push([i, j]);
    edges.push([0, 1], [0, 31]);
    const csr = toCsr(61, edges, new Uint8Array(61).fill(1));
    const first = betweenness(csr, { exactUpTo: 10, pivots: 20, seed: 3 });
    const second = betweenness(csr, { exactUpTo: 10, pivots: 20, seed: 3 });
    expect(first.exact).toBe(false);
    expect(first.sources).toBe(20);
    expect([...first.values]).toEqual([...second.values]);
    const top = [...first.values].indexOf(Math.max(...first.values));
    expect(top).toBe(0);
  });
});
