import {
  analyseCuts,
  pieceOf,
  piecesWithout,
  toCsr,
  type CsrGraph,
  type CutAnalysis,
} from './articulation.ts';
import { louvain } from './louvain.ts';
import type { Projection } from './projection.ts';

/** Order-free key of a pair of actors. */
export function pairKey(a: string, b: string): string {
  return a < b ? `${a}|${b}` : `${b}|${a}`;
}

/** Louvain is randomised; a fixed seed makes communities repeat. */
export const LOUVAIN_SEED = 20_170_101;

/** What removing one actor does to its part of the coordination network. */
export interface Cut {
  actorId: string;
  /** Actors in each remaining piece, largest first. */
  pieces: number[];
  /** Actors that end up outside the largest remaining piece. */
  cutOff: number;
}

/** Components and cut vertices, from one search over actors and forums. */
interface Structure {
  graph: CsrGraph;
  analysis: CutAnalysis;
  componentOf: Map<string, number>;
  componentSizes: number[];
  cuts: Map<string, Cut>;
  order: Int32Array | null;
}

/**
 * The coordination network at `asOf`, the one place that says who is coordinated with whom
 * (docs/gap-rules.md, "Coordination"): two actors are coordinated when a collaboration between
 * them that is not a tension, or a forum they both belong to, is valid at `asOf`, or when both
 * took part in a meeting held on `asOf` itself. PART_OF never counts. Gap rules, alliances and metrics all read it; each view is built once, on first use:
 * - `coordinated`, `hasPartner`: two hash lookups, for the rules;
 * - components and cut vertices: a search over actors plus forums (see articulation.ts);
 * - `links`, `degree`, `actorGraph`, `communities`: the actor-to-actor network, for metrics
 *   and alliances.
 */
export class CoordinationNetwork {
  /** Non-tension collaboration partners and that day's fellow participants, both directions. */
  readonly partners = new Map<string, Set<string>>();
  /** Pairs (see `pairKey`) with a tension collaboration valid at `asOf`. */
  readonly tensions = new Set<string>();
  readonly forumsOf = new Map<string, Set<string>>();
  /** Members of each forum, sorted by id. */
  readonly membersOf = new Map<string, string[]>();
  /** Node index of each actor in the id order of the projection; forums follow the actors. */
  readonly index = new Map<string, number>();

  constructor(readonly projection: Projection) {
    projection.actorIds.forEach((id, i) => this.index.set(id, i));
    for (const collaboration of projection.collaborations) {
      const { actorAId: a, actorBId: b } = collaboration;
      if (a === b) continue;
      if (collaboration.kind === 'tension') {
        this.tensions.add(pairKey(a, b));
        continue;
      }
      for (const [x, y] of [
        [a, b],
        [b, a],
      ] as const) {
        const set = this.partners.get(x);
        if (set) set.add(y);
        else this.partners.set(x, new Set([y]));
      }
    }
    // A meeting held on the date brings its participants together on that date, and only then:
    // one meeting is not an alliance, so it is not read as a collaboration beyond its day.
    for (const meeting of projection.meetings) {
      const ids = [...new Set(meeting.participantIds)];
      for (const a of ids) {
        for (const b of ids) {
          if (a === b) continue;
          const set = this.partners.get(a);
          if (set) set.add(b);
          else this.partners.set(a, new Set([b]));
        }
      }
    }
    for (const membership of projection.memberships) {
      const set = this.forumsOf.get(membership.actorId);
      if (set?.has(membership.forumId)) continue;
      if (set) set.add(membership.forumId);
      else this.forumsOf.set(membership.actorId, new Set([membership.forumId]));
      const members = this.membersOf.get(membership.forumId);
      if (members) members.push(membership.actorId);
      else this.membersOf.set(membership.forumId, [membership.actorId]);
    }
    for (const members of this.membersOf.values()) members.sort();
  }

  /** Coordinated at `asOf`. */
  coordinated(a: string, b: string): boolean {
    if (a === b) return true;
    if (this.partners.get(a)?.has(b)) return true;
    const forumsA = this.forumsOf.get(a);
    const forumsB = this.forumsOf.get(b);
    if (!forumsA || !forumsB) return false;
    const [small, large] = forumsA.size <= forumsB.size ? [forumsA, forumsB] : [forumsB, forumsA];
    for (const forum of small) if (large.has(forum)) return true;
    return false;
  }

  /** Forums both actors belong to at `asOf`. */
  sharedForums(a: string, b: string): string[] {
    const forumsA = this.forumsOf.get(a);
    const forumsB = this.forumsOf.get(b);
    if (!forumsA || !forumsB) return [];
    return [...forumsA].filter((forum) => forumsB.has(forum)).sort();
  }

  /** True when the actor is coordinated with at least one other actor. */
  hasPartner(actorId: string): boolean {
    if ((this.partners.get(actorId)?.size ?? 0) > 0) return true;
    for (const forum of this.forumsOf.get(actorId) ?? []) {
      if ((this.membersOf.get(forum)?.length ?? 0) > 1) return true;
    }
    return false;
  }

  /** Uncoordinated pairs among actors (given sorted), each as [a, b] with a < b. */
  uncoordinatedPairs(actorIds: string[]): [string, string][] {
    const out: [string, string][] = [];
    for (let i = 0; i < actorIds.length; i++) {
      for (let j = i + 1; j < actorIds.length; j++) {
        if (!this.coordinated(actorIds[i]!, actorIds[j]!)) out.push([actorIds[i]!, actorIds[j]!]);
      }
    }
    return out;
  }

  private linkList: [number, number][] | null = null;

  /**
   * Every coordinated pair once, as actor indexes (a < b), in a fixed order: collaborations by
   * actor id, then forum co-members by forum id, deduplicated by number.
   */
  get links(): [number, number][] {
    if (this.linkList) return this.linkList;
    const ids = this.projection.actorIds;
    const n = ids.length;
    const seen = new Set<number>();
    const links: [number, number][] = [];
    const link = (x: number | undefined, y: number | undefined) => {
      if (x === undefined || y === undefined || x === y) return;
      const [a, b] = x < y ? [x, y] : [y, x];
      const key = a * n + b;
      if (seen.has(key)) return;
      seen.add(key);
      links.push([a, b]);
    };
    for (const a of ids) {
      for (const b of [...(this.partners.get(a) ?? [])].sort()) {
        if (a < b) link(this.index.get(a), this.index.get(b));
      }
    }
    for (const forumId of [...this.membersOf.keys()].sort()) {
      const members = this.membersOf.get(forumId)!;
      for (let i = 0; i < members.length; i++) {
        for (let j = i + 1; j < members.length; j++) {
          link(this.index.get(members[i]!), this.index.get(members[j]!));
        }
      }
    }
    this.linkList = links;
    return links;
  }

  private degrees: Int32Array | null = null;

  /** Number of actors an actor is coordinated with. */
  degree(actorId: string): number {
    if (!this.degrees) {
      this.degrees = new Int32Array(this.projection.actorIds.length);
      for (const [a, b] of this.links) {
        this.degrees[a]!++;
        this.degrees[b]!++;
      }
    }
    const i = this.index.get(actorId);
    return i === undefined ? 0 : this.degrees[i]!;
  }

  private actorCsr: CsrGraph | null = null;

  /** The actor-to-actor network in CSR form, node i = `projection.actorIds[i]`. */
  get actorGraph(): CsrGraph {
    const n = this.projection.actorIds.length;
    this.actorCsr ??= toCsr(n, this.links, new Uint8Array(n).fill(1));
    return this.actorCsr;
  }

  private communityOf: Map<string, number | null> | null = null;

  /**
   * Louvain communities of actors that coordinate with someone, numbered 0, 1, … from the
   * largest community down (ties by smallest actor id), so numbers mean the same across
   * requests. Actors without any link belong to no community (null): a community of one says
   * nothing.
   */
  get communities(): Map<string, number | null> {
    if (this.communityOf) return this.communityOf;
    const ids = this.projection.actorIds;
    const result = new Map<string, number | null>(ids.map((id) => [id, null]));
    if (this.links.length > 0) {
      const raw = louvain(this.actorGraph, LOUVAIN_SEED);
      const members = new Map<number, string[]>();
      ids.forEach((id, i) => {
        if (this.degree(id) === 0) return;
        const list = members.get(raw[i]!) ?? [];
        list.push(id);
        members.set(raw[i]!, list);
      });
      const ordered = [...members.values()].sort(
        (a, b) => b.length - a.length || (a[0]! < b[0]! ? -1 : 1),
      );
      ordered.forEach((list, index) => list.forEach((id) => result.set(id, index)));
    }
    this.communityOf = result;
    return result;
  }

  private structureOf: Structure | null = null;

  /**
   * Components and cut vertices. The search runs over actors (weight 1) and forums of two or
   * more members (weight 0) rather than the actor-to-actor links, so a forum of n members costs
   * n edges instead of n²; it connects exactly the same actors.
   */
  private get structure(): Structure {
    if (this.structureOf) return this.structureOf;
    const actorIds = this.projection.actorIds;
    const forums = [...this.membersOf.entries()]
      .filter(([, members]) => members.length > 1)
      .sort(([a], [b]) => (a < b ? -1 : 1));
    const nodeCount = actorIds.length + forums.length;
    const weight = new Uint8Array(nodeCount);
    weight.fill(1, 0, actorIds.length);
    const edges: [number, number][] = [];
    for (const [a, partners] of this.partners) {
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
    const graph = toCsr(nodeCount, edges, weight);
    const analysis = analyseCuts(graph);

    const componentOf = new Map<string, number>();
    const componentSizes: number[] = [];
    const componentOfRoot = new Map<number, number>();
    actorIds.forEach((id, i) => {
      const root = analysis.root[i]!;
      let component = componentOfRoot.get(root);
      if (component === undefined) {
        component = componentSizes.length;
        componentOfRoot.set(root, component);
        componentSizes.push(analysis.subtreeWeight[root]!);
      }
      componentOf.set(id, component);
    });

    const cuts = new Map<string, Cut>();
    actorIds.forEach((id, i) => {
      const pieces = piecesWithout(analysis, graph, i).sort((a, b) => b - a);
      if (pieces.length < 2) return;
      const total = pieces.reduce((sum, piece) => sum + piece, 0);
      cuts.set(id, { actorId: id, pieces, cutOff: total - pieces[0]! });
    });
    this.structureOf = { graph, analysis, componentOf, componentSizes, cuts, order: null };
    return this.structureOf;
  }

  /** Component number of each actor (0, 1, … in order of the actors' ids). */
  get componentOf(): Map<string, number> {
    return this.structure.componentOf;
  }

  /** Actors in each component. */
  get componentSizes(): number[] {
    return this.structure.componentSizes;
  }

  /** Cut vertices: actors whose removal splits their component into pieces with actors. */
  get cuts(): Map<string, Cut> {
    return this.structure.cuts;
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
    const { graph, analysis } = this.structure;
    const v = this.index.get(cutId)!;
    const { disc, size, subtreeWeight, root } = analysis;
    const order = this.discoveryOrder();
    const children = analysis.separated.get(v) ?? [];
    const r = root[v]!;
    const ranges: [number, number][] = children.map((c) => [disc[c]!, disc[c]! + size[c]!]);
    const weights = children.map((c) => subtreeWeight[c]!);
    const restWeight =
      r === v ? -1 : subtreeWeight[r]! - graph.weight[v]! - weights.reduce((sum, w) => sum + w, 0);
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

  /** Nodes by discovery number. */
  private discoveryOrder(): Int32Array {
    const structure = this.structure;
    if (!structure.order) {
      const order = new Int32Array(structure.analysis.disc.length);
      structure.analysis.disc.forEach((d, node) => {
        order[d] = node;
      });
      structure.order = order;
    }
    return structure.order;
  }

  /**
   * What a new link between `a` and `b` does to the cut at `cutId`: `closes` when afterwards fewer
   * than two actors would be outside the largest piece, `reduces` when it joins two pieces but
   * not enough for that, `none` when both are in the same piece or either is outside the cut's
   * component.
   */
  linkEffectOnCut(cutId: string, a: string, b: string): 'closes' | 'reduces' | 'none' {
    const { analysis } = this.structure;
    const cut = this.cuts.get(cutId);
    if (!cut || a === cutId || b === cutId) return 'none';
    const component = this.componentOf.get(cutId);
    // A link to an actor outside the component only hangs more actors on the cut.
    if (this.componentOf.get(a) !== component || this.componentOf.get(b) !== component)
      return 'none';
    const v = this.index.get(cutId)!;
    const children = analysis.separated.get(v) ?? [];
    const weights = new Map<number, number>();
    children.forEach((child, i) => weights.set(i, analysis.subtreeWeight[child]!));
    const rootV = analysis.root[v]!;
    if (rootV !== v) {
      const loose = [...weights.values()].reduce((sum, w) => sum + w, 0);
      weights.set(-1, analysis.subtreeWeight[rootV]! - 1 - loose);
    }
    const pa = pieceOf(analysis, v, this.index.get(a)!);
    const pb = pieceOf(analysis, v, this.index.get(b)!);
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

const networks = new WeakMap<Projection, CoordinationNetwork>();

/** The coordination network of a projection, built once and shared by everything that needs it. */
export function networkOf(projection: Projection): CoordinationNetwork {
  let network = networks.get(projection);
  if (!network) {
    network = new CoordinationNetwork(projection);
    networks.set(projection, network);
  }
  return network;
}
