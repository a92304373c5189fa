import { FactType, Label, LinkType } from '../../../graph-schema/index.ts';

/**
 * How each entity is stored. The generic repositories build their (constant) Cypher from these
 * definitions once, at load time; request values only ever travel as parameters.
 */

/** How a property is stored: integers as Neo4j integers, dates as `Date`, a source as three properties. */
export type PropKind = 'string' | 'int' | 'date' | 'stringList' | 'source';

export interface PropDef {
  field: string;
  kind: PropKind;
}

/** A structural link, set as an id (one) or id array (many) on its owning entity. */
export interface LinkDef {
  field: string;
  rel: LinkType;
  target: Label;
  many: boolean;
  /** Refuse a link that would close a cycle (PART_OF, DEPENDS_ON). */
  acyclic?: boolean;
}

export type FilterDef =
  { param: string; prop: string; list?: boolean } | { param: string; link: string };

export interface NodeDef {
  /** Route segment, e.g. `actors`. */
  collection: string;
  /** Singular, for messages. */
  noun: string;
  label: Label;
  nameProp: 'name' | 'title';
  props: PropDef[];
  links: LinkDef[];
  filters: FilterDef[];
  /** Date pairs that must be ordered. */
  dateRange?: [string, string];
}

const source: PropDef = { field: 'source', kind: 'source' };
const description: PropDef = { field: 'description', kind: 'string' };

export const ACTOR: NodeDef = {
  collection: 'actors',
  noun: 'actor',
  label: Label.Actor,
  nameProp: 'name',
  props: [
    { field: 'name', kind: 'string' },
    { field: 'sector', kind: 'string' },
    { field: 'type', kind: 'string' },
    description,
    { field: 'influence', kind: 'int' },
    { field: 'interest', kind: 'int' },
    { field: 'tags', kind: 'stringList' },
    source,
  ],
  links: [
    { field: 'parentId', rel: LinkType.PartOf, target: Label.Actor, many: false, acyclic: true },
    { field: 'areaIds', rel: LinkType.ActiveIn, target: Label.Area, many: true },
  ],
  filters: [
    { param: 'sector', prop: 'sector' },
    { param: 'tag', prop: 'tags', list: true },
    { param: 'areaId', link: 'areaIds' },
    { param: 'parentId', link: 'parentId' },
  ],
};

const targetProps: PropDef[] = [
  { field: 'title', kind: 'string' },
  { field: 'status', kind: 'string' },
  description,
  { field: 'startDate', kind: 'date' },
  { field: 'endDate', kind: 'date' },
  { field: 'budget', kind: 'int' },
  source,
];

export const INITIATIVE: NodeDef = {
  collection: 'initiatives',
  noun: 'initiative',
  label: Label.Initiative,
  nameProp: 'title',
  props: [
    ...targetProps,
    { field: 'priority', kind: 'int' },
    { field: 'expectedEffect', kind: 'int' },
  ],
  links: [
    { field: 'planId', rel: LinkType.PartOf, target: Label.Plan, many: false },
    { field: 'goalIds', rel: LinkType.Advances, target: Label.Goal, many: true },
    { field: 'areaIds', rel: LinkType.LocatedIn, target: Label.Area, many: true },
    {
      field: 'dependsOn',
      rel: LinkType.DependsOn,
      target: Label.Initiative,
      many: true,
      acyclic: true,
    },
  ],
  filters: [
    { param: 'status', prop: 'status' },
    { param: 'planId', link: 'planId' },
    { param: 'goalId', link: 'goalIds' },
    { param: 'areaId', link: 'areaIds' },
  ],
  dateRange: ['startDate', 'endDate'],
};

export const PLAN: NodeDef = {
  collection: 'plans',
  noun: 'plan',
  label: Label.Plan,
  nameProp: 'title',
  props: targetProps,
  links: [
    { field: 'parentId', rel: LinkType.PartOf, target: Label.Plan, many: false, acyclic: true },
    { field: 'areaIds', rel: LinkType.LocatedIn, target: Label.Area, many: true },
  ],
  filters: [
    { param: 'status', prop: 'status' },
    { param: 'parentId', link: 'parentId' },
    { param: 'areaId', link: 'areaIds' },
  ],
  dateRange: ['startDate', 'endDate'],
};

export const GOAL: NodeDef = {
  collection: 'goals',
  noun: 'goal',
  label: Label.Goal,
  nameProp: 'title',
  props: [{ field: 'title', kind: 'string' }, description, { field: 'theme', kind: 'string' }],
  links: [],
  filters: [{ param: 'theme', prop: 'theme' }],
};

export const AREA: NodeDef = {
  collection: 'areas',
  noun: 'area',
  label: Label.Area,
  nameProp: 'name',
  props: [{ field: 'name', kind: 'string' }, description],
  links: [],
  filters: [],
};

export const FORUM: NodeDef = {
  collection: 'forums',
  noun: 'forum',
  label: Label.Forum,
  nameProp: 'name',
  props: [
    { field: 'name', kind: 'string' },
    { field: 'kind', kind: 'string' },
    description,
    source,
  ],
  links: [],
  filters: [{ param: 'kind', prop: 'kind' }],
};

export const NODE_DEFS = [ACTOR, INITIATIVE, PLAN, GOAL, AREA, FORUM];

/** One end of a fact: the body field that names it and the label it must have. */
export interface EndDef {
  field: string;
  label: Label;
}

export interface FactDef {
  collection: string;
  noun: string;
  type: FactType;
  from: EndDef;
  /** The other end: one of these fields, exactly one given. */
  to: EndDef[];
  /** Direction carries no meaning (collaborations): duplicates are unordered. */
  undirected?: boolean;
  props: PropDef[];
  /** Properties that, with the ends and an overlapping period, make two facts duplicates. */
  duplicateKey: string[];
  filters: FilterDef[];
}

const factProps: PropDef[] = [
  { field: 'note', kind: 'string' },
  source,
  { field: 'verifiedAt', kind: 'date' },
  { field: 'from', kind: 'date' },
  { field: 'to', kind: 'date' },
];

const initiativeOrPlan: EndDef[] = [
  { field: 'initiativeId', label: Label.Initiative },
  { field: 'planId', label: Label.Plan },
];

export const COMMITMENT: FactDef = {
  collection: 'commitments',
  noun: 'commitment',
  type: FactType.CommittedTo,
  from: { field: 'actorId', label: Label.Actor },
  to: initiativeOrPlan,
  props: [
    { field: 'role', kind: 'string' },
    { field: 'status', kind: 'string' },
    { field: 'amount', kind: 'int' },
    { field: 'fundingType', kind: 'string' },
    ...factProps,
  ],
  duplicateKey: ['role'],
  filters: [
    { param: 'role', prop: 'role' },
    { param: 'status', prop: 'status' },
  ],
};

export const COLLABORATION: FactDef = {
  collection: 'collaborations',
  noun: 'collaboration',
  type: FactType.CollaboratesWith,
  from: { field: 'actorAId', label: Label.Actor },
  to: [{ field: 'actorBId', label: Label.Actor }],
  undirected: true,
  props: [{ field: 'kind', kind: 'string' }, { field: 'strength', kind: 'int' }, ...factProps],
  duplicateKey: ['kind'],
  filters: [{ param: 'kind', prop: 'kind' }],
};

/** An actor holds one membership of a forum and one stance on a target at a time, whatever the role. */
export const MEMBERSHIP: FactDef = {
  collection: 'memberships',
  noun: 'membership',
  type: FactType.MemberOf,
  from: { field: 'actorId', label: Label.Actor },
  to: [{ field: 'forumId', label: Label.Forum }],
  props: [{ field: 'role', kind: 'string' }, ...factProps],
  duplicateKey: [],
  filters: [{ param: 'role', prop: 'role' }],
};

export const STANCE: FactDef = {
  collection: 'stances',
  noun: 'stance',
  type: FactType.Stance,
  from: { field: 'actorId', label: Label.Actor },
  to: initiativeOrPlan,
  props: [{ field: 'position', kind: 'string' }, ...factProps],
  duplicateKey: [],
  filters: [{ param: 'position', prop: 'position' }],
};

export const FACT_DEFS = [COMMITMENT, COLLABORATION, MEMBERSHIP, STANCE];
