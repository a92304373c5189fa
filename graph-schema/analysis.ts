import type { GapKind, Sector, Severity, Status } from './enums.ts';
import type { Source } from './common.ts';

/**
 * What the analysis endpoints answer (DESIGN §3, §4): the contract between the API, which
 * builds these, and the web app, which shows them.
 */

export type EntityType =
  | 'actor'
  | 'initiative'
  | 'plan'
  | 'goal'
  | 'area'
  | 'forum'
  | 'commitment'
  | 'collaboration'
  | 'membership'
  | 'stance';

/** A pointer to an entity as a finding names it. */
export interface EntityRef {
  type: EntityType;
  id: string;
  name: string;
}

/** A gap (`GET /gaps`), in the request's language. */
export interface Gap {
  id: string;
  kind: GapKind;
  severity: Severity;
  subject: EntityRef;
  related: EntityRef[];
  message: string;
  explanation: string;
  suggestion?: string;
  details?: Record<string, unknown>;
}

export interface GapSummary {
  total: number;
  byKind: Record<GapKind, number>;
  bySeverity: Record<Severity, number>;
}

export interface GapReport {
  asOf: string;
  lang: 'da' | 'en';
  summary: GapSummary;
  gaps: Gap[];
}

export type ReasonKind =
  | 'dependency'
  | 'shared_initiative'
  | 'ends_isolation'
  | 'bridges_components'
  | 'bridges_communities'
  | 'shared_goal'
  | 'shared_area'
  | 'same_organisation'
  | 'tension'
  | 'closes_gaps'
  | 'reduces_single_point_of_failure';

/** Why a pair is suggested: a sentence, and what it is about. */
export interface AllianceReason {
  kind: ReasonKind;
  text: string;
  related: EntityRef[];
}

export interface AllianceActor {
  id: string;
  name: string;
  sector: Sector;
}

/** A suggested alliance (`GET /alliances`). */
export interface AllianceSuggestion {
  actorA: AllianceActor;
  actorB: AllianceActor;
  score: number;
  reasons: AllianceReason[];
  /** Gaps the link would resolve. */
  closes: string[];
  /** Gaps the link would shrink without resolving them. */
  reduces: string[];
}

export interface ActorMetrics {
  id: string;
  name: string;
  sector: Sector;
  /** Number of actors it is coordinated with. */
  degree: number;
  /** Normalised betweenness (0–1): how much of the network's shortest paths run through it. */
  betweenness: number;
  community: number | null;
  component: number;
  /** Removing it splits its component (into pieces that each hold actors). */
  articulationPoint: boolean;
}

/** `GET /metrics`: the coordination network at `asOf`. */
export interface NetworkMetrics {
  asOf: string;
  network: {
    actors: number;
    links: number;
    density: number;
    components: number;
    largestComponent: number;
    isolated: number;
    communities: number;
    modularity: number | null;
    articulationPoints: number;
    /** Betweenness is exact up to 2,000 actors; above that it is estimated from sampled sources. */
    betweenness: { exact: boolean; sources: number };
  };
  actors: ActorMetrics[];
}

/** `backed`; `none` = facts recorded but none backs; `not_recorded` = nothing of that kind. */
export type FlagState = 'backed' | 'none' | 'not_recorded';

/** One claim of `/backing`: a commitment (role) or a stance (position) of one actor. */
export interface BackingClaim {
  factId: string;
  kind: 'commitment' | 'stance';
  actor: { id: string; name: string; sector: Sector };
  role: string | null;
  position: string | null;
  status: string | null;
  amount: number | null;
  fundingType: string | null;
  from: string | null;
  to: string | null;
  validity: { from: string | null; to: string | null };
  verifiedAt: string | null;
  note: string | null;
  source: Source | null;
  /** True for a plausible but unverified example; it must never read as fact. */
  illustrative: boolean;
  /** How solid the claim is, in words: source and last check. */
  reliability: string;
  /** Counts as backing (support, or a commitment in force). */
  backs: boolean;
  /** For a plan: the initiative (or sub-plan) the claim is on; null for the target's own facts. */
  via: { type: 'initiative' | 'plan'; id: string; title: string; label: string } | null;
  /** One line: "AKB Taastrup — owner (agreed), DKK 1,000,000". */
  label: string;
}

export interface BackingFlag {
  state: FlagState;
  missing: boolean;
  text: string;
  /** The actors whose claims decide the state. */
  actors: { id: string; name: string }[];
}

export interface FundingByStatus {
  proposed: number;
  agreed: number;
  formalised: number;
}

/** The backing of one initiative or plan (`GET /backing/:targetId`). */
export interface Backing {
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
    /** agreed + formalised. */
    secured: number;
    shortfall: number | null;
    /** secured / budget, 0–1 (null without a budget). */
    coverage: number | null;
    /** A plan's funding on its initiatives, apart from its own. */
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
