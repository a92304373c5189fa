import { LIVE_STATUSES, type Status } from '../../../graph-schema/index.ts';

/** A fact's validity period; dates are `YYYY-MM-DD`, which compare correctly as strings. */
export interface Period {
  from?: string | null;
  to?: string | null;
  status?: string | null;
}

/**
 * Valid at `date` (DESIGN §2): `from` open or ≤ date, and `to` open or ≥ date. A withdrawn
 * commitment with no `to` is never valid.
 */
export function isValidAt(fact: Period, date: string): boolean {
  if (fact.status === 'withdrawn' && !fact.to) return false;
  return (!fact.from || fact.from <= date) && (!fact.to || date <= fact.to);
}

/** Live = neither completed nor cancelled. */
export function isLive(target: { status?: string | null }): boolean {
  return LIVE_STATUSES.includes(target.status as Status);
}
