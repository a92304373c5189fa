/**
 * Shapes the web app reads from the API, all derived from graph-schema: the graph elements from
 * the entity models, the analysis answers from their contract.
 */
import type {
  Flatten,
  GraphEdgeData as EdgeOfGraph,
  GraphLinkData,
  GraphNodeData as NodeOfGraph,
} from '../../../graph-schema/graph.ts';

export type { FactKind, NodeKind } from '../../../graph-schema/entities.ts';
export type LinkKind = GraphLinkData['kind'];
export type EdgeKind = EdgeOfGraph['kind'];

/** A node of `GET /graph`: every node kind's fields, each optional but `id`, `kind`, `label`. */
export type GraphNodeData = Flatten<NodeOfGraph, 'id' | 'kind' | 'label'>;
/** An edge of `GET /graph`: a fact's own fields, or a structural link. */
export type GraphEdgeData = Flatten<EdgeOfGraph, 'id' | 'kind' | 'source' | 'target'>;

export interface GraphData {
  nodes: { data: GraphNodeData }[];
  edges: { data: GraphEdgeData }[];
}

export interface Position {
  x: number;
  y: number;
}
/** A node's place in the map's shared layout; `pinned` when someone put it there by hand. */
export interface Placement extends Position {
  pinned?: boolean;
}
export type Positions = Record<string, Placement>;

/** The analysis endpoints' answers: one contract with the API, in graph-schema. */
export type {
  ActorMetrics,
  AllianceActor,
  AllianceReason,
  AllianceSuggestion,
  Backing as BackingTarget,
  BackingClaim,
  BackingFlag,
  EntityRef,
  FlagState,
  FundingByStatus,
  Gap,
  GapReport,
  GapSummary,
  NetworkMetrics,
} from '../../../graph-schema/index.ts';

export type LoadStatus = 'idle' | 'loading' | 'ready' | 'unavailable' | 'error';
