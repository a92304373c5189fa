/**
 * The graph's node labels and relationship types. A label or type in Cypher text is always one
 * of ours, from here or written out in a query, and never comes from user input.
 */

export const Label = {
  Map: 'Map',
  Actor: 'Actor',
  Initiative: 'Initiative',
  Plan: 'Plan',
  Goal: 'Goal',
  Area: 'Area',
  Forum: 'Forum',
  Meeting: 'Meeting',
  Decision: 'Decision',
  Action: 'Action',
  /** A saved view: a name for what someone looks at on a map (graph-schema/view-state.ts). */
  View: 'View',
  Change: 'Change',
  IdempotencyKey: 'IdempotencyKey',
  Migration: 'Migration',
  User: 'User',
  Session: 'Session',
  ApiToken: 'ApiToken',
  ShareLink: 'ShareLink',
  Invitation: 'Invitation',
  SignInLink: 'SignInLink',
} as const;
export type Label = (typeof Label)[keyof typeof Label];

/**
 * Every label whose nodes carry a `mapId` and belong to one map: deleting the map deletes them.
 * A new label of map content must be listed here.
 */
export const MAP_CONTENT_LABELS: readonly Label[] = [
  Label.Actor,
  Label.Initiative,
  Label.Plan,
  Label.Goal,
  Label.Area,
  Label.Forum,
  Label.Meeting,
  Label.Decision,
  Label.Action,
  Label.View,
  Label.Change,
  Label.ShareLink,
];

/** Facts: first-class relationships with their own id, version and validity. */
export const FactType = {
  CommittedTo: 'COMMITTED_TO',
  CollaboratesWith: 'COLLABORATES_WITH',
  MemberOf: 'MEMBER_OF',
  Stance: 'STANCE',
} as const;
export type FactType = (typeof FactType)[keyof typeof FactType];

/** Structural links: no identity of their own, set as id arrays on the owning entity. */
export const LinkType = {
  PartOf: 'PART_OF',
  ActiveIn: 'ACTIVE_IN',
  LocatedIn: 'LOCATED_IN',
  Advances: 'ADVANCES',
  DependsOn: 'DEPENDS_ON',
  /** A meeting's forum. */
  HeldIn: 'HELD_IN',
  /** A meeting's participant, with the participant's sentiment and a note on the relationship. */
  Participant: 'PARTICIPANT',
  /** A meeting's topics: the initiatives and plans it is about. */
  About: 'ABOUT',
  /** The actor or forum that made a decision. */
  DecidedBy: 'DECIDED_BY',
  /** The initiative or plan a decision or an action concerns. */
  Concerns: 'CONCERNS',
  /** The meeting a decision was made at or an action was agreed at. */
  FromMeeting: 'FROM_MEETING',
  /** The actor who owns a follow-up. */
  OwnedBy: 'OWNED_BY',
} as const;
export type LinkType = (typeof LinkType)[keyof typeof LinkType];

/**
 * Who may do what: `(:User)-[:HAS_ROLE {role}]->(:Map)`, and the user a session, token,
 * invitation or sign-in link belongs to (`(:Session)-[:OF_USER]->(:User)`). `MEMBER_OF` is a
 * fact (an actor in a forum), not access. Deleting a map detaches its roles with it.
 */
export const AccessType = {
  HasRole: 'HAS_ROLE',
  OfUser: 'OF_USER',
} as const;
export type AccessType = (typeof AccessType)[keyof typeof AccessType];
