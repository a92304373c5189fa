import type {
  ActorRow,
  AnalysisData,
  CollaborationRow,
  CommitmentRow,
  InitiativeRow,
  MapInfo,
  MembershipRow,
  NamedRow,
  PlanRow,
  StanceRow,
} from '../repositories/analysis-repository.ts';
import { isLive } from './validity.ts';
import type { EntityRef } from './types.ts';

/** Order-free key of a pair of actors. */
export function pairKey(a: string, b: string): string {
  return a < b ? `${a}|${b}` : `${b}|${a}`;
}

function push<K, V>(index: Map<K, V[]>, key: K, value: V): void {
  const list = index.get(key);
  if (list) list.push(value);
  else index.set(key, [value]);
}

/**
 * The map at `asOf`, indexed for the in-memory rules, alliances and metrics. Facts are already
 * filtered by the loader: commitments in force (valid, not withdrawn), collaborations and
 * memberships valid at `asOf`. Coordination (DESIGN §2) is defined here once: a non-tension
 * collaboration or a shared forum, both valid at `asOf`; PART_OF never counts.
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
  readonly commitmentsByTarget = new Map<string, CommitmentRow[]>();
  readonly commitmentsByActor = new Map<string, CommitmentRow[]>();
  /** Non-tension collaboration partners, both directions. */
  readonly collaborators = new Map<string, Set<string>>();
  /** Pairs (see `pairKey`) with a tension collaboration valid at `asOf`. */
  readonly tensions = new Set<string>();
  readonly forumsOf = new Map<string, Set<string>>();
  /** Members of each forum, sorted by id. */
  readonly membersOf = new Map<string, string[]>();
  readonly collaborations: CollaborationRow[];
  readonly memberships: MembershipRow[];
  readonly stances: StanceRow[];
  /** Commitments in force, in id order. */
  readonly commitments: CommitmentRow[];

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

    this.commitments = [...data.commitments].sort((a, b) => (a.id < b.id ? -1 : 1));
    for (const commitment of this.commitments) {
      push(this.commitmentsByTarget, commitment.targetId, commitment);
      push(this.commitmentsByActor, commitment.actorId, commitment);
    }

    this.collaborations = data.collaborations;
    this.memberships = data.memberships;
    this.stances = data.stances;
    for (const collaboration of data.collaborations) {
      const { actorAId: a, actorBId: b } = collaboration;
      if (a === b) continue;
      if (collaboration.kind === 'tension') {
        this.tensions.add(pairKey(a, b));
        continue;
      }
      for (const [x, y] of [
        [a, b],
        [b, a],
      ] as const) {
        const set = this.collaborators.get(x);
        if (set) set.add(y);
        else this.collaborators.set(x, new Set([y]));
      }
    }

    for (const membership of data.memberships) {
      const set = this.forumsOf.get(membership.actorId);
      if (set?.has(membership.forumId)) continue;
      if (set) set.add(membership.forumId);
      else this.forumsOf.set(membership.actorId, new Set([membership.forumId]));
      push(this.membersOf, membership.forumId, membership.actorId);
    }
    for (const members of this.membersOf.values()) members.sort();
  }

  get mapId(): string {
    return this.map.id;
  }

  /** Coordinated at `asOf` (DESIGN §2). */
  coordinated(a: string, b: string): boolean {
    if (a === b) return true;
    if (this.collaborators.get(a)?.has(b)) return true;
    const forumsA = this.forumsOf.get(a);
    const forumsB = this.forumsOf.get(b);
    if (!forumsA || !forumsB) return false;
    const [small, large] = forumsA.size <= forumsB.size ? [forumsA, forumsB] : [forumsB, forumsA];
    for (const forum of small) if (large.has(forum)) return true;
    return false;
  }

  /** Forums both actors belong to at `asOf`. */
  sharedForums(a: string, b: string): string[] {
    const forumsA = this.forumsOf.get(a);
    const forumsB = this.forumsOf.get(b);
    if (!forumsA || !forumsB) return [];
    return [...forumsA].filter((forum) => forumsB.has(forum)).sort();
  }

  /** True when the actor is coordinated with at least one other actor. */
  hasPartner(actorId: string): boolean {
    if ((this.collaborators.get(actorId)?.size ?? 0) > 0) return true;
    for (const forum of this.forumsOf.get(actorId) ?? []) {
      if ((this.membersOf.get(forum)?.length ?? 0) > 1) return true;
    }
    return false;
  }

  /** An initiative or plan by id. */
  target(id: string): InitiativeRow | PlanRow | undefined {
    return this.initiatives.get(id) ?? this.plans.get(id);
  }

  isLiveTarget(id: string): boolean {
    const target = this.target(id);
    return target !== undefined && isLive(target);
  }

  /** Commitments in force on a target, optionally of some roles. */
  commitmentsTo(targetId: string, roles?: readonly string[]): CommitmentRow[] {
    const all = this.commitmentsByTarget.get(targetId) ?? [];
    return roles ? all.filter((commitment) => roles.includes(commitment.role)) : all;
  }

  /** Distinct actor ids of some commitments, in id order. */
  static actorsOf(commitments: CommitmentRow[]): string[] {
    return [...new Set(commitments.map((commitment) => commitment.actorId))].sort();
  }

  /** Uncoordinated pairs among actors (given sorted), each as [a, b] with a < b. */
  uncoordinatedPairs(actorIds: string[]): [string, string][] {
    const out: [string, string][] = [];
    for (let i = 0; i < actorIds.length; i++) {
      for (let j = i + 1; j < actorIds.length; j++) {
        if (!this.coordinated(actorIds[i]!, actorIds[j]!)) out.push([actorIds[i]!, actorIds[j]!]);
      }
    }
    return out;
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
