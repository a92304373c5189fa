import type { Source } from './common.ts';
import type {
  ActionStatus,
  Sentiment,
  CollaborationKind,
  CommitmentRole,
  CommitmentStatus,
  DecisionOutcome,
  FundingType,
  Sector,
  StancePosition,
  Status,
} from './enums.ts';

/**
 * The rows the analysis reads: what the analysis repository returns and the analysis computes
 * on. Declared here, once, so the repositories (which fill them) and the analysis (which reads
 * them) share them without importing each other. Numbers are plain numbers and dates
 * `YYYY-MM-DD` text: the queries convert them in Cypher, so rows need no decoding.
 */

/** A map's name and the settings the analysis uses. */
export interface MapInfo {
  id: string;
  name: string;
  currency: string;
  expiryHorizonDays: number;
  staleAfterDays: number;
  /** How long before its start an initiative or plan counts as live (docs/gap-rules.md). */
  planningLeadDays: number;
  /** How long an influential party may go without a held meeting (`no_recent_contact`). */
  contactAfterDays: number;
}

export interface ActorRow {
  id: string;
  name: string;
  sector: Sector;
  influence: number | null;
  /** The organisation it is part of (PART_OF), which is not coordination. */
  parentId: string | null;
  areaIds: string[];
}

/** What initiatives and plans share: status and their own period. */
export interface TargetRow {
  id: string;
  name: string;
  status: Status;
  startDate: string | null;
  endDate: string | null;
  areaIds: string[];
}

export interface InitiativeRow extends TargetRow {
  budget: number | null;
  priority: number | null;
  planId: string | null;
  goalIds: string[];
  dependsOn: string[];
}

export interface PlanRow extends TargetRow {
  parentId: string | null;
}

export interface NamedRow {
  id: string;
  name: string;
}

/** When a fact was last checked: `verifiedAt`, and the date of `updatedAt` as a fallback. */
export interface Checked {
  verifiedAt: string | null;
  updatedOn: string;
}

/** A commitment in force at `asOf` (valid and not withdrawn). */
export interface CommitmentRow extends Checked {
  id: string;
  actorId: string;
  targetId: string;
  role: CommitmentRole;
  status: CommitmentStatus;
  amount: number | null;
}

/** A collaboration valid at `asOf`, tension included (alliances need to know about it). */
export interface CollaborationRow extends Checked {
  id: string;
  actorAId: string;
  actorBId: string;
  kind: CollaborationKind;
}

export interface MembershipRow extends Checked {
  id: string;
  actorId: string;
  forumId: string;
}

/** A stance valid at `asOf`. */
export interface StanceRow extends Checked {
  id: string;
  actorId: string;
  targetId: string;
  position: StancePosition;
}

/**
 * A meeting held on `asOf` itself, with its participants: they count as coordinated on that
 * date only (docs/gap-rules.md, "Coordinated").
 */
export interface MeetingRow {
  id: string;
  name: string;
  participantIds: string[];
}

/** What the in-memory rules, alliances and metrics read: the map at `asOf`. */
export interface AnalysisData {
  map: MapInfo;
  asOf: string;
  actors: ActorRow[];
  initiatives: InitiativeRow[];
  plans: PlanRow[];
  goals: NamedRow[];
  areas: NamedRow[];
  forums: NamedRow[];
  commitments: CommitmentRow[];
  collaborations: CollaborationRow[];
  memberships: MembershipRow[];
  stances: StanceRow[];
  meetings: MeetingRow[];
}

/**
 * One fact of a target's backing, with everything a reader needs to judge how solid it is. A
 * decision names its body as the actor (a forum's sector reads as political when a political
 * actor sits in it, else other), its date as `from`, and carries its outcome and reference.
 */
export interface BackingFactRow {
  id: string;
  fact: 'commitment' | 'stance' | 'decision';
  actorId: string;
  actorName: string;
  actorSector: Sector;
  targetId: string;
  role: CommitmentRole | null;
  status: CommitmentStatus | null;
  position: StancePosition | null;
  amount: number | null;
  fundingType: FundingType | null;
  from: string | null;
  to: string | null;
  verifiedAt: string | null;
  note: string | null;
  source: Source | null;
  outcome: DecisionOutcome | null;
  reference: string | null;
}

export interface BackingTargetRow {
  type: 'initiative' | 'plan';
  id: string;
  name: string;
  status: Status;
  budget: number | null;
  startDate: string | null;
  endDate: string | null;
  /** The plan an initiative belongs to, or a plan's parent plan. */
  parentPlanId: string | null;
}

export interface BackingData {
  map: MapInfo;
  targets: BackingTargetRow[];
  facts: BackingFactRow[];
}

/** An actor as a rule query names it. */
export interface NamedActor {
  id: string;
  name: string;
}

/** An owner or funder commitment in force, as the ownership and funding rules read it. */
export interface CommittedActor extends NamedActor {
  status: CommitmentStatus;
}

/**
 * The row each Cypher gap rule returns, by gap kind (docs/gap-rules.md says what each rule
 * finds). Every query returns one map per row, `RETURN x {…} AS row`.
 */
export interface RuleRows {
  /** A live initiative without an agreed or formalised owner, and its proposed owners. */
  unowned_initiative: { id: string; name: string; status: Status; owners: CommittedActor[] };
  /** A live initiative whose secured funding is below its budget. */
  unfunded_initiative: {
    id: string;
    name: string;
    budget: number;
    funded: number;
    proposed: number;
    secured: (CommittedActor & { amount: number })[];
  };
  /** A live plan without an agreed or formalised owner, and its proposed owners. */
  unanchored_plan: { id: string; name: string; owners: CommittedActor[] };
  /** A goal no live initiative advances, and the initiatives linked to it that are not live. */
  goal_without_initiative: { id: string; name: string; inactive: NamedRow[] };
  /** A live initiative that depends on a paused or cancelled one. */
  blocked_dependency: {
    id: string;
    name: string;
    dependency: { id: string; name: string; status: 'paused' | 'cancelled' };
  };
  /** A live located target without a voice from the residents of some of its areas. */
  missing_resident_voice: {
    id: string;
    name: string;
    type: 'initiative' | 'plan';
    areas: { id: string; name: string; residents: NamedActor[] }[];
  };
  /**
   * A live initiative without political backing, its plans, the political stances on it, and
   * the standing political decisions on it that are not approvals (each with its body).
   */
  missing_political_backing: {
    id: string;
    name: string;
    plans: NamedRow[];
    stances: (NamedActor & { position: StancePosition })[];
    decisions: (NamedRow & {
      type: 'actor' | 'forum';
      outcome: 'rejected' | 'deferred';
      date: string;
    })[];
  };
  /** An influential actor sceptical of or opposed to a live target. */
  powerful_opposition: {
    id: string;
    name: string;
    type: 'initiative' | 'plan';
    actor: NamedActor & { influence: number };
    position: 'sceptical' | 'opposes';
  };
  /** An open action whose due date has passed. */
  overdue_action: {
    id: string;
    name: string;
    due: string;
    daysLate: number;
    owner: NamedActor | null;
    target: { id: string; name: string; type: 'initiative' | 'plan' } | null;
    meeting: { id: string; name: string; date: string } | null;
  };
  /** An influential actor committed to live work who has been at no held meeting lately. */
  no_recent_contact: {
    id: string;
    name: string;
    influence: number;
    contactAfterDays: number;
    targets: (NamedRow & { type: 'initiative' | 'plan' })[];
    lastMeeting: { id: string; name: string; date: string } | null;
  };
  /** A commitment that ends within the horizon while its target goes on. */
  expiring_commitment: {
    id: string;
    role: CommitmentRole;
    to: string;
    actor: NamedActor;
    target: { id: string; name: string; type: 'initiative' | 'plan'; endDate: string | null };
  };
}

/** The gap kinds whose rule is one Cypher query. */
export type CypherRuleKind = keyof RuleRows;

/** A party of a brief, with what the projection leaves out. */
export interface BriefActorRow {
  id: string;
  name: string;
  sector: Sector;
  type: string | null;
  influence: number | null;
  interest: number | null;
}

/** A held meeting up to the brief's date that one of its parties took part in. */
export interface BriefParticipationRow {
  actorId: string;
  meetingId: string;
  name: string;
  date: string;
  sentiment: Sentiment;
  note: string | null;
}

/** An open action owned by a party or agreed at a meeting a party took part in. */
export interface BriefActionRow {
  id: string;
  name: string;
  status: ActionStatus;
  due: string | null;
  owner: NamedActor | null;
  target: { id: string; name: string; type: 'initiative' | 'plan' } | null;
  meeting: { id: string; name: string; date: string; participantIds: string[] } | null;
}

/** A decision up to the brief's date on an initiative or plan. */
export interface BriefDecisionRow {
  id: string;
  name: string;
  date: string;
  outcome: DecisionOutcome;
  body: NamedActor | null;
  target: { id: string; name: string; type: 'initiative' | 'plan' };
  reference: string | null;
}

/** What a brief reads besides the analysis (`AnalysisSource.loadBriefRecords`). */
export interface BriefRecords {
  actors: BriefActorRow[];
  participations: BriefParticipationRow[];
  actions: BriefActionRow[];
  decisions: BriefDecisionRow[];
}
