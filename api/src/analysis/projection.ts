import type {
  ActorRow,
  AnalysisData,
  CollaborationRow,
  CommitmentRow,
  InitiativeRow,
  MapInfo,
  MeetingRow,
  MembershipRow,
  NamedRow,
  PlanRow,
  StanceRow,
} from '../../../graph-schema/analysis-rows.ts';
import type { CommitmentRole, EntityRef } from '../../../graph-schema/index.ts';
import { isLiveAt } from '../../../graph-schema/validity.ts';

function push<K, V>(index: Map<K, V[]>, key: K, value: V): void {
  const list = index.get(key);
  if (list) list.push(value);
  else index.set(key, [value]);
}

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * The map at `asOf`, indexed for the in-memory rules, alliances and metrics. Facts are already
 * filtered by the loader: commitments in force (valid, not withdrawn), collaborations and
 * memberships valid at `asOf`. Which targets are live at `asOf` is decided here once, by the
 * shared definition (graph-schema/validity.ts). Coordination is derived from it in network.ts.
 */
export class Projection {
  readonly map: MapInfo;
  readonly asOf: string;
  readonly actors = new Map<string, ActorRow>();
  readonly initiatives = new Map<string, InitiativeRow>();
  readonly plans = new Map<string, PlanRow>();
  readonly goals = new Map<string, NamedRow>();
  readonly areas = new Map<string, NamedRow>();
  readonly forums = new Map<string, NamedRow>();
  /** Actors sorted by id, so everything derived from them is deterministic. */
  readonly actorIds: string[];
  /** Initiatives in id order. */
  readonly initiativeList: InitiativeRow[];
  /** Initiatives and plans live at `asOf` (docs/gap-rules.md, "Live"). */
  readonly live = new Set<string>();
  readonly commitmentsByTarget = new Map<string, CommitmentRow[]>();
  readonly commitmentsByActor = new Map<string, CommitmentRow[]>();
  readonly collaborations: CollaborationRow[];
  readonly memberships: MembershipRow[];
  readonly stances: StanceRow[];
  /** Meetings held on `asOf` itself (coordination on that date only). */
  readonly meetings: MeetingRow[];
  /** Commitments in force, in id order. */
  readonly commitments: CommitmentRow[];
  /** How many rows the projection holds, for the cache's size estimate. */
  readonly rows: number;

  constructor(data: AnalysisData) {
    this.map = data.map;
    this.asOf = data.asOf;
    for (const actor of data.actors) this.actors.set(actor.id, actor);
    for (const initiative of data.initiatives) this.initiatives.set(initiative.id, initiative);
    for (const plan of data.plans) this.plans.set(plan.id, plan);
    for (const goal of data.goals) this.goals.set(goal.id, goal);
    for (const area of data.areas) this.areas.set(area.id, area);
    for (const forum of data.forums) this.forums.set(forum.id, forum);
    this.actorIds = [...this.actors.keys()].sort();
    this.initiativeList = [...data.initiatives].sort(byId);
    const lead = data.map.planningLeadDays;
    for (const target of [...data.initiatives, ...data.plans]) {
      if (isLiveAt(target, data.asOf, lead)) this.live.add(target.id);
    }

    this.commitments = [...data.commitments].sort(byId);
    for (const commitment of this.commitments) {
      push(this.commitmentsByTarget, commitment.targetId, commitment);
      push(this.commitmentsByActor, commitment.actorId, commitment);
    }
    this.collaborations = data.collaborations;
    this.memberships = data.memberships;
    this.stances = data.stances;
    this.meetings = data.meetings;
    this.rows =
      data.actors.length +
      data.initiatives.length +
      data.plans.length +
      data.goals.length +
      data.areas.length +
      data.forums.length +
      data.commitments.length +
      data.collaborations.length +
      data.memberships.length +
      data.stances.length +
      data.meetings.length;
  }

  get mapId(): string {
    return this.map.id;
  }

  /** An initiative or plan by id. */
  target(id: string): InitiativeRow | PlanRow | undefined {
    return this.initiatives.get(id) ?? this.plans.get(id);
  }

  /** Live at `asOf`: a live status, within its own period and planning lead time. */
  isLiveTarget(id: string): boolean {
    return this.live.has(id);
  }

  /** Commitments in force on a target, optionally of some roles. */
  commitmentsTo(targetId: string, roles?: readonly CommitmentRole[]): CommitmentRow[] {
    const all = this.commitmentsByTarget.get(targetId) ?? [];
    return roles ? all.filter((commitment) => roles.includes(commitment.role)) : all;
  }

  /** Distinct actor ids of some commitments, in id order. */
  static actorsOf(commitments: CommitmentRow[]): string[] {
    return [...new Set(commitments.map((commitment) => commitment.actorId))].sort();
  }

  actorRef(id: string): EntityRef {
    return { type: 'actor', id, name: this.actors.get(id)?.name ?? id };
  }

  targetRef(id: string): EntityRef {
    const initiative = this.initiatives.get(id);
    if (initiative) return { type: 'initiative', id, name: initiative.name };
    return { type: 'plan', id, name: this.plans.get(id)?.name ?? id };
  }

  name(id: string): string {
    return (
      this.actors.get(id)?.name ??
      this.target(id)?.name ??
      this.goals.get(id)?.name ??
      this.areas.get(id)?.name ??
      this.forums.get(id)?.name ??
      id
    );
  }
}
