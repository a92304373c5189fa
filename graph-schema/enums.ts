/** Fixed vocabularies of the graph (docs/data-model.md). The web app translates every value. */

export const SECTORS = [
  'municipal',
  'political',
  'housing',
  'residents',
  'social_programme',
  'education',
  'business',
  'investor',
  'foundation',
  'civil_society',
  'culture',
  'state',
  'other',
] as const;
export type Sector = (typeof SECTORS)[number];

/** Status of initiatives and plans. */
export const STATUSES = ['idea', 'planned', 'active', 'completed', 'paused', 'cancelled'] as const;
export type Status = (typeof STATUSES)[number];

/** A target is live while it is neither completed nor cancelled; rules look at live targets only. */
export const LIVE_STATUSES: readonly Status[] = ['idea', 'planned', 'active', 'paused'];

export const COMMITMENT_ROLES = ['owner', 'funder', 'contributor', 'endorser'] as const;
export type CommitmentRole = (typeof COMMITMENT_ROLES)[number];

export const COMMITMENT_STATUSES = ['proposed', 'agreed', 'formalised', 'withdrawn'] as const;
export type CommitmentStatus = (typeof COMMITMENT_STATUSES)[number];

export const FUNDING_TYPES = ['grant', 'loan', 'in_kind'] as const;
export type FundingType = (typeof FUNDING_TYPES)[number];

export const COLLABORATION_KINDS = [
  'formal_agreement',
  'partnership',
  'network',
  'informal',
  'tension',
] as const;
export type CollaborationKind = (typeof COLLABORATION_KINDS)[number];

export const FORUM_KINDS = ['steering_group', 'partnership', 'board', 'network'] as const;
export type ForumKind = (typeof FORUM_KINDS)[number];

export const MEMBERSHIP_ROLES = ['chair', 'member', 'secretariat'] as const;
export type MembershipRole = (typeof MEMBERSHIP_ROLES)[number];

export const STANCE_POSITIONS = [
  'champion',
  'supports',
  'neutral',
  'sceptical',
  'opposes',
] as const;
export type StancePosition = (typeof STANCE_POSITIONS)[number];

export const SOURCE_KINDS = ['public', 'internal', 'illustrative'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

export const MEETING_KINDS = ['information', 'decision'] as const;
export type MeetingKind = (typeof MEETING_KINDS)[number];

export const MEETING_STATUSES = ['planned', 'held', 'cancelled'] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];

/** How a participant stood at a meeting. */
export const SENTIMENTS = ['positive', 'neutral', 'negative', 'unknown'] as const;
export type Sentiment = (typeof SENTIMENTS)[number];

export const DECISION_OUTCOMES = ['approved', 'rejected', 'deferred'] as const;
export type DecisionOutcome = (typeof DECISION_OUTCOMES)[number];

export const ACTION_STATUSES = ['open', 'done', 'dropped'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

export const LOCALES = ['da', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

export const GAP_KINDS = [
  'unowned_initiative',
  'contested_ownership',
  'unfunded_initiative',
  'unanchored_plan',
  'goal_without_initiative',
  'uncoordinated_partners',
  'dependency_without_alliance',
  'blocked_dependency',
  'missing_resident_voice',
  'missing_political_backing',
  'powerful_opposition',
  'isolated_actor',
  'single_point_of_failure',
  'expiring_commitment',
  'stale_fact',
  'overdue_action',
  'no_recent_contact',
] as const;
export type GapKind = (typeof GAP_KINDS)[number];

export const SEVERITIES = ['high', 'medium', 'low'] as const;
export type Severity = (typeof SEVERITIES)[number];
