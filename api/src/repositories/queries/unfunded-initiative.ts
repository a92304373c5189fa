import { inForceCypher, liveAtCypher, START_BY } from './validity.ts';

/**
 * unfunded_initiative (docs/gap-rules.md): each live initiative with a budget whose agreed and
 * formalised funder commitments in force add up to less than the budget. The database sums the
 * amounts and returns only the underfunded initiatives, with their secured funders.
 */
export const unfundedInitiativeQuery = `
  ${START_BY}
  MATCH (i:Initiative) WHERE i.mapId = $mapId AND ${liveAtCypher('i')} AND i.budget > 0
  WITH i, [(a:Actor)-[c:COMMITTED_TO]->(i) WHERE c.role = 'funder' AND ${inForceCypher('c')}
           | {id: a.id, name: a.name, status: c.status, amount: toFloat(coalesce(c.amount, 0))}] AS funding
  WITH i, [f IN funding WHERE f.status IN ['agreed', 'formalised']] AS secured,
       [f IN funding WHERE f.status = 'proposed'] AS offered
  WITH i, secured, reduce(s = 0.0, f IN secured | s + f.amount) AS funded,
       reduce(s = 0.0, f IN offered | s + f.amount) AS proposed
  WHERE funded < i.budget
  RETURN i {.id, name: i.title, budget: toFloat(i.budget), funded: funded, proposed: proposed,
            secured: secured} AS row`;
