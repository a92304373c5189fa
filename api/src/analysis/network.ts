import {
  analyseCuts,
  pieceOf,
  piecesWithout,
  toCsr,
  type CsrGraph,
  type CutAnalysis,
} from './articulation.ts';
import type { Projection } from './projection.ts';

/** What removing one actor does to its part of the coordination network. */
export interface Cut {
  actorId: string;
  /** Actors in each remaining piece, largest first. */
  pieces: number[];
  /** Actors that end up outside the largest remaining piece. */
  cutOff: number;
}

/**
 * The coordination network at `asOf` (DESIGN §2), searched as actors plus forums (see
 * articulation.ts): connected components, cut vertices and the pieces they leave.
 */
export class CoordinationNetwork {
  readonly graph: CsrGraph;
  readonly analysis: CutAnalysis;
  /** Node index of each actor; forums follow the actors. */
  readonly index = new Map<string, number>();
  /** Component number of each actor (0, 1, … in order of the actors' ids). */
  readonly componentOf = new Map<string, number>();
  /** Actors in each component. */
  readonly componentSizes: number[] = [];
  readonly cuts = new Map<string, Cut>();

  constructor(readonly projection: Projection) {
    const actorIds = projection.actorIds;
    actorIds.forEach((id, i) => this.index.set(id, i));
    const forums = [...projection.membersOf.entries()]
      .filter(([, members]) => members.length > 1)
      .sort(([a], [b]) => (a < b ? -1 : 1));
    const nodeCount = actorIds.length + forums.length;
    const weight = new Uint8Array(nodeCount);
    weight.fill(1, 0, actorIds.length);
    const edges: [number, number][] = [];
    for (const [a, partners] of projection.collaborators) {
      const ia = this.index.get(a);
      if (ia === undefined) continue;
      for (const b of partners) {
        const ib = this.index.get(b);
        if (ib !== undefined && ia < ib) edges.push([ia, ib]);
      }
    }
    forums.forEach(([, members], f) => {
      for (const member of members) {
        const i = this.index.get(member);
        if (i !== undefined) edges.push([i, actorIds.length + f]);
      }
    });
    this.graph = toCsr(nodeCount, edges, weight);
    this.analysis = analyseCuts(this.graph);

    const componentOfRoot = new Map<number, number>();
    actorIds.forEach((id, i) => {
      const root = this.analysis.root[i]!;
      let component = componentOfRoot.get(root);
      if (component === undefined) {
        component = this.componentSizes.length;
        componentOfRoot.set(root, component);
        this.componentSizes.push(this.analysis.subtreeWeight[root]!);
      }
      this.componentOf.set(id, component);
    });

    actorIds.forEach((id, i) => {
      const pieces = piecesWithout(this.analysis, this.graph, i).sort((a, b) => b - a);
      if (pieces.length < 2) return;
      const total = pieces.reduce((sum, piece) => sum + piece, 0);
      this.cuts.set(id, { actorId: id, pieces, cutOff: total - pieces[0]! });
    });
  }

  /** Actors in the component of `actorId`. */
  componentSize(actorId: string): number {
    return this.componentSizes[this.componentOf.get(actorId)!]!;
  }

  /**
   * The actors that removing `cutId` separates from the largest remaining piece, in id order.
   * A search subtree is a contiguous run of discovery numbers, so each piece is read off as a
   * slice of the discovery order instead of testing every actor of the component.
   */
  cutOffActors(cutId: string): string[] {
    const v = this.index.get(cutId)!;
    const { disc, size, subtreeWeight, root } = this.analysis;
    const order = this.discoveryOrder();
    const children = this.analysis.separated.get(v) ?? [];
    const r = root[v]!;
    const ranges: [number, number][] = children.map((c) => [disc[c]!, disc[c]! + size[c]!]);
    const weights = children.map((c) => subtreeWeight[c]!);
    const restWeight =
      r === v
        ? -1
        : subtreeWeight[r]! - this.graph.weight[v]! - weights.reduce((sum, w) => sum + w, 0);
    // The largest piece; ties go to the first child, then the rest, deterministically.
    let largest = 0;
    for (let i = 1; i < weights.length; i++) if (weights[i]! > weights[largest]!) largest = i;
    const restIsLargest = restWeight > weights[largest]!;
    const nodes: number[] = [];
    ranges.forEach(([from, to], i) => {
      if (!restIsLargest && i === largest) return;
      for (let d = from; d < to; d++) nodes.push(order[d]!);
    });
    if (!restIsLargest && r !== v) {
      // Everything in the component outside the loose subtrees, except the cut itself.
      const inLoose = (d: number) => ranges.some(([from, to]) => d >= from && d < to);
      for (let d = disc[r]!; d < disc[r]! + size[r]!; d++) {
        if (order[d] !== v && !inLoose(d)) nodes.push(order[d]!);
      }
    }
    const actorCount = this.projection.actorIds.length;
    return nodes
      .filter((node) => node < actorCount)
      .map((node) => this.projection.actorIds[node]!)
      .sort();
  }

  private order: Int32Array | null = null;

  /** Nodes by discovery number. */
  private discoveryOrder(): Int32Array {
    if (!this.order) {
      this.order = new Int32Array(this.analysis.disc.length);
      this.analysis.disc.forEach((d, node) => {
        this.order![d] = node;
      });
    }
    return this.order;
  }

  /**
   * What a new link between `a` and `b` does to the cut at `cutId`: `closes` when afterwards fewer
   * than two actors would be outside the largest piece, `reduces` when it joins two pieces but
   * not enough for that, `none` when both are in the same piece or either is outside the cut's
   * component.
   */
  linkEffectOnCut(cutId: string, a: string, b: string): 'closes' | 'reduces' | 'none' {
    const cut = this.cuts.get(cutId);
    if (!cut || a === cutId || b === cutId) return 'none';
    const component = this.componentOf.get(cutId);
    // A link to an actor outside the component only hangs more actors on the cut.
    if (this.componentOf.get(a) !== component || this.componentOf.get(b) !== component)
      return 'none';
    const v = this.index.get(cutId)!;
    const children = this.analysis.separated.get(v) ?? [];
    const weights = new Map<number, number>();
    children.forEach((child, i) => weights.set(i, this.analysis.subtreeWeight[child]!));
    const rootV = this.analysis.root[v]!;
    if (rootV !== v) {
      const loose = [...weights.values()].reduce((sum, w) => sum + w, 0);
      weights.set(-1, this.analysis.subtreeWeight[rootV]! - 1 - loose);
    }
    const pa = pieceOf(this.analysis, v, this.index.get(a)!);
    const pb = pieceOf(this.analysis, v, this.index.get(b)!);
    if (pa === pb) return 'none';
    const merged = (weights.get(pa) ?? 0) + (weights.get(pb) ?? 0);
    const sizes = [...weights.entries()]
      .filter(([piece]) => piece !== pa && piece !== pb)
      .map(([, w]) => w)
      .concat(merged)
      .filter((w) => w > 0)
      .sort((x, y) => y - x);
    const total = sizes.reduce((sum, w) => sum + w, 0);
    return total - sizes[0]! < 2 ? 'closes' : 'reduces';
  }
}

const cache = new WeakMap<Projection, CoordinationNetwork>();

/** The coordination network of a projection, built once and shared by the rules that need it. */
export function networkOf(projection: Projection): CoordinationNetwork {
  let network = cache.get(projection);
  if (!network) {
    network = new CoordinationNetwork(projection);
    cache.set(projection, network);
  }
  return network;
}
