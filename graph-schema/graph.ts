import { Type, type Static } from 'typebox';
import type { Source } from './common.ts';
import { NODE_MODELS, type FACT_MODELS } from './entities.ts';
import type { EntityOf } from './model.ts';
import type { LinkType } from './labels.ts';

/**
 * `GET /maps/:mapId/graph`: the map as Cytoscape elements. A node's or edge's `data` holds the
 * entity's own fields, its element `kind` and, for nodes, a `label`; an entity's own `kind` field
 * travels as `<element kind>Kind` (`forumKind`, `collaborationKind`) and a claim's `source` as
 * `provenance`, since Cytoscape reads `source` as an edge's first end.
 */

type NodeModels = (typeof NODE_MODELS)[number];
type GraphModels = Exclude<NodeModels, { graph: false }>;

/** The parts `?include=` can name: the node collections the graph shows. */
export const GRAPH_PARTS = NODE_MODELS.filter((model) => model.graph !== false).map(
  (model) => model.collection as GraphModels['collection'],
);
export type GraphPart = GraphModels['collection'];

type Renamed<E, K extends string> = Omit<E, 'source' | 'kind'> & {
  provenance: Source | null;
} & (E extends { kind: infer O } ? { [P in `${K}Kind`]: O } : unknown);

type FactModels = (typeof FACT_MODELS)[number];

/** A node's data: one member per node model, told apart by `kind`. */
export type GraphNodeData = {
  [M in GraphModels as M['kind']]: Renamed<EntityOf<M>, M['kind']> & {
    kind: M['kind'];
    label: string;
  };
}[GraphModels['kind']];

/** A fact's edge data: one member per fact model, told apart by `kind`. */
export type GraphFactData = {
  [M in FactModels as M['kind']]: Renamed<EntityOf<M>, M['kind']> & {
    kind: M['kind'];
    source: string;
    target: string;
    /** Valid at `asOf`, or today when the graph was asked for without a date. */
    validNow: boolean;
  };
}[FactModels['kind']];

/** A structural link's edge data (`part_of:<from>:<to>`); it has no fields of its own. */
export interface GraphLinkData {
  id: string;
  kind: Lowercase<LinkType>;
  source: string;
  target: string;
}

export type GraphEdgeData = GraphFactData | GraphLinkData;

export interface GraphElements {
  nodes: { data: GraphNodeData }[];
  edges: { data: GraphEdgeData }[];
}

type KeysOfUnion<T> = T extends unknown ? keyof T : never;
type ValueIn<T, K extends PropertyKey> = T extends unknown
  ? K extends keyof T
    ? T[K]
    : never
  : never;

/**
 * One member of a union with every field of every member, each optional: for code that reads
 * elements of several kinds alike (a list, a details panel) and checks `kind` where it matters.
 */
export type Flatten<T, Required extends KeysOfUnion<T>> = {
  [K in Required]: ValueIn<T, K>;
} & { [K in Exclude<KeysOfUnion<T>, Required>]?: ValueIn<T, K> };

const ElementSchema = Type.Object(
  {
    data: Type.Object(
      { id: Type.String(), kind: Type.String() },
      { additionalProperties: true, description: 'The element’s fields (see the graph types)' },
    ),
  },
  { additionalProperties: false },
);

export const GraphResponseSchema = Type.Object(
  { nodes: Type.Array(ElementSchema), edges: Type.Array(ElementSchema) },
  { additionalProperties: false, title: 'Graph' },
);
export type GraphResponse = Static<typeof GraphResponseSchema>;
