/**
 * unfunded_initiative (docs/gap-rules.md): a live initiative with a budget above zero whose
 * agreed and formalised funding in force is less than the budget; the message states the
 * shortfall. High when there is no such funding at all, else medium.
 *
 * In Cypher (api/src/repositories/queries/unfunded-initiative.ts): a sum over one pattern per
 * initiative; the database adds up the amounts and returns only the underfunded initiatives.
 */
import { joinNames, money, q, sentence } from '../i18n.ts';
import type { CypherRule } from '../types.ts';
import { ref, uniqueByName } from './shared.ts';

interface Params {
  budget: number;
  funded: number;
  proposed: number;
  funders: string[];
}

export const unfundedInitiative: CypherRule<'unfunded_initiative', Params> = {
  kind: 'unfunded_initiative',
  engine: 'cypher',
  toFindings(rows) {
    return rows.map((row) => {
      const funders = uniqueByName(row.secured.map((f) => ref('actor', f.id, f.name)));
      return {
        kind: 'unfunded_initiative',
        severity: row.secured.length === 0 ? 'high' : 'medium',
        subject: ref('initiative', row.id, row.name),
        related: funders,
        params: {
          budget: row.budget,
          funded: row.funded,
          proposed: row.proposed,
          funders: funders.map((r) => r.name),
        },
        details: {
          budget: row.budget,
          funded: row.funded,
          shortfall: row.budget - row.funded,
          proposed: row.proposed,
        },
      };
    });
  },
  texts: {
    da: ({ subject, params }, { currency }) => {
      const shortfall = money(params.budget - params.funded, currency, 'da');
      return {
        message: `${q(subject.name, 'da')} mangler ${shortfall} i finansiering`,
        explanation:
          `Budgettet er ${money(params.budget, currency, 'da')}, ` +
          (params.funded > 0 || params.funders.length > 0
            ? `${sentence(`og ${joinNames(params.funders, 'da')} har aftalt ${money(params.funded, currency, 'da')}`)} `
            : 'og ingen har aftalt eller formaliseret at finansiere det. ') +
          (params.proposed > 0
            ? `Yderligere ${money(params.proposed, currency, 'da')} er foreslået, men endnu ikke aftalt. `
            : '') +
          'Et initiativ uden sikret finansiering kan ikke sættes i gang eller gøres færdigt.',
        suggestion:
          params.proposed > 0
            ? 'Få de foreslåede bidrag aftalt, og find en finansieringskilde til resten.'
            : 'Find mulige finansieringskilder, fx fonde, Landsbyggefonden eller investorer, og bring dem i spil.',
      };
    },
    en: ({ subject, params }, { currency }) => {
      const shortfall = money(params.budget - params.funded, currency, 'en');
      return {
        message: `${q(subject.name, 'en')} is ${shortfall} short of funding`,
        explanation:
          `The budget is ${money(params.budget, currency, 'en')}, ` +
          (params.funded > 0 || params.funders.length > 0
            ? `and ${joinNames(params.funders, 'en')} ${params.funders.length === 1 ? 'has' : 'have'} agreed ${money(params.funded, currency, 'en')}. `
            : 'and nobody has agreed or formalised funding it. ') +
          (params.proposed > 0
            ? `A further ${money(params.proposed, currency, 'en')} is proposed but not agreed. `
            : '') +
          'An initiative without secured funding cannot start or be finished.',
        suggestion:
          params.proposed > 0
            ? 'Get the proposed contributions agreed and find a source for the rest.'
            : 'Identify possible funders, such as foundations, Landsbyggefonden or investors, and bring them in.',
      };
    },
  },
};
