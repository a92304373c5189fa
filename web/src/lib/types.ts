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
  GapKind,
  MembershipRole,
  Sector,
  Severity,
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

export interface EntityRef {
  type: string;
  id: string;
  name: string;
}

export interface Gap {
  id: string;
  kind: GapKind | string;
  severity: Severity;
  subject: EntityRef;
  related: EntityRef[];
  message: string;
  explanation: string;
  suggestion?: string | null;
}

export interface GapSummary {
  total: number;
  byKind: Record<string, number>;
  bySeverity: Record<Severity, number>;
}

export interface GapReport {
  summary: GapSummary;
  gaps: Gap[];
}

export interface AllianceActor {
  id: string;
  name: string;
  sector: Sector;
}

/** Why a pair is suggested: a sentence, and what it is about. */
export interface AllianceReason {
  kind: string;
  text: string;
  related: EntityRef[];
}

export interface AllianceSuggestion {
  actorA: AllianceActor;
  actorB: AllianceActor;
  score: number;
  reasons: (AllianceReason | string)[];
  closes: string[];
  reduces: string[];
}

export interface ActorMetrics {
  degree: number;
  betweenness: number;
  community?: number | null;
  articulationPoint?: boolean;
}

/** One claim of `/backing`: a commitment (role) or a stance (position) of one actor. */
export interface BackingClaim {
  factId: string;
  kind: 'commitment' | 'stance';
  actor: { id: string; name: string; sector: Sector };
  role: CommitmentRole | null;
  position: StancePosition | null;
  status: CommitmentStatus | null;
  amount: number | null;
  fundingType: FundingType | null;
  from: string | null;
  to: string | null;
  verifiedAt: string | null;
  note: string | null;
  source: (Partial<Source> & { kind: SourceKind }) | null;
  /** A plausible but unverified example: must never read as fact. */
  illustrative: boolean;
  /** How solid the claim is, in words (translated by the API). */
  reliability: string;
  /** Counts as backing: support, or a commitment in force. */
  backs: boolean;
  /** For a plan: the initiative or sub-plan the claim is on. */
  via: { type: 'initiative' | 'plan'; id: string; title: string; label: string } | null;
  label: string;
}

/** `backed`; `none` = facts recorded but none backs; `not_recorded` = nothing from that sector. */
export type FlagState = 'backed' | 'none' | 'not_recorded';

export interface BackingFlag {
  state: FlagState;
  missing: boolean;
  text: string;
  actors: { id: string; name: string }[];
}

export interface FundingByStatus {
  proposed: number;
  agreed: number;
  formalised: number;
}

export interface BackingTarget {
  target: {
    type: 'initiative' | 'plan';
    id: string;
    title: string;
    status: Status;
    budget: number | null;
    live: boolean;
  };
  claims: BackingClaim[];
  bySector: { sector: Sector; label: string; claims: BackingClaim[] }[];
  funding: {
    budget: number | null;
    currency: string;
    byStatus: FundingByStatus;
    secured: number;
    shortfall: number | null;
    coverage: number | null;
    viaInitiatives?: FundingByStatus;
    text: string;
  };
  flags: {
    political: BackingFlag;
    resident: BackingFlag;
    economic: BackingFlag;
    missingPolitical: boolean;
    missingResident: boolean;
    missingEconomic: boolean;
  };
}

export type LoadStatus = 'idle' | 'loading' | 'ready' | 'unavailable' | 'error';
