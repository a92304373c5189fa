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

/**
 * The same test as `isValidAt`, as a Cypher predicate on relationship `variable` against the
 * Neo4j `Date` parameter `$asOf`, so rules that run in the database and rules that run in memory
 * share one definition. `variable` is always a constant of the calling query, never user input.
 */
export function validAtCypher(variable: string, param = '$asOf'): string {
  return (
    `((${variable}.from IS NULL OR ${variable}.from <= ${param}) AND ` +
    `(${variable}.to IS NULL OR ${param} <= ${variable}.to) AND ` +
    // coalesce: only commitments have a status, and a null would make the whole test null.
    `NOT (coalesce(${variable}.status, '') = 'withdrawn' AND ${variable}.to IS NULL))`
  );
}

/**
 * A commitment that is in force: valid at the date and not withdrawn. A withdrawn commitment
 * whose `to` lies after the date is still *valid* (a replay sees it, and backing lists it), but
 * no gap rule counts it as ownership, funding or partnership (DESIGN §3 "not withdrawn").
 */
export function inForceCypher(variable: string, param = '$asOf'): string {
  return `(${validAtCypher(variable, param)} AND coalesce(${variable}.status, '') <> 'withdrawn')`;
}

/** Cypher: a target that is neither completed nor cancelled. */
export function liveCypher(variable: string): string {
  return `(${variable}.status IN ['${LIVE_STATUSES.join("', '")}'])`;
}

/** `date` plus `days` (negative for earlier), as `YYYY-MM-DD`: UTC calendar arithmetic, no drift. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1, d! + days)).toISOString().slice(0, 10);
}
