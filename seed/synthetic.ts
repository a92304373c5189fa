import { ulid } from 'ulid';
import {
  COLLABORATION_KINDS,
  FORUM_KINDS,
  STANCE_POSITIONS,
  type MapBundle,
  type Sector,
  type Status,
} from '../graph-schema/index.ts';
import { seededRandom } from '../api/src/analysis/random.ts';
import { seededId } from './ids.ts';

/**
 * Deterministic synthetic maps for benchmarks, in the proportions of a real one: about one
 * initiative per five actors and about six relationships per actor overall (facts plus
 * structural links). The same `actors`, `seed` and `mapId` always give the same bundle.
 */
export interface SyntheticOptions {
  actors: number;
  seed: number;
  /** Defaults to a new ULID: every run creates a new map. */
  mapId?: string;
}

/** Drawing helpers over the shared seeded generator (mulberry32), so benchmark data repeats. */
export function createRandom(seed: number) {
  const next = seededRandom(seed);
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
    chance: (p: number) => next() < p,
    weighted: <T extends string>(weights: Record<T, number>): T => {
      const entries = Object.entries(weights) as [T, number][];
      let roll = next() * entries.reduce((sum, [, w]) => sum + w, 0);
      for (const [value, weight] of entries) {
        roll -= weight;
        if (roll < 0) return value;
      }
      return entries[entries.length - 1]![0];
    },
  };
}

const SECTOR_WEIGHTS: Record<Sector, number> = {
  municipal: 15,
  political: 5,
  housing: 12,
  residents: 12,
  social_programme: 5,
  education: 8,
  business: 12,
  investor: 4,
  foundation: 3,
  civil_society: 10,
  culture: 5,
  state: 4,
  other: 5,
};

const STATUS_WEIGHTS: Record<Status, number> = {
  idea: 10,
  planned: 25,
  active: 40,
  completed: 10,
  paused: 10,
  cancelled: 5,
};

const SECTOR_NAMES: Record<Sector, string> = {
  municipal: 'Fagcenter',
  political: 'Udvalg',
  housing: 'Boligorganisation',
  residents: 'Afdelingsbestyrelse',
  social_programme: 'Boligsocial indsats',
  education: 'Skole',
  business: 'Virksomhed',
  investor: 'Investor',
  foundation: 'Fond',
  civil_society: 'Forening',
  culture: 'Kulturinstitution',
  state: 'Styrelse',
  other: 'Partner',
};

const date = (year: number, month: number, day: number) =>
  `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;

export function generateSyntheticBundle(options: SyntheticOptions): MapBundle {
  const { actors: actorCount, seed } = options;
  if (!Number.isInteger(actorCount) || actorCount < 10) {
    throw new Error('--actors must be a whole number of at least 10');
  }
  const mapId = options.mapId ?? ulid();
  const random = createRandom(seed);
  const id = (key: string) => seededId(mapId, key);
  const randomDate = (fromYear: number, toYear: number) =>
    date(random.int(fromYear, toYear), random.int(1, 12), random.int(1, 28));
  const source = () =>
    random.chance(0.7)
      ? { kind: 'public' as const, url: `https://example.org/samspil/${random.int(1, 9999)}` }
      : { kind: 'illustrative' as const, note: 'Synthetic benchmark data' };

  const areaCount = Math.max(3, Math.round(actorCount / 200));
  const goalCount = Math.max(3, Math.round(actorCount / 250));
  const planCount = Math.max(2, Math.round(actorCount / 100));
  const initiativeCount = Math.max(2, Math.round(actorCount / 5));
  const forumCount = Math.max(2, Math.round(actorCount / 30));

  const areas = Array.from({ length: areaCount }, (_, i) => ({
    id: id(`area-${i}`),
    name: `Område ${i + 1}`,
  }));
  const goals = Array.from({ length: goalCount }, (_, i) => ({
    id: id(`goal-${i}`),
    title: `Mål ${i + 1}`,
    theme: random.pick(['velfærd', 'kompleksitet', 'mange parter']),
  }));
  // Plan 0 is the strategic plan; every other plan sits under an earlier one, so no cycles.
  const plans = Array.from({ length: planCount }, (_, i) => ({
    id: id(`plan-${i}`),
    title: i === 0 ? 'Strategisk udviklingsplan' : `Delplan ${i}`,
    status: (i === 0 ? 'active' : random.weighted(STATUS_WEIGHTS)) as Status,
    parentId: i === 0 ? undefined : id(`plan-${random.int(0, i - 1)}`),
    areaIds: [random.pick(areas).id],
    budget: random.int(10, 500) * 1_000_000,
    startDate: randomDate(2016, 2022),
    endDate: randomDate(2027, 2035),
    source: source(),
  }));
  const initiatives = Array.from({ length: initiativeCount }, (_, i) => {
    const goalIds = [...new Set([random.pick(goals).id, random.pick(goals).id])];
    // Dependencies point to earlier initiatives only, so the graph stays acyclic.
    const dependsOn = i > 0 && random.chance(0.2) ? [id(`initiative-${random.int(0, i - 1)}`)] : [];
    return {
      id: id(`initiative-${i}`),
      title: `Indsats ${i + 1}`,
      status: random.weighted(STATUS_WEIGHTS),
      planId: random.pick(plans).id,
      goalIds,
      areaIds: [random.pick(areas).id],
      dependsOn,
      budget: random.chance(0.7) ? random.int(1, 100) * 500_000 : undefined,
      priority: random.int(1, 5),
      expectedEffect: random.int(1, 5),
      startDate: randomDate(2018, 2025),
      endDate: randomDate(2027, 2033),
      source: source(),
    };
  });
  const actors = Array.from({ length: actorCount }, (_, i) => {
    const sector = random.weighted(SECTOR_WEIGHTS);
    return {
      id: id(`actor-${i}`),
      name: `${SECTOR_NAMES[sector]} ${i + 1}`,
      sector,
      influence: random.int(1, 5),
      interest: random.int(1, 5),
      areaIds: random.chance(0.7) ? [random.pick(areas).id] : [],
      parentId: i > 10 && random.chance(0.1) ? id(`actor-${random.int(0, i - 1)}`) : undefined,
      tags: [],
      source: source(),
    };
  });
  const forums = Array.from({ length: forumCount }, (_, i) => ({
    id: id(`forum-${i}`),
    name: `Forum ${i + 1}`,
    kind: random.pick(FORUM_KINDS),
    source: source(),
  }));

  const period = () => {
    const from = random.chance(0.8) ? randomDate(2015, 2026) : undefined;
    const to = random.chance(0.2) ? randomDate(2026, 2030) : undefined;
    return from && to && from > to ? { from: to, to: from } : { from, to };
  };
  // Most facts were checked this year; about one in seven has gone unchecked for years.
  const verifiedAt = () =>
    random.chance(0.85) ? date(2026, random.int(1, 10), random.int(1, 28)) : randomDate(2021, 2024);
  const fact = () => ({ ...period(), source: source(), verifiedAt: verifiedAt() });

  // Commitments: about seven per initiative, one owner first; one fact per (actor, target, role).
  const commitmentKeys = new Set<string>();
  const commitments: MapBundle['commitments'] = [];
  const commit = (initiativeId: string, role: 'owner' | 'funder' | 'contributor' | 'endorser') => {
    const actorId = random.pick(actors).id;
    const key = `${actorId}|${initiativeId}|${role}`;
    if (commitmentKeys.has(key)) return;
    commitmentKeys.add(key);
    commitments.push({
      id: id(`commitment-${commitments.length}`),
      actorId,
      initiativeId,
      role,
      status: random.weighted({ proposed: 20, agreed: 45, formalised: 30, withdrawn: 5 }),
      ...(role === 'funder'
        ? {
            amount: random.int(1, 40) * 250_000,
            fundingType: random.pick(['grant', 'loan', 'in_kind'] as const),
          }
        : {}),
      ...fact(),
    });
  };
  for (const initiative of initiatives) {
    if (random.chance(0.85)) commit(initiative.id, 'owner');
    for (let k = random.int(1, 2); k > 0; k--) commit(initiative.id, 'funder');
    for (let k = random.int(2, 4); k > 0; k--) commit(initiative.id, 'contributor');
    for (let k = random.int(0, 2); k > 0; k--) commit(initiative.id, 'endorser');
  }
  for (const commitment of commitments) {
    if (commitment.status === 'withdrawn' && !commitment.to) commitment.to = randomDate(2024, 2026);
    if (commitment.from && commitment.to && commitment.from > commitment.to)
      commitment.from = undefined;
  }

  // Collaborations: two per actor, mostly within an area, so the network has communities.
  const byArea = new Map<string, string[]>();
  for (const actor of actors) {
    const area = actor.areaIds[0] ?? '';
    byArea.set(area, [...(byArea.get(area) ?? []), actor.id]);
  }
  const pairKeys = new Set<string>();
  const collaborations: MapBundle['collaborations'] = [];
  for (let attempt = 0; attempt < actorCount * 2; attempt++) {
    const a = random.pick(actors);
    const local = byArea.get(a.areaIds[0] ?? '')!;
    const b = random.chance(0.7) ? random.pick(local) : random.pick(actors).id;
    const kind = random.chance(0.1) ? 'tension' : random.pick(COLLABORATION_KINDS.slice(0, 4));
    const key = `${[a.id, b].sort().join('|')}|${kind}`;
    if (a.id === b || pairKeys.has(key)) continue;
    pairKeys.add(key);
    collaborations.push({
      id: id(`collaboration-${collaborations.length}`),
      actorAId: a.id,
      actorBId: b,
      kind,
      strength: random.int(1, 3),
      ...fact(),
    });
  }

  // Memberships: small forums (8–16 members), so forum cliques stay realistic in size.
  const memberships: MapBundle['memberships'] = [];
  for (const forum of forums) {
    const members = new Set<string>();
    for (let k = random.int(8, 16); k > 0; k--) members.add(random.pick(actors).id);
    [...members].forEach((actorId, index) =>
      memberships.push({
        id: id(`membership-${memberships.length}`),
        actorId,
        forumId: forum.id,
        role: index === 0 ? 'chair' : 'member',
        ...fact(),
      }),
    );
  }

  // Stances: mostly political and resident actors; one per (actor, target).
  const stanceKeys = new Set<string>();
  const stances: MapBundle['stances'] = [];
  const voices = actors.filter(
    (actor) => actor.sector === 'political' || actor.sector === 'residents',
  );
  for (let attempt = 0; attempt < actorCount * 0.6; attempt++) {
    const actor = random.chance(0.7) && voices.length ? random.pick(voices) : random.pick(actors);
    const onPlan = random.chance(0.15);
    const targetId = onPlan ? random.pick(plans).id : random.pick(initiatives).id;
    const key = `${actor.id}|${targetId}`;
    if (stanceKeys.has(key)) continue;
    stanceKeys.add(key);
    stances.push({
      id: id(`stance-${stances.length}`),
      actorId: actor.id,
      ...(onPlan ? { planId: targetId } : { initiativeId: targetId }),
      position: random.pick(STANCE_POSITIONS),
      ...fact(),
    });
  }

  return {
    map: {
      id: mapId,
      name: `Syntetisk kort: ${actorCount} aktører (seed ${seed})`,
      description: 'Generated for benchmarks by npm run seed:synthetic.',
      locale: 'da',
      currency: 'DKK',
    },
    areas,
    goals,
    plans,
    initiatives,
    actors,
    forums,
    commitments,
    collaborations,
    memberships,
    stances,
  };
}

/** Relationships in a bundle: facts plus structural links, for reports. */
export function countRelationships(bundle: MapBundle): number {
  const links =
    bundle.actors.reduce((n, a) => n + (a.areaIds?.length ?? 0) + (a.parentId ? 1 : 0), 0) +
    bundle.initiatives.reduce(
      (n, i) =>
        n +
        (i.planId ? 1 : 0) +
        (i.goalIds?.length ?? 0) +
        (i.areaIds?.length ?? 0) +
        (i.dependsOn?.length ?? 0),
      0,
    ) +
    bundle.plans.reduce((n, p) => n + (p.parentId ? 1 : 0) + (p.areaIds?.length ?? 0), 0);
  return (
    links +
    bundle.commitments.length +
    bundle.collaborations.length +
    bundle.memberships.length +
    bundle.stances.length
  );
}
