import type {
  ActionCreate,
  ActorCreate,
  AreaCreate,
  CollaborationCreate,
  CommitmentCreate,
  DecisionCreate,
  ForumCreate,
  GoalCreate,
  InitiativeCreate,
  MapCreate,
  MeetingCreate,
  MembershipCreate,
  PlanCreate,
  SavedViewCreate,
  StanceCreate,
} from './entities.ts';

type WithId<T> = T & { id: string };

/**
 * A whole map as plain data, with ids already chosen: what the demo map and the synthetic
 * generator produce and what the bulk loader writes in batches.
 */
export interface MapBundle {
  map: WithId<MapCreate>;
  areas: WithId<AreaCreate>[];
  goals: WithId<GoalCreate>[];
  plans: WithId<PlanCreate>[];
  initiatives: WithId<InitiativeCreate>[];
  actors: WithId<ActorCreate>[];
  forums: WithId<ForumCreate>[];
  commitments: WithId<CommitmentCreate>[];
  collaborations: WithId<CollaborationCreate>[];
  memberships: WithId<MembershipCreate>[];
  stances: WithId<StanceCreate>[];
  /** The partnership's records; a synthetic map has none. */
  meetings?: WithId<MeetingCreate>[];
  decisions?: WithId<DecisionCreate>[];
  actions?: WithId<ActionCreate>[];
  /** Saved views, to choose from the header; a synthetic map has none. */
  views?: WithId<SavedViewCreate>[];
}
