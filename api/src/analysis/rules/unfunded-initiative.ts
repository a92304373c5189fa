/**
 * unfunded_initiative — a live initiative with budget > 0 whose valid agreed + formalised
 * funding is less than the budget; the message states the shortfall. High when there is no
 * such funding at all, else medium.
 *
 * In Cypher: a sum over one pattern per initiative (funder commitments in force at `asOf`);
 * the database adds up the amounts and returns only the underfunded initiatives.
 */
import { joinNames, money, q, sentence } from '../i18n.ts';
import { inForceCypher, liveCypher } from '../validity.ts';
import type { CypherRule, Finding } from '../types.ts';
import { byName, ref } from './shared.ts';

interface Params {
  budget: number;
  funded: number;
  proposed: number;
  funders: string[];
}

export const unfundedInitiative: CypherRule<Params> = {
  kind: 'unfunded_initiative',
  engine: 'cypher',
  cypher: `
    MATCH (i:Initiative) WHERE i.mapId = $mapId AND ${liveCypher('i')} AND i.budget > 0
    WITH i, [(a:Actor)-[c:COMMITTED_TO]->(i) WHERE c.role = 'funder' AND ${inForceCypher('c')}
             | {id: a.id, name: a.name, status: c.status, amount: toFloat(coalesce(c.amount, 0))}] AS funding
    WITH i, [f IN funding WHERE f.status IN ['agreed', 'formalised']] AS secured,
         [f IN funding WHERE f.status = 'proposed'] AS proposed
    WITH i, secured, reduce(s = 0.0, f IN secured | s + f.amount) AS funded,
         reduce(s = 0.0, f IN proposed | s + f.amount) AS proposedAmount
    WHERE funded < i.budget
    RETURN i.id AS id, i.title AS name, toFloat(i.budget) AS budget, funded,
           proposedAmount, secured`,
  toFindings(rows) {
    return rows.map((row): Finding<Params> => {
      const funders = byName([
        ...new Map(row.secured.map((f: any) => [f.id, ref('actor', f.id, f.name)])).values(),
      ] as any[]);
      return {
        kind: 'unfunded_initiative',
        severity: row.secured.length === 0 ? 'high' : 'medium',
        subject: ref('initiative', row.id, row.name),
        related: funders,
        params: {
          budget: row.budget,
          funded: row.funded,
          proposed: row.proposedAmount,
          funders: funders.map((r) => r.name),
        },
        details: {
          budget: row.budget,
          funded: row.funded,
          shortfall: row.budget - row.funded,
          proposed: row.proposedAmount,
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
