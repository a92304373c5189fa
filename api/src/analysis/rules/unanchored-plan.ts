/**
 * unanchored_plan — a live plan with no valid agreed/formalised owner. Severity high.
 *
 * In Cypher: one pattern per plan (owner commitments in force at `asOf`), nothing else needed;
 * only the plans that lack an anchor come back.
 */
import { joinNames, q } from '../i18n.ts';
import { inForceCypher, liveCypher } from '../validity.ts';
import type { CypherRule, Finding } from '../types.ts';
import { byName, ref } from './shared.ts';

interface Params {
  proposed: string[];
}

export const unanchoredPlan: CypherRule<Params> = {
  kind: 'unanchored_plan',
  engine: 'cypher',
  cypher: `
    MATCH (p:Plan) WHERE p.mapId = $mapId AND ${liveCypher('p')}
    WITH p, [(a:Actor)-[c:COMMITTED_TO]->(p) WHERE c.role = 'owner' AND ${inForceCypher('c')}
             | {id: a.id, name: a.name, status: c.status}] AS owners
    WHERE none(o IN owners WHERE o.status IN ['agreed', 'formalised'])
    RETURN p.id AS id, p.title AS name, owners`,
  toFindings(rows) {
    return rows.map((row): Finding<Params> => {
      const proposed = byName([
        ...new Map(row.owners.map((o: any) => [o.id, ref('actor', o.id, o.name)])).values(),
      ] as any[]);
      return {
        kind: 'unanchored_plan',
        severity: 'high',
        subject: ref('plan', row.id, row.name),
        related: proposed,
        params: { proposed: proposed.map((r) => r.name) },
        details: { proposedOwners: proposed.map((r) => r.id) },
      };
    });
  },
  texts: {
    da: ({ subject, params }) => ({
      message: `Planen ${q(subject.name, 'da')} er ikke forankret hos nogen`,
      explanation:
        'Ingen har aftalt eller formaliseret at eje planen' +
        (params.proposed.length > 0
          ? ` (${joinNames(params.proposed, 'da')} er kun foreslået)`
          : '') +
        '. En plan, der skal holde i mange år og på tværs af mange parter, har brug for en organisatorisk ' +
        'forankring, der overlever skift i personer og politiske flertal.',
      suggestion:
        params.proposed.length > 0
          ? `Få forankringen aftalt formelt med ${joinNames(params.proposed, 'da')}.`
          : 'Aftal, hvem der ejer planen, og skriv det ind i en formel aftale eller et kommissorium.',
    }),
    en: ({ subject, params }) => ({
      message: `The plan ${q(subject.name, 'en')} is not anchored anywhere`,
      explanation:
        'Nobody has agreed or formalised owning the plan' +
        (params.proposed.length > 0 ? ` (${joinNames(params.proposed, 'en')} only proposed)` : '') +
        '. A plan that must hold for years and across many parties needs an organisational anchor ' +
        'that outlasts changes of people and political majorities.',
      suggestion:
        params.proposed.length > 0
          ? `Formalise the anchoring with ${joinNames(params.proposed, 'en')}.`
          : 'Agree who owns the plan and write it into a formal agreement or terms of reference.',
    }),
  },
};
