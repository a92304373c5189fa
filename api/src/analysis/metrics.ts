import type { ActorMetrics, NetworkMetrics } from '../../../graph-schema/index.ts';
import { betweenness } from './betweenness.ts';
import { modularity as modularityOf } from './louvain.ts';
import { LOUVAIN_SEED, networkOf } from './network.ts';
import type { Projection } from './projection.ts';
import { sortedByName } from './sort-key.ts';

const round = (value: number, digits = 6) => Math.round(value * 10 ** digits) / 10 ** digits;

/**
 * `GET /metrics`: degree, betweenness, community and cut vertices per actor; density,
 * components and communities per map, all of the one coordination network (network.ts).
 */
export function networkMetrics(projection: Projection): NetworkMetrics {
  const network = networkOf(projection);
  const community = network.communities;
  const actorCount = projection.actorIds.length;
  const links = network.links.length;
  // Sampling is seeded too, so the estimate above the exact limit repeats.
  const central = betweenness(network.actorGraph, { seed: LOUVAIN_SEED });
  const actors = sortedByName(
    projection.actorIds.map((id, i): ActorMetrics => {
      const actor = projection.actors.get(id)!;
      return {
        id,
        name: actor.name,
        sector: actor.sector,
        degree: network.degree(id),
        betweenness: round(central.values[i]!),
        community: community.get(id) ?? null,
        component: network.componentOf.get(id)!,
        articulationPoint: network.cuts.has(id),
      };
    }),
  );
  const communityCount = new Set([...community.values()].filter((c) => c !== null)).size;
  let modularity: number | null = null;
  if (links > 0) {
    // Modularity of the partition actually reported, isolated actors each on their own.
    const partition = projection.actorIds.map((id, i) => community.get(id) ?? -1 - i);
    modularity = round(modularityOf(network.actorGraph, partition));
  }
  return {
    asOf: projection.asOf,
    network: {
      actors: actorCount,
      links,
      density: round(actorCount > 1 ? links / ((actorCount * (actorCount - 1)) / 2) : 0),
      components: network.componentSizes.length,
      largestComponent: network.componentSizes.reduce((max, size) => Math.max(max, size), 0),
      isolated: actors.filter((actor) => actor.degree === 0).length,
      communities: communityCount,
      modularity,
      articulationPoints: network.cuts.size,
      betweenness: { exact: central.exact, sources: central.sources },
    },
    actors,
  };
}
