/** Node labels and relationship types. Cypher text uses these constants, never user input. */

export const Label = {
  Map: 'Map',
  Actor: 'Actor',
  Initiative: 'Initiative',
  Plan: 'Plan',
  Goal: 'Goal',
  Area: 'Area',
  Forum: 'Forum',
  Migration: 'Migration',
} as const;
export type Label = (typeof Label)[keyof typeof Label];

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
} as const;
export type LinkType = (typeof LinkType)[keyof typeof LinkType];
