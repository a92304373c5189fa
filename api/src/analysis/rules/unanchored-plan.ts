/**
 * unanchored_plan (docs/gap-rules.md): a live plan with no agreed or formalised owner
 * commitment in force. Severity high.
 *
 * In Cypher (api/src/repositories/queries/unanchored-plan.ts): one pattern per plan over its
 * owner commitments; only the plans that lack an anchor come back.
 */
import { joinNames, q } from '../i18n.ts';
import type { CypherRule } from '../types.ts';
import { ref, uniqueByName } from './shared.ts';

interface Params {
  proposed: string[];
}

export const unanchoredPlan: CypherRule<'unanchored_plan', Params> = {
  kind: 'unanchored_plan',
  engine: 'cypher',
  toFindings(rows) {
    return rows.map((row) => {
      const proposed = uniqueByName(row.owners.map((o) => ref('actor', o.id, o.name)));
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
