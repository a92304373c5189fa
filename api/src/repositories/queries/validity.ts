import { DEFAULT_PLANNING_LEAD_DAYS } from '../../../../graph-schema/validity.ts';
import { LIVE_STATUSES } from '../../../../graph-schema/enums.ts';

/**
 * Validity and "live" as Cypher predicates: the same tests as graph-schema/validity.ts, so rules
 * that run in the database and rules that run in memory share one definition
 * (docs/gap-rules.md). `variable` is always a constant of the calling query, never user input;
 * dates are compared with the Neo4j `Date` parameter `$asOf`.
 */

/** Valid at `$asOf`: `from` open or ≤, `to` open or ≥; a withdrawn fact with no `to` never. */
export function validAtCypher(variable: string, param = '$asOf'): string {
  return (
    `((${variable}.from IS NULL OR ${variable}.from <= ${param}) AND ` +
    `(${variable}.to IS NULL OR ${param} <= ${variable}.to) AND ` +
    // coalesce: only commitments have a status, and a null would make the whole test null.
    `NOT (coalesce(${variable}.status, '') = 'withdrawn' AND ${variable}.to IS NULL))`
  );
}

/**
 * In force: valid at the date and not withdrawn. A withdrawn commitment whose `to` lies after
 * the date is still *valid* (a replay sees it, and backing lists it), but no gap rule counts it
 * as ownership, funding or partnership. A stance has no status, so only validity applies.
 */
export function inForceCypher(variable: string, param = '$asOf'): string {
  return `(${validAtCypher(variable, param)} AND coalesce(${variable}.status, '') <> 'withdrawn')`;
}

/** Neither completed nor cancelled, whatever the date. */
export function liveStatusCypher(variable: string): string {
  return `(${variable}.status IN ['${LIVE_STATUSES.join("', '")}'])`;
}

/**
 * The start of the query that binds `startBy`: the latest `startDate` a target may have and
 * still be live at `$asOf`, i.e. `$asOf` plus the map's planning lead time. Binds `m` too.
 */
export const START_BY = `MATCH (m:Map {id: $mapId})
  WITH m, $asOf + duration({days: coalesce(m.planningLeadDays, ${DEFAULT_PLANNING_LEAD_DAYS})}) AS startBy`;

/**
 * Live at `$asOf`: a live status, and `$asOf` within the target's own period, which opens the
 * planning lead time before its `startDate` and closes at its `endDate`. Needs `startBy` bound
 * (see `START_BY`).
 */
export function liveAtCypher(variable: string, param = '$asOf'): string {
  return (
    `(${liveStatusCypher(variable)} AND ` +
    `(${variable}.startDate IS NULL OR ${variable}.startDate <= startBy) AND ` +
    `(${variable}.endDate IS NULL OR ${param} <= ${variable}.endDate))`
  );
}

/** `'initiative'` or `'plan'` for a target bound to `variable`. */
export function targetTypeCypher(variable: string): string {
  return `CASE WHEN ${variable}:Initiative THEN 'initiative' ELSE 'plan' END`;
}
