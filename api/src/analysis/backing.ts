import {
  SECTORS,
  type DecisionOutcome,
  type Backing,
  type BackingClaim,
  type BackingFlag,
  type FlagState,
  type FundingByStatus,
} from '../../../graph-schema/index.ts';
import type {
  BackingData,
  BackingFactRow,
  BackingTargetRow,
} from '../../../graph-schema/analysis-rows.ts';
import { isLiveAt } from '../../../graph-schema/validity.ts';
import {
  COMMITMENT_STATUS_LABELS,
  longDate,
  money,
  POSITION_LABELS,
  ROLE_LABELS,
  SECTOR_LABELS,
} from './i18n.ts';
import { sortedBy, sortedByName } from './sort-key.ts';
import type { Lang } from './types.ts';

/**
 * Backing of an initiative or plan (docs/gap-rules.md, "Backing"): which bodies decided on it,
 * and who owns, funds, contributes to, endorses, supports or opposes it, by sector, with how
 * solid each claim is; funding by status against the budget; and flags for missing political,
 * resident and economic backing. A standing decision is the strongest kind of claim and comes
 * first: an approval backs, a rejection reads as opposition, a deferral as neither.
 *
 * A flag has three states, because "nobody recorded anything" and "they were asked and said
 * no" call for different next steps: `backed`; `none` (facts are recorded, but none of them is
 * backing: a neutral or opposing stance, a rejection, a withdrawn commitment, for money only
 * proposed funding); `not_recorded` (no such fact at all). Political: an approval, a commitment
 * in force or a supports/champion stance, on an initiative also an approval or a stance on the
 * plans above it (as the missing_political_backing rule counts it). Resident: the same from
 * `residents` actors.
 * Economic: an agreed or formalised funder. A plan's flags weigh its initiatives' claims too,
 * and say "via <initiative>" where that is where the backing comes from.
 */

const SUPPORT = new Set(['supports', 'champion']);

/** The map's targets and facts, indexed once for any number of backings. */
export class BackingIndex {
  readonly targets = new Map<string, BackingTargetRow>();
  readonly factsByTarget = new Map<string, BackingFactRow[]>();
  readonly childPlans = new Map<string, string[]>();
  readonly initiativesOfPlan = new Map<string, string[]>();

  constructor(
    readonly data: BackingData,
    readonly asOf: string,
  ) {
    for (const target of data.targets) this.targets.set(target.id, target);
    for (const fact of data.facts) {
      const list = this.factsByTarget.get(fact.targetId) ?? [];
      list.push(fact);
      this.factsByTarget.set(fact.targetId, list);
    }
    for (const target of data.targets) {
      if (!target.parentPlanId) continue;
      const index = target.type === 'plan' ? this.childPlans : this.initiativesOfPlan;
      const list = index.get(target.parentPlanId) ?? [];
      list.push(target.id);
      index.set(target.parentPlanId, list);
    }
  }

  /** Plans above a target, nearest first. */
  ancestors(targetId: string): BackingTargetRow[] {
    const out: BackingTargetRow[] = [];
    const seen = new Set<string>([targetId]);
    let next = this.targets.get(targetId)?.parentPlanId;
    while (next && !seen.has(next)) {
      seen.add(next);
      const plan = this.targets.get(next);
      if (!plan) break;
      out.push(plan);
      next = plan.parentPlanId;
    }
    return out;
  }

  /** Live at `asOf`: a live status, within its own period and the map's planning lead time. */
  isLive(target: BackingTargetRow): boolean {
    return isLiveAt(target, this.asOf, this.data.map.planningLeadDays);
  }

  /** A plan's sub-plans and live initiatives, at any depth, in title order. */
  descendants(planId: string): BackingTargetRow[] {
    const out: BackingTargetRow[] = [];
    const seen = new Set<string>([planId]);
    const stack = [planId];
    while (stack.length) {
      const id = stack.pop()!;
      for (const child of [
        ...(this.childPlans.get(id) ?? []),
        ...(this.initiativesOfPlan.get(id) ?? []),
      ]) {
        if (seen.has(child)) continue;
        seen.add(child);
        const target = this.targets.get(child)!;
        if (this.isLive(target)) out.push(target);
        if (target.type === 'plan') stack.push(child);
      }
    }
    return sortedByName(out);
  }
}

/** A decision's outcome as a claim reads: "godkendt" / "approved". */
const OUTCOME_CLAIMS: Record<Lang, Record<DecisionOutcome, string>> = {
  da: { approved: 'godkendt', rejected: 'afvist', deferred: 'udsat' },
  en: { approved: 'approved', rejected: 'rejected', deferred: 'deferred' },
};

/**
 * How solid a claim is, in words. An illustrative example is never called verified, whatever
 * its check date says: the date records when someone looked at the example, not at the facts.
 */
function reliability(fact: BackingFactRow, lang: Lang): string {
  const da = lang === 'da';
  const kind = fact.source?.kind;
  if (kind === 'illustrative') {
    return da ? 'Illustrativt eksempel – ikke verificeret' : 'Illustrative example – not verified';
  }
  const source =
    kind === 'public'
      ? da
        ? 'Offentlig kilde'
        : 'Public source'
      : kind === 'internal'
        ? da
          ? 'Intern kilde'
          : 'Internal source'
        : da
          ? 'Ingen kilde angivet'
          : 'No source given';
  if (fact.fact === 'decision') {
    const on = fact.from ? longDate(fact.from, lang) : '';
    return `${source}; ${da ? 'besluttet' : 'decided on'} ${on}`.trim();
  }
  const checked = fact.verifiedAt
    ? da
      ? `bekræftet ${fact.verifiedAt}`
      : `verified ${fact.verifiedAt}`
    : da
      ? 'aldrig bekræftet'
      : 'never verified';
  return `${source}; ${checked}`;
}

function claimOf(
  fact: BackingFactRow,
  via: BackingTargetRow | null,
  currency: string,
  lang: Lang,
): BackingClaim {
  const backs =
    fact.fact === 'decision'
      ? fact.outcome === 'approved'
      : fact.fact === 'stance'
        ? SUPPORT.has(fact.position ?? '')
        : fact.status !== 'withdrawn';
  const what =
    fact.fact === 'decision'
      ? `${lang === 'da' ? 'beslutning' : 'decision'}: ${
          fact.outcome && OUTCOME_CLAIMS[lang][fact.outcome]
        }${fact.from ? ` ${longDate(fact.from, lang)}` : ''}${
          fact.reference ? ` (${fact.reference})` : ''
        }`
      : fact.fact === 'stance'
        ? fact.position && POSITION_LABELS[lang][fact.position]
        : `${fact.role && ROLE_LABELS[lang][fact.role]} (${
            fact.status && COMMITMENT_STATUS_LABELS[lang][fact.status]
          })${fact.amount ? `, ${money(fact.amount, currency, lang)}` : ''}`;
  return {
    factId: fact.id,
    kind: fact.fact,
    actor: { id: fact.actorId, name: fact.actorName, sector: fact.actorSector },
    role: fact.role,
    position: fact.position,
    status: fact.status,
    outcome: fact.outcome,
    reference: fact.reference,
    amount: fact.amount,
    fundingType: fact.fundingType,
    from: fact.from,
    to: fact.to,
    validity: { from: fact.from, to: fact.to },
    verifiedAt: fact.verifiedAt,
    note: fact.note,
    source: fact.source,
    illustrative: fact.source?.kind === 'illustrative',
    reliability: reliability(fact, lang),
    backs,
    via: via ? { type: via.type, id: via.id, title: via.name, label: `via ${via.name}` } : null,
    label: `${fact.actorName} — ${what}`,
  };
}

function sumByStatus(facts: BackingFactRow[]): FundingByStatus {
  const out: FundingByStatus = { proposed: 0, agreed: 0, formalised: 0 };
  for (const fact of facts) {
    if (fact.fact !== 'commitment' || fact.role !== 'funder') continue;
    if (fact.status === 'proposed' || fact.status === 'agreed' || fact.status === 'formalised') {
      out[fact.status] += fact.amount ?? 0;
    }
  }
  return out;
}

const FLAG_TEXT: Record<
  Lang,
  Record<'political' | 'resident' | 'economic', Record<FlagState, string>>
> = {
  da: {
    political: {
      backed: 'Politisk opbakning',
      none: 'Ingen politisk opbakning',
      not_recorded: 'Politisk opbakning ikke registreret',
    },
    resident: {
      backed: 'Beboeropbakning',
      none: 'Ingen beboeropbakning',
      not_recorded: 'Beboernes holdning ikke registreret',
    },
    economic: {
      backed: 'Økonomisk opbakning',
      none: 'Ingen aftalt finansiering',
      not_recorded: 'Finansiering ikke registreret',
    },
  },
  en: {
    political: {
      backed: 'Political backing',
      none: 'No political backing',
      not_recorded: 'Political backing not recorded',
    },
    resident: {
      backed: 'Resident backing',
      none: 'No resident backing',
      not_recorded: 'Residents’ stance not recorded',
    },
    economic: {
      backed: 'Economic backing',
      none: 'No agreed funding',
      not_recorded: 'Funding not recorded',
    },
  },
};

/** A flag whose backers are all illustrative examples says so first: it is no real backing. */
const ONLY_ILLUSTRATIVE: Record<Lang, Record<'political' | 'resident' | 'economic', string>> = {
  da: {
    political: 'Kun illustrativ politisk opbakning – ikke verificeret',
    resident: 'Kun illustrativ beboeropbakning – ikke verificeret',
    economic: 'Kun illustrativ finansiering – ikke verificeret',
  },
  en: {
    political: 'Only illustrative political backing – not verified',
    resident: 'Only illustrative resident backing – not verified',
    economic: 'Only illustrative funding – not verified',
  },
};

const ILLUSTRATIVE_MARK: Record<Lang, string> = { da: ' (illustrativt)', en: ' (illustrative)' };

function flag(
  name: 'political' | 'resident' | 'economic',
  relevant: BackingClaim[],
  backing: (claim: BackingClaim) => boolean,
  lang: Lang,
): BackingFlag {
  const backers = relevant.filter(backing);
  const state: FlagState =
    backers.length > 0 ? 'backed' : relevant.length > 0 ? 'none' : 'not_recorded';
  // Real backing is named before illustrative examples, which are marked as such.
  const candidates = state === 'backed' ? backers : relevant;
  const decisive = [
    ...candidates.filter((c) => !c.illustrative),
    ...candidates.filter((c) => c.illustrative),
  ];
  const actors = [
    ...new Map(decisive.map((c) => [c.actor.id, { id: c.actor.id, name: c.actor.name }])).values(),
  ];
  const detail = decisive.slice(0, 4).map((c) => {
    const via = c.via ? ` ${c.via.label}` : '';
    return `${c.label}${via}${c.illustrative ? ILLUSTRATIVE_MARK[lang] : ''}`;
  });
  const onlyIllustrative = state === 'backed' && backers.every((c) => c.illustrative);
  const text =
    (onlyIllustrative ? ONLY_ILLUSTRATIVE[lang][name] : FLAG_TEXT[lang][name][state]) +
    (detail.length > 0 ? `: ${detail.join('; ')}${decisive.length > 4 ? ' …' : ''}` : '');
  return { state, missing: state !== 'backed', text, actors };
}

/**
 * The backing of one target at the data's `asOf`. For an initiative, political supports on the
 * plans above it count, as in the `missing_political_backing` rule; for a plan, the claims of
 * its sub-plans and live initiatives are listed too, labelled "via <initiative>".
 */
export function backingOf(index: BackingIndex, targetId: string, lang: Lang): Backing | null {
  const target = index.targets.get(targetId);
  if (!target) return null;
  const currency = index.data.map.currency;
  const own = (index.factsByTarget.get(targetId) ?? []).map((fact) =>
    claimOf(fact, null, currency, lang),
  );
  const viaTargets = target.type === 'plan' ? index.descendants(targetId) : [];
  const via = viaTargets.flatMap((child) =>
    (index.factsByTarget.get(child.id) ?? []).map((fact) => claimOf(fact, child, currency, lang)),
  );
  // Political stances and approvals on the plans above an initiative back it; shown "via <plan>".
  const inherited =
    target.type === 'initiative'
      ? index
          .ancestors(targetId)
          .flatMap((plan) =>
            (index.factsByTarget.get(plan.id) ?? [])
              .filter(
                (fact) =>
                  fact.actorSector === 'political' &&
                  ((fact.fact === 'stance' && SUPPORT.has(fact.position ?? '')) ||
                    (fact.fact === 'decision' && fact.outcome === 'approved')),
              )
              .map((fact) => claimOf(fact, plan, currency, lang)),
          )
      : [];
  // Own claims first, then those via other targets; in each, decisions (the strongest kind of
  // claim) first, then by actor name.
  const byActor = (list: BackingClaim[]) => {
    const sorted = sortedBy(
      list,
      (claim) => claim.actor.name,
      (claim) => claim.factId,
    );
    return [
      ...sorted.filter((claim) => claim.kind === 'decision'),
      ...sorted.filter((claim) => claim.kind !== 'decision'),
    ];
  };
  const claims = [...byActor(own), ...byActor([...via, ...inherited])];
  const bySector = SECTORS.map((sector) => ({
    sector,
    label: SECTOR_LABELS[lang][sector],
    claims: claims.filter((claim) => claim.actor.sector === sector),
  })).filter((group) => group.claims.length > 0);

  const ownFacts = index.factsByTarget.get(targetId) ?? [];
  const byStatus = sumByStatus(ownFacts);
  const viaByStatus =
    target.type === 'plan'
      ? sumByStatus(viaTargets.flatMap((child) => index.factsByTarget.get(child.id) ?? []))
      : undefined;
  const secured = byStatus.agreed + byStatus.formalised;
  const budget = target.budget;
  const shortfall = budget !== null ? Math.max(0, budget - secured) : null;
  const da = lang === 'da';
  const fundingText =
    budget !== null && budget > 0
      ? da
        ? `${money(secured, currency, lang)} aftalt eller formaliseret af et budget på ${money(budget, currency, lang)}` +
          (byStatus.proposed > 0 ? `; ${money(byStatus.proposed, currency, lang)} foreslået` : '')
        : `${money(secured, currency, lang)} agreed or formalised of a budget of ${money(budget, currency, lang)}` +
          (byStatus.proposed > 0 ? `; ${money(byStatus.proposed, currency, lang)} proposed` : '')
      : da
        ? `Intet budget registreret; ${money(secured, currency, lang)} aftalt eller formaliseret`
        : `No budget recorded; ${money(secured, currency, lang)} agreed or formalised`;

  const political = flag(
    'political',
    claims.filter((c) => c.actor.sector === 'political'),
    (c) => c.backs,
    lang,
  );
  const resident = flag(
    'resident',
    claims.filter((c) => c.actor.sector === 'residents'),
    (c) => c.backs,
    lang,
  );
  const economic = flag(
    'economic',
    claims.filter((c) => c.kind === 'commitment' && c.role === 'funder'),
    (c) => c.status === 'agreed' || c.status === 'formalised',
    lang,
  );

  return {
    target: {
      type: target.type,
      id: target.id,
      title: target.name,
      status: target.status,
      budget,
      startDate: target.startDate,
      endDate: target.endDate,
      live: index.isLive(target),
    },
    claims,
    bySector,
    funding: {
      budget,
      currency,
      byStatus,
      secured,
      shortfall,
      coverage: budget ? Math.min(1, secured / budget) : null,
      ...(viaByStatus ? { viaInitiatives: viaByStatus } : {}),
      text: fundingText,
    },
    flags: {
      political,
      resident,
      economic,
      missingPolitical: political.missing,
      missingResident: resident.missing,
      missingEconomic: economic.missing,
    },
  };
}

/**
 * Backing of every initiative and plan live at `asOf`: plans first (outermost first), then
 * initiatives, each by title.
 */
export function allBacking(index: BackingIndex, lang: Lang): Backing[] {
  const depth = (target: BackingTargetRow) => index.ancestors(target.id).length;
  const live = sortedByName([...index.targets.values()].filter((target) => index.isLive(target)));
  const plans = live.filter((target) => target.type === 'plan');
  const byDepth = plans.map((plan, order) => ({ plan, depth: depth(plan), order }));
  byDepth.sort((a, b) => a.depth - b.depth || a.order - b.order);
  return [
    ...byDepth.map((entry) => entry.plan),
    ...live.filter((t) => t.type === 'initiative'),
  ].map((target) => backingOf(index, target.id, lang)!);
}
