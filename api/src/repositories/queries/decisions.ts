import { validAtCypher } from './validity.ts';

/**
 * Decisions as Cypher predicates, shared by the rules and the backing (docs/gap-rules.md,
 * "Decisions"). A decision stands at `$asOf` when it is dated on or before it and its body made
 * no later decision on the same target by then: a rejection after an approval replaces it. Two
 * on the same day are told apart by id, which grows with creation.
 */

/**
 * The decision bound to `d`, made by `body` on `target`, stands at `$asOf`. The variables are
 * constants of the calling query.
 */
export function standingDecisionCypher(d: string, body: string, target: string): string {
  return `(${d}.date <= $asOf AND NOT EXISTS {
      MATCH (later:Decision)-[:CONCERNS]->(${target}), (later)-[:DECIDED_BY]->(${body})
      WHERE later.date <= $asOf AND later.id <> ${d}.id
        AND (later.date > ${d}.date OR (later.date = ${d}.date AND later.id > ${d}.id))
    })`;
}

/**
 * The body bound to `body` speaks politically: an actor of the political sector, or a forum
 * with a political actor among its members at `$asOf` (a committee, a council's board).
 */
export function politicalBodyCypher(body: string): string {
  return `((${body}:Actor AND ${body}.sector = 'political') OR (${body}:Forum AND EXISTS {
      MATCH (member:Actor)-[membership:MEMBER_OF]->(${body})
      WHERE member.sector = 'political' AND ${validAtCypher('membership')}
    }))`;
}
