import type { ActorMetrics, NetworkMetrics } from '../../../graph-schema/index.ts';
import Graph from 'graphology';
import louvain from 'graphology-communities-louvain';
import { density as graphDensity } from 'graphology-metrics/graph/density.js';
import graphModularity from 'graphology-metrics/graph/modularity.js';
import { toCsr } from './articulation.ts';
import { betweenness as brandes } from './betweenness.ts';
import { byNameThenId } from './i18n.ts';
import { networkOf } from './network.ts';
import { seededRandom } from './random.ts';
import type { Projection } from './projection.ts';

/** Louvain and betweenness sampling are randomised; a fixed seed makes results repeat. */
export const LOUVAIN_SEED = 20_170_101;

/**
 * The coordination network as a graphology graph: one node per actor (in id order, so every
 * algorithm sees the same input each time) and one edge per coordinated pair, forum co-members
 * included. Built once per projection.
 */
export function coordinationGraph(projection: Projection): Graph {
  let graph = graphs.get(projection);
  if (graph) return graph;
  graph = new Graph({ type: 'undirected', multi: false, allowSelfLoops: false });
  const ids = projection.actorIds;
  for (const id of ids) graph.addNode(id);
  // Pairs are deduplicated by number first: graphology's own hasEdge check per forum pair
  // cost more than the rest of the build.
  const index = new Map(ids.map((id, i) => [id, i]));
  const n = ids.length;
  const seen = new Set<number>();
  const link = (x: number | undefined, y: number | undefined) => {
    if (x === undefined || y === undefined || x === y) return;
    const key = x < y ? x * n + y : y * n + x;
    if (seen.has(key)) return;
    seen.add(key);
    graph!.addUndirectedEdge(ids[x]!, ids[y]!);
  };
  for (const a of ids) {
    for (const b of [...(projection.collaborators.get(a) ?? [])].sort()) {
      if (a < b) link(index.get(a), index.get(b));
    }
  }
  for (const forumId of [...projection.membersOf.keys()].sort()) {
    const members = projection.membersOf.get(forumId)!;
    for (let i = 0; i < members.length; i++) {
      for (let j = i + 1; j < members.length; j++)
        link(index.get(members[i]!), index.get(members[j]!));
    }
  }
  graphs.set(projection, graph);
  return graph;
}
const graphs = new WeakMap<Projection, Graph>();

/**
 * Louvain communities of actors that coordinate with someone, numbered 0, 1, … from the largest
 * community down (ties by smallest actor id), so numbers mean the same across requests. Actors
 * without any link belong to no community (null): a community of one says nothing.
 */
export function communitiesOf(projection: Projection): Map<string, number | null> {
  let result = communities.get(projection);
  if (result) return result;
  const graph = coordinationGraph(projection);
  result = new Map(projection.actorIds.map((id) => [id, null]));
  if (graph.size > 0) {
    const raw = louvain(graph, { rng: seededRandom(LOUVAIN_SEED) });
    const members = new Map<number, string[]>();
    for (const id of projection.actorIds) {
      if (graph.degree(id) === 0) continue;
      const list = members.get(raw[id]!) ?? [];
      list.push(id);
      members.set(raw[id]!, list);
    }
    const ordered = [...members.values()].sort(
      (a, b) => b.length - a.length || (a[0]! < b[0]! ? -1 : 1),
    );
    ordered.forEach((list, index) => list.forEach((id) => result!.set(id, index)));
  }
  communities.set(projection, result);
  return result;
}
const communities = new WeakMap<Projection, Map<string, number | null>>();

const round = (value: number, digits = 6) => Math.round(value * 10 ** digits) / 10 ** digits;

/** Degree, betweenness, community and cut vertices per actor; density, components, communities per map. */
export function networkMetrics(projection: Projection): NetworkMetrics {
  const graph = coordinationGraph(projection);
  const network = networkOf(projection);
  const community = communitiesOf(projection);
  const index = new Map(projection.actorIds.map((id, i) => [id, i]));
  const edges: [number, number][] = [];
  graph.forEachEdge((_edge, _attributes, source, target) => {
    edges.push([index.get(source)!, index.get(target)!]);
  });
  const csr = toCsr(
    projection.actorIds.length,
    edges,
    new Uint8Array(projection.actorIds.length).fill(1),
  );
  const central = brandes(csr, { seed: LOUVAIN_SEED });
  const actors = projection.actorIds
    .map((id): ActorMetrics => {
      const actor = projection.actors.get(id)!;
      return {
        id,
        name: actor.name,
        sector: actor.sector,
        degree: graph.degree(id),
        betweenness: round(central.values[index.get(id)!]!),
        community: community.get(id) ?? null,
        component: network.componentOf.get(id)!,
        articulationPoint: network.cuts.has(id),
      };
    })
    .sort(byNameThenId);
  const communityCount = new Set([...community.values()].filter((c) => c !== null)).size;
  let modularity: number | null = null;
  if (graph.size > 0) {
    // Modularity of the partition actually reported, isolated actors each on their own.
    const partition: Record<string, number> = {};
    for (const id of projection.actorIds)
      partition[id] = community.get(id) ?? -1 - network.index.get(id)!;
    modularity = round(graphModularity(graph, { getNodeCommunity: (node) => partition[node]! }));
  }
  return {
    asOf: projection.asOf,
    network: {
      actors: graph.order,
      links: graph.size,
      density: round(graph.order > 1 ? graphDensity(graph) : 0),
      components: network.componentSizes.length,
      largestComponent: Math.max(0, ...network.componentSizes),
      isolated: actors.filter((actor) => actor.degree === 0).length,
      communities: communityCount,
      modularity,
      articulationPoints: network.cuts.size,
      betweenness: { exact: central.exact, sources: central.sources },
    },
    actors,
  };
}
