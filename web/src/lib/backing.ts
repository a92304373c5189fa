import type { BackingClaim, BackingTarget, FlagState } from './types.ts';

export type FlagName = 'political' | 'resident' | 'economic';

/**
 * The claims that back a flag, counted as api/src/analysis/backing.ts counts them: a backing
 * claim of a political actor, of a residents' actor, or agreed or formalised funding.
 */
export function flagBackers(target: BackingTarget, name: FlagName): BackingClaim[] {
  return target.claims.filter((claim) => {
    if (name === 'economic') {
      return (
        claim.kind === 'commitment' &&
        claim.role === 'funder' &&
        (claim.status === 'agreed' || claim.status === 'formalised')
      );
    }
    return claim.backs && claim.actor.sector === (name === 'political' ? 'political' : 'residents');
  });
}

/**
 * A flag as the backing view shows it: `illustrative` when everything that backs it is an
 * illustrative example, which is no real backing and must not look like it.
 */
export function flagView(target: BackingTarget, name: FlagName): FlagState | 'illustrative' {
  const state = target.flags[name].state;
  if (state !== 'backed') return state;
  const backers = flagBackers(target, name);
  return backers.length > 0 && backers.every((claim) => claim.illustrative)
    ? 'illustrative'
    : state;
}

/** Share of the budget that agreed and formalised funding covers (null without a budget). */
export function fundedShare(target: BackingTarget): number | null {
  const { budget, secured } = target.funding;
  if (!budget) return null;
  return secured / budget;
}

/** How many of the three kinds of backing are missing. */
export function missingCount(target: BackingTarget): number {
  const { missingPolitical, missingResident, missingEconomic } = target.flags;
  return Number(missingPolitical) + Number(missingResident) + Number(missingEconomic);
}

export type BackingSort = 'order' | 'title' | 'funding' | 'flags' | 'claims';

/**
 * Sorted copy: `order` keeps the API's order (plans first, outermost first); `funding` puts the
 * least funded first (no budget last); `flags` the most missing backing first.
 */
export function sortBacking(
  targets: readonly BackingTarget[],
  by: BackingSort,
  lang: string,
): BackingTarget[] {
  const list = [...targets];
  const collator = new Intl.Collator(lang);
  const byTitle = (a: BackingTarget, b: BackingTarget) =>
    collator.compare(a.target.title, b.target.title);
  switch (by) {
    case 'title':
      return list.sort(byTitle);
    case 'funding':
      return list.sort(
        (a, b) => (fundedShare(a) ?? Infinity) - (fundedShare(b) ?? Infinity) || byTitle(a, b),
      );
    case 'flags':
      return list.sort((a, b) => missingCount(b) - missingCount(a) || byTitle(a, b));
    case 'claims':
      return list.sort((a, b) => b.claims.length - a.claims.length || byTitle(a, b));
    default:
      return list;
  }
}
