/**
 * Shapes the web app reads from the API. Entity types come from `graph-schema` (types only, so
 * nothing of TypeBox reaches the bundle); the graph and analysis shapes are the HTTP contract of
 * DESIGN §4 as the routes answer it.
 */
import type {
  CollaborationKind,
  CommitmentRole,
  CommitmentStatus,
  FundingType,
  MembershipRole,
  Sector,
  Source,
  SourceKind,
  StancePosition,
  Status,
} from '../../../graph-schema/index.ts';

export type NodeKind = 'actor' | 'initiative' | 'plan' | 'goal' | 'area' | 'forum';
export type FactKind = 'commitment' | 'collaboration' | 'membership' | 'stance';
export type LinkKind = 'part_of' | 'active_in' | 'located_in' | 'advances' | 'depends_on';
export type EdgeKind = FactKind | LinkKind;

/** A node of `GET /graph`: the entity's own fields plus `kind` and `label`. */
export interface GraphNodeData {
  id: string;
  kind: NodeKind;
  label: string;
  version?: number;
  name?: string;
  title?: string;
  sector?: Sector;
  type?: string | null;
  description?: string | null;
  influence?: number | null;
  interest?: number | null;
  tags?: string[];
  status?: Status;
  budget?: number | null;
  startDate?: string | null;
  endDate?: string | null;
  priority?: number | null;
  expectedEffect?: number | null;
  parentId?: string | null;
  planId?: string | null;
  areaIds?: string[];
  goalIds?: string[];
  dependsOn?: string[];
  theme?: string | null;
  /** A forum's own kind (`steering_group`…); `kind` is the element kind. */
  forumKind?: string | null;
  /** Where the entity's claim comes from (`source` in the API's own resources). */
  provenance?: (Partial<Source> & { kind: SourceKind }) | null;
  [field: string]: unknown;
}

/** An edge of `GET /graph`: a fact's own fields, or a structural link. */
export interface GraphEdgeData {
  id: string;
  kind: EdgeKind;
  source: string;
  target: string;
  validNow?: boolean;
  version?: number;
  role?: CommitmentRole | MembershipRole;
  status?: CommitmentStatus;
  amount?: number | null;
  fundingType?: FundingType | null;
  position?: StancePosition;
  strength?: number | null;
  /** A collaboration's own kind (`tension`…); `kind` is the element kind. */
  collaborationKind?: CollaborationKind;
  from?: string | null;
  to?: string | null;
  note?: string | null;
  verifiedAt?: string | null;
  [field: string]: unknown;
}

export interface GraphData {
  nodes: { data: GraphNodeData }[];
  edges: { data: GraphEdgeData }[];
}

export interface Position {
  x: number;
  y: number;
}
export type Positions = Record<string, Position>;

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
