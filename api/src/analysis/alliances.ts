import type {
  AllianceReason as Reason,
  AllianceSuggestion,
  CommitmentRole,
  GapKind,
} from '../../../graph-schema/index.ts';
import { findingId } from './engine.ts';
import { joinNames, q, ROLE_LABELS } from './i18n.ts';
import { networkOf, pairKey } from './network.ts';
import type { Projection } from './projection.ts';
import { sortedBy, sortKey } from './sort-key.ts';
import type { Finding, Lang } from './types.ts';

/**
 * Alliance suggestions (docs/gap-rules.md, "Alliances"): pairs of actors that are not coordinated but share
 * something. Candidates come only from what a pair shares — a live initiative (or plan) both
 * deliver to (non-endorser), a dependency between initiatives they own, a goal their
 * initiatives advance, an area — never from all pairs, and each actor takes part in at most
 * 50 candidates.
 *
 * The score adds up what the link would bring. Weights, from strongest to weakest:
 * - a dependency between their initiatives (4 each): the hand-over fails silently without a link;
 * - a live initiative or plan both deliver to (3 each, +1 when one of them owns it);
 * - each gap the link would close (2; 3 for a high-severity gap) or reduce (1; 1.5 for high):
 *   uncoordinated partners, contested ownership, a dependency without alliance, an isolated actor;
 * - joining two separate components (3) or two Louvain communities of one component (1.5);
 * - the same parent organisation (1: departments must still be linked), a shared area
 *   (1 each, at most 2), a shared goal through different initiatives (0.5 each, at most 2: large
 *   actors share some goal with almost everyone, so goals only break ties);
 * - a recorded tension (−2): still worth suggesting, but the first meeting needs care.
 * Order: score, then the two names, then ids; the same map and date always give the same list.
 */

export const MAX_CANDIDATES_PER_ACTOR = 50;

/** The gap kinds an alliance can close or reduce: the ones about coordination, in rule order. */
export const COORDINATION_KINDS: readonly GapKind[] = [
  'contested_ownership',
  'uncoordinated_partners',
  'dependency_without_alliance',
  'isolated_actor',
  'single_point_of_failure',
];
/** Groups (an area, a goal) up to this size put every uncoordinated pair forward. */
const GROUP_LIMIT = 30;
/** In larger groups an isolated member is paired with this many of the best-linked members. */
const HUBS_PER_GROUP = 5;

const WEIGHT = {
  dependency: 4,
  sharedInitiative: 3,
  ownerBonus: 1,
  closes: 2,
  reduces: 1,
  /** Factor on closes/reduces for a high-severity gap. */
  high: 1.5,
  bridgesComponents: 3,
  bridgesCommunities: 1.5,
  goal: 0.5,
  maxGoals: 2,
  area: 1,
  maxAreas: 2,
  sameOrganisation: 1,
  tension: -2,
} as const;

interface Candidate {
  a: string;
  b: string;
  initiatives: Set<string>;
  dependencies: [string, string][];
  goals: string[];
  areas: string[];
  closes: Set<string>;
  reduces: Set<string>;
  /** Score from the gaps closed and reduced, weighted by their severity. */
  gapScore: number;
  isolated: string[];
  bridges: 'components' | 'communities' | null;
  sameParent: string | null;
  tension: boolean;
  score: number;
}

const NON_ENDORSER: readonly CommitmentRole[] = ['owner', 'funder', 'contributor'];

/** The live targets each actor delivers to, with its roles there. */
type Deliveries = Map<string, Map<string, Set<CommitmentRole>>>;

/** Gaps a new link between two actors would touch, by pair (see `pairKey`). */
interface GapIndex {
  /** uncoordinated_partners, contested_ownership and dependency_without_alliance gaps listing the pair. */
  byPair: Map<string, { id: string; pairs: number; high: boolean }[]>;
  isolated: Map<string, { id: string; high: boolean }>;
  cuts: Map<string, string>;
}

function indexGaps(mapId: string, findings: Finding[]): GapIndex {
  const index: GapIndex = { byPair: new Map(), isolated: new Map(), cuts: new Map() };
  for (const finding of findings) {
    const id = findingId(mapId, finding);
    switch (finding.kind) {
      case 'uncoordinated_partners':
      case 'contested_ownership':
      case 'dependency_without_alliance': {
        const pairs = finding.details.uncoordinatedPairs;
        for (const [a, b] of pairs) {
          const key = pairKey(a, b);
          const list = index.byPair.get(key) ?? [];
          list.push({ id, pairs: pairs.length, high: finding.severity === 'high' });
          index.byPair.set(key, list);
        }
        break;
      }
      case 'isolated_actor':
        index.isolated.set(finding.subject.id, { id, high: finding.severity === 'high' });
        break;
      case 'single_point_of_failure':
        index.cuts.set(finding.subject.id, id);
        break;
    }
  }
  return index;
}

/**
 * Live targets an actor delivers to (non-endorser commitments in force), with its roles. Plans
 * count as well as initiatives: two joint owners of a plan share it just as much.
 */
function deliveries(projection: Projection): Deliveries {
  const out: Deliveries = new Map();
  for (const [actorId, commitments] of projection.commitmentsByActor) {
    for (const commitment of commitments) {
      if (!NON_ENDORSER.includes(commitment.role)) continue;
      if (!projection.isLiveTarget(commitment.targetId)) continue;
      let byInitiative = out.get(actorId);
      if (!byInitiative) out.set(actorId, (byInitiative = new Map()));
      const roles = byInitiative.get(commitment.targetId) ?? new Set<CommitmentRole>();
      roles.add(commitment.role);
      byInitiative.set(commitment.targetId, roles);
    }
  }
  return out;
}

/**
 * Scored suggestions for `projection`, given the coordination findings of the same projection
 * (uncoordinated_partners, contested_ownership, dependency_without_alliance, isolated_actor,
 * single_point_of_failure) so that `closes` and `reduces` name the same gap ids as `/gaps`.
 */
export function suggestAlliances(
  projection: Projection,
  findings: Finding[],
  options: { limit: number; lang: Lang },
): AllianceSuggestion[] {
  const { lang } = options;
  const mapId = projection.mapId;
  const gaps = indexGaps(mapId, findings);
  const delivered = deliveries(projection);
  const network = networkOf(projection);
  const community = network.communities;
  const candidates = new Map<string, Candidate>();

  const candidate = (x: string, y: string): Candidate | null => {
    if (x === y) return null;
    const key = pairKey(x, y);
    let found = candidates.get(key);
    if (!found) {
      if (network.coordinated(x, y)) return null;
      const [a, b] = x < y ? [x, y] : [y, x];
      found = {
        a,
        b,
        initiatives: new Set(),
        dependencies: [],
        goals: [],
        areas: [],
        closes: new Set(),
        reduces: new Set(),
        gapScore: 0,
        isolated: [],
        bridges: null,
        sameParent: null,
        tension: false,
        score: 0,
      };
      candidates.set(key, found);
    }
    return found;
  };

  // 1. A live initiative (or plan) both deliver to.
  const partnersOf = new Map<string, string[]>();
  for (const [actorId, initiatives] of delivered) {
    for (const initiativeId of initiatives.keys()) {
      const list = partnersOf.get(initiativeId) ?? [];
      list.push(actorId);
      partnersOf.set(initiativeId, list);
    }
  }
  for (const [initiativeId, partners] of partnersOf) {
    partners.sort();
    for (let i = 0; i < partners.length; i++) {
      for (let j = i + 1; j < partners.length; j++) {
        candidate(partners[i]!, partners[j]!)?.initiatives.add(initiativeId);
      }
    }
  }

  // 2. A dependency between initiatives they own.
  const ownersOf = (initiativeId: string) =>
    [...new Set(projection.commitmentsTo(initiativeId, ['owner']).map((c) => c.actorId))].sort();
  for (const [id, initiative] of projection.initiatives) {
    if (!projection.isLiveTarget(id)) continue;
    const ownersA = ownersOf(id);
    if (ownersA.length === 0) continue;
    for (const dependencyId of initiative.dependsOn) {
      if (!projection.isLiveTarget(dependencyId) || !projection.initiatives.has(dependencyId))
        continue;
      for (const a of ownersA) {
        for (const b of ownersOf(dependencyId))
          candidate(a, b)?.dependencies.push([id, dependencyId]);
      }
    }
  }

  // 3. A goal or an area: small groups put every pair forward; in large ones only isolated
  //    members get candidates, with the group's best-linked members (a coordinator links a
  //    newcomer to a hub, not to every other newcomer).
  // Each actor's goals, with the initiatives through which it advances each.
  const goalSources = new Map<string, Map<string, string[]>>();
  for (const [actorId, targets] of delivered) {
    const sources = new Map<string, string[]>();
    for (const targetId of targets.keys()) {
      for (const goal of projection.initiatives.get(targetId)?.goalIds ?? []) {
        const list = sources.get(goal);
        if (list) list.push(targetId);
        else sources.set(goal, [targetId]);
      }
    }
    goalSources.set(actorId, sources);
  }
  const allGoals = new Map<string, Set<string>>(
    [...goalSources].map(([actorId, sources]) => [actorId, new Set(sources.keys())]),
  );
  /** Whether the actor advances the goal through an initiative other than `except`. */
  const advancesApart = (actorId: string, goal: string, except: Set<string>) =>
    goalSources
      .get(actorId)
      ?.get(goal)
      ?.some((targetId) => !except.has(targetId)) ?? false;
  const groups: string[][] = [];
  const goalGroups = new Map<string, string[]>();
  for (const actorId of delivered.keys()) {
    for (const goal of allGoals.get(actorId)!) {
      const list = goalGroups.get(goal) ?? [];
      list.push(actorId);
      goalGroups.set(goal, list);
    }
  }
  groups.push(...goalGroups.values());
  const areaGroups = new Map<string, string[]>();
  for (const actorId of projection.actorIds) {
    for (const area of projection.actors.get(actorId)!.areaIds) {
      const list = areaGroups.get(area) ?? [];
      list.push(actorId);
      areaGroups.set(area, list);
    }
  }
  groups.push(...areaGroups.values());
  /** The best-linked members of a group: most links, then most influence, then id. */
  const hubsOf = (members: string[]) => {
    const best: { id: string; degree: number; influence: number }[] = [];
    for (const id of members) {
      const entry = {
        id,
        degree: network.degree(id),
        influence: projection.actors.get(id)!.influence ?? 0,
      };
      const before = (x: typeof entry, y: typeof entry) =>
        x.degree - y.degree || x.influence - y.influence || (x.id < y.id ? 1 : -1);
      if (best.length === HUBS_PER_GROUP && before(entry, best[best.length - 1]!) <= 0) continue;
      let at = best.length;
      while (at > 0 && before(entry, best[at - 1]!) > 0) at--;
      best.splice(at, 0, entry);
      if (best.length > HUBS_PER_GROUP) best.pop();
    }
    return best.map((entry) => entry.id);
  };
  for (const members of groups) {
    const sorted = [...new Set(members)].sort();
    if (sorted.length <= GROUP_LIMIT) {
      for (let i = 0; i < sorted.length; i++) {
        for (let j = i + 1; j < sorted.length; j++) candidate(sorted[i]!, sorted[j]!);
      }
      continue;
    }
    const hubs = hubsOf(sorted);
    for (const member of sorted) {
      if (network.hasPartner(member)) continue;
      for (const hub of hubs) candidate(member, hub);
    }
  }

  // 4. Fill in everything else the pair shares, and score.
  for (const c of candidates.values()) {
    const actorA = projection.actors.get(c.a)!;
    const actorB = projection.actors.get(c.b)!;
    // Goals count when they come through different initiatives; a goal of an initiative the
    // two already share adds nothing to that initiative.
    const goalsA = allGoals.get(c.a);
    const goalsB = allGoals.get(c.b);
    if (goalsA && goalsB && goalsA.size > 0 && goalsB.size > 0) {
      const shared = [...goalsA].filter((g) => goalsB.has(g));
      if (shared.length > 0 && c.initiatives.size > 0) {
        c.goals = shared
          .filter(
            (g) => advancesApart(c.a, g, c.initiatives) || advancesApart(c.b, g, c.initiatives),
          )
          .sort();
      } else {
        c.goals = shared.sort();
      }
    }
    if (actorA.areaIds.length > 0 && actorB.areaIds.length > 0) {
      c.areas = actorA.areaIds.filter((area) => actorB.areaIds.includes(area)).sort();
    }
    c.sameParent = actorA.parentId && actorA.parentId === actorB.parentId ? actorA.parentId : null;
    const key = pairKey(c.a, c.b);
    c.tension = network.tensions.has(key);

    const factor = (high: boolean) => (high ? WEIGHT.high : 1);
    for (const gap of gaps.byPair.get(key) ?? []) {
      if (gap.pairs === 1) {
        c.closes.add(gap.id);
        c.gapScore += WEIGHT.closes * factor(gap.high);
      } else {
        c.reduces.add(gap.id);
        c.gapScore += WEIGHT.reduces * factor(gap.high);
      }
    }
    for (const id of [c.a, c.b]) {
      const gap = gaps.isolated.get(id);
      if (gap) {
        c.closes.add(gap.id);
        c.gapScore += WEIGHT.closes * factor(gap.high);
        c.isolated.push(id);
      }
    }
    const ca = network.componentOf.get(c.a)!;
    const cb = network.componentOf.get(c.b)!;
    if (ca !== cb) {
      if (network.componentSizes[ca]! > 1 && network.componentSizes[cb]! > 1)
        c.bridges = 'components';
    } else if (community.get(c.a) !== null && community.get(c.a) !== community.get(c.b)) {
      c.bridges = 'communities';
    }

    let score = 0;
    score += WEIGHT.dependency * c.dependencies.length;
    for (const initiativeId of c.initiatives) {
      score += WEIGHT.sharedInitiative;
      const owns = (id: string) => delivered.get(id)?.get(initiativeId)?.has('owner');
      if (owns(c.a) || owns(c.b)) score += WEIGHT.ownerBonus;
    }
    score += c.gapScore;
    if (c.bridges === 'components') score += WEIGHT.bridgesComponents;
    if (c.bridges === 'communities') score += WEIGHT.bridgesCommunities;
    score += WEIGHT.goal * Math.min(WEIGHT.maxGoals, c.goals.length);
    score += WEIGHT.area * Math.min(WEIGHT.maxAreas, c.areas.length);
    if (c.sameParent) score += WEIGHT.sameOrganisation;
    if (c.tension) score += WEIGHT.tension;
    c.score = Math.round(score * 10) / 10;
  }

  // 5. Rank; keep at most MAX_CANDIDATES_PER_ACTOR per actor, best first.
  // actorA is the one whose name sorts first; the order key is names, then ids.
  const nameKeys = new Map<string, string>();
  const nameKey = (id: string) => {
    let key = nameKeys.get(id);
    if (key === undefined) {
      key = `${sortKey(projection.actors.get(id)!.name)}\u0000${id}`;
      nameKeys.set(id, key);
    }
    return key;
  };
  const named = (c: Candidate) => {
    const keyA = nameKey(c.a);
    const keyB = nameKey(c.b);
    return keyA <= keyB
      ? { first: c.a, second: c.b, key: `${keyA}\u0001${keyB}` }
      : { first: c.b, second: c.a, key: `${keyB}\u0001${keyA}` };
  };
  // Tens of thousands of candidates, of which a few hundred are kept: sort by score alone, and
  // order by names only within the groups of equal score that are reached.
  const byScore = [...candidates.values()].filter((c) => c.score > 0);
  byScore.sort((x, y) => y.score - x.score);
  const taken = new Map<string, number>();
  const kept: (ReturnType<typeof named> & { c: Candidate })[] = [];
  for (let start = 0; start < byScore.length && kept.length < options.limit;) {
    let end = start + 1;
    while (end < byScore.length && byScore[end]!.score === byScore[start]!.score) end++;
    const group = byScore.slice(start, end).map((c) => ({ c, ...named(c) }));
    group.sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
    for (const entry of group) {
      const { a, b } = entry.c;
      if (
        (taken.get(a) ?? 0) >= MAX_CANDIDATES_PER_ACTOR ||
        (taken.get(b) ?? 0) >= MAX_CANDIDATES_PER_ACTOR
      )
        continue;
      taken.set(a, (taken.get(a) ?? 0) + 1);
      taken.set(b, (taken.get(b) ?? 0) + 1);
      kept.push(entry);
      if (kept.length >= options.limit) break;
    }
    start = end;
  }

  return kept.map(({ c, first, second }) => {
    // Cuts are only looked at for the suggestions returned: a few hundred checks, not one per
    // candidate. They add a reason and gap ids but not score, so ranking stays cheap and stable.
    const cutEffects: { cut: string; effect: 'closes' | 'reduces' }[] = [];
    for (const [cutId, gapIdOfCut] of [...gaps.cuts].sort(([x], [y]) => (x < y ? -1 : 1))) {
      const effect = network.linkEffectOnCut(cutId, c.a, c.b);
      if (effect === 'none') continue;
      cutEffects.push({ cut: cutId, effect });
      (effect === 'closes' ? c.closes : c.reduces).add(gapIdOfCut);
    }
    const actorRef = (id: string) => {
      const actor = projection.actors.get(id)!;
      return { id, name: actor.name, sector: actor.sector };
    };
    return {
      actorA: actorRef(first),
      actorB: actorRef(second),
      score: c.score,
      reasons: reasonsOf(projection, c, first, second, delivered, cutEffects, lang),
      closes: [...c.closes].sort(),
      reduces: [...c.reduces].sort(),
    };
  });
}

function reasonsOf(
  projection: Projection,
  c: Candidate,
  first: string,
  second: string,
  delivered: Deliveries,
  cutEffects: { cut: string; effect: 'closes' | 'reduces' }[],
  lang: Lang,
): Reason[] {
  const da = lang === 'da';
  const name = (id: string) => projection.name(id);
  const reasons: Reason[] = [];
  const roles = (actorId: string, initiativeId: string) =>
    [...(delivered.get(actorId)?.get(initiativeId) ?? [])]
      .sort()
      .map((role) => ROLE_LABELS[lang][role])
      .join('/');

  for (const [from, to] of c.dependencies) {
    const ownerFrom = projection.commitmentsTo(from, ['owner']).some((x) => x.actorId === first)
      ? first
      : second;
    const ownerTo = ownerFrom === first ? second : first;
    reasons.push({
      kind: 'dependency',
      text: da
        ? `${name(ownerFrom)} ejer ${q(name(from), lang)}, som afhænger af ${q(name(to), lang)}, som ${name(ownerTo)} ejer`
        : `${name(ownerFrom)} owns ${q(name(from), lang)}, which depends on ${q(name(to), lang)}, owned by ${name(ownerTo)}`,
      related: [projection.targetRef(from), projection.targetRef(to)],
    });
  }
  const initiatives = sortedBy(c.initiatives, name, (id) => id);
  if (initiatives.length > 0) {
    const listed = initiatives
      .slice(0, 3)
      .map(
        (id) =>
          `${q(name(id), lang)} (${name(first)}: ${roles(first, id)}; ${name(second)}: ${roles(second, id)})`,
      );
    const more =
      initiatives.length > 3
        ? da
          ? ` og ${initiatives.length - 3} andre`
          : ` and ${initiatives.length - 3} more`
        : '';
    reasons.push({
      kind: 'shared_initiative',
      text:
        (da ? 'Begge leverer til ' : 'Both deliver to ') +
        listed.join(da ? ' og ' : ' and ') +
        more,
      related: initiatives.map((id) => projection.targetRef(id)),
    });
  }
  for (const id of c.isolated) {
    reasons.push({
      kind: 'ends_isolation',
      text: da
        ? `${name(id)} arbejder i dag ikke sammen med nogen`
        : `${name(id)} works with nobody today`,
      related: [projection.actorRef(id)],
    });
  }
  if (c.bridges === 'components') {
    const network = networkOf(projection);
    const sizeA = network.componentSize(first);
    const sizeB = network.componentSize(second);
    reasons.push({
      kind: 'bridges_components',
      text: da
        ? `Forbinder to grupper, der i dag slet ikke hænger sammen (${sizeA} og ${sizeB} parter)`
        : `Joins two groups that are not connected at all today (${sizeA} and ${sizeB} parties)`,
      related: [],
    });
  } else if (c.bridges === 'communities') {
    reasons.push({
      kind: 'bridges_communities',
      text: da
        ? 'Bygger bro mellem to grupper i netværket, der ellers sjældent mødes'
        : 'Bridges two groups in the network that otherwise rarely meet',
      related: [],
    });
  }
  if (c.goals.length > 0) {
    const goals = c.goals.map((id) => q(name(id), lang));
    reasons.push({
      kind: 'shared_goal',
      text: da
        ? `Deres initiativer arbejder for samme ${c.goals.length === 1 ? 'mål' : 'mål'}: ${joinNames(goals, lang)}`
        : `Their initiatives advance the same ${c.goals.length === 1 ? 'goal' : 'goals'}: ${joinNames(goals, lang)}`,
      related: c.goals.map((id) => ({ type: 'goal', id, name: name(id) })),
    });
  }
  if (c.areas.length > 0) {
    const areas = c.areas.map(name);
    reasons.push({
      kind: 'shared_area',
      text: da
        ? `Begge er aktive i ${joinNames(areas, lang)}`
        : `Both are active in ${joinNames(areas, lang)}`,
      related: c.areas.map((id) => ({ type: 'area', id, name: name(id) })),
    });
  }
  if (c.sameParent) {
    reasons.push({
      kind: 'same_organisation',
      text: da
        ? `Begge hører under ${name(c.sameParent)}, men har ingen fast forbindelse; koordinering på tværs af forvaltninger er netop det, der plejer at svigte`
        : `Both belong to ${name(c.sameParent)} but have no standing link; coordination across departments is exactly what tends to fail`,
      related: [projection.actorRef(c.sameParent)],
    });
  }
  for (const { cut, effect } of cutEffects) {
    reasons.push({
      kind: 'reduces_single_point_of_failure',
      text:
        effect === 'closes'
          ? da
            ? `Så er ${name(cut)} ikke længere eneste forbindelse for flere andre parter`
            : `${name(cut)} would no longer be the only link for several other parties`
          : da
            ? `Færre parter hænger kun sammen med resten gennem ${name(cut)}`
            : `Fewer parties would depend on ${name(cut)} as their only link to the rest`,
      related: [projection.actorRef(cut)],
    });
  }
  if (c.tension) {
    reasons.push({
      kind: 'tension',
      text: da
        ? 'Der er registreret spænding mellem dem; en neutral tredjepart bør nok stå for det første møde'
        : 'A tension between them is recorded; a neutral third party may need to host the first meeting',
      related: [],
    });
  }
  const closes = c.closes.size;
  const reduces = c.reduces.size;
  if (closes + reduces > 0) {
    const parts = da
      ? [
          closes > 0 ? `lukker ${closes} ${closes === 1 ? 'hul' : 'huller'}` : '',
          reduces > 0 ? `mindsker ${reduces} ${reduces === 1 ? 'hul' : 'huller'}` : '',
        ]
      : [
          closes > 0 ? `closes ${closes} ${closes === 1 ? 'gap' : 'gaps'}` : '',
          reduces > 0 ? `reduces ${reduces} ${reduces === 1 ? 'gap' : 'gaps'}` : '',
        ];
    const text = parts.filter(Boolean).join(da ? ' og ' : ' and ');
    reasons.push({
      kind: 'closes_gaps',
      text: `${text[0]!.toUpperCase()}${text.slice(1)} ${da ? 'i analysen' : 'in the analysis'}`,
      related: [],
    });
  }
  return reasons;
}
