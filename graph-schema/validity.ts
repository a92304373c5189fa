import { LIVE_STATUSES, type Status } from './enums.ts';

/**
 * Validity and "live" as plain functions over dates, shared by the API's in-memory analysis, the
 * presenters and the web app. The same tests as Cypher predicates live with the repositories
 * (api/src/repositories/queries/validity.ts); docs/gap-rules.md explains both in words.
 * Dates are `YYYY-MM-DD`, which compare correctly as strings.
 */

/** How long before its `startDate` an initiative or plan counts as live, unless the map says. */
export const DEFAULT_PLANNING_LEAD_DAYS = 365;

/** How long an influential party may go without a held meeting, unless the map says. */
export const DEFAULT_CONTACT_AFTER_DAYS = 180;

/** A fact's validity period. */
export interface Period {
  from?: string | null;
  to?: string | null;
  status?: string | null;
}

/** An initiative's or plan's own period and status. */
export interface TargetPeriod {
  status: Status | string | null;
  startDate?: string | null;
  endDate?: string | null;
}

/**
 * Valid at `date`: `from` open or ≤ date, and `to` open or ≥ date. A withdrawn commitment with
 * no `to` is never valid.
 */
export function isValidAt(fact: Period, date: string): boolean {
  if (fact.status === 'withdrawn' && !fact.to) return false;
  return (!fact.from || fact.from <= date) && (!fact.to || date <= fact.to);
}

/** Valid at `date` and not withdrawn: what gap rules count as ownership, funding, partnership. */
export function isInForceAt(fact: Period, date: string): boolean {
  return fact.status !== 'withdrawn' && isValidAt(fact, date);
}

/** Neither completed nor cancelled, whatever the date. */
export function hasLiveStatus(target: { status?: string | null }): boolean {
  return LIVE_STATUSES.includes(target.status as Status);
}

/**
 * `date` within the target's own period, which opens `planningLeadDays` before its `startDate`
 * (work is planned, owned and funded ahead of its start) and closes at its `endDate`. Either end
 * is open when unset. The map shows an initiative or plan on the dates within its period, whatever
 * its status: the status is today's, and the map draws it.
 */
export function isWithinPeriodAt(
  target: Omit<TargetPeriod, 'status'>,
  date: string,
  planningLeadDays: number,
): boolean {
  if (target.endDate && date > target.endDate) return false;
  return !target.startDate || target.startDate <= addDays(date, planningLeadDays);
}

/** Live at `date`: a live status, and `date` within the target's own period (`isWithinPeriodAt`). */
export function isLiveAt(target: TargetPeriod, date: string, planningLeadDays: number): boolean {
  return hasLiveStatus(target) && isWithinPeriodAt(target, date, planningLeadDays);
}

/**
 * `date` plus `days` (negative for earlier), as `YYYY-MM-DD`: UTC calendar arithmetic, no drift.
 * Clamped to the years 0000–9999, the range of `YYYY-MM-DD`, so results still compare as text.
 */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  // setUTCFullYear, unlike Date.UTC, does not read years 0–99 as 1900–1999.
  const result = new Date(0);
  result.setUTCFullYear(y!, m! - 1, d! + days);
  const year = result.getUTCFullYear();
  if (year > 9999) return '9999-12-31';
  if (year < 0) return '0000-01-01';
  return result.toISOString().slice(0, 10);
}
