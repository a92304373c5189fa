/**
 * missing_political_backing (docs/gap-rules.md): a live initiative with no `political` actor
 * committed to it (in force), no valid `supports`/`champion` stance of one, and no standing
 * approval by a political body (a political actor, or a forum with one among its members), on
 * it or on a plan it belongs to (directly or through parent plans). Severity medium.
 *
 * A commitment counts on the initiative itself, and a stance or an approval also on its plans:
 * a council that champions or approves the strategic plan backs what the plan holds, while a
 * commitment is to one thing.
 *
 * In Cypher (api/src/repositories/queries/missing-political-backing.ts): four NOT EXISTS
 * patterns per initiative, the last two variable-length walks up the PART_OF chain of plans.
 */
import type { DecisionOutcome, StancePosition } from '../../../../graph-schema/index.ts';
import { joinNames, longDate, OUTCOME_LABELS, POSITION_LABELS, q } from '../i18n.ts';
import type { CypherRule } from '../types.ts';
import { ref, uniqueByName } from './shared.ts';

interface Params {
  plans: string[];
  stances: { name: string; position: StancePosition }[];
  decisions: { name: string; outcome: DecisionOutcome; date: string }[];
}

export const missingPoliticalBacking: CypherRule<'missing_political_backing', Params> = {
  kind: 'missing_political_backing',
  engine: 'cypher',
  toFindings(rows) {
    return rows.map((row) => {
      const plans = uniqueByName(row.plans.map((p) => ref('plan', p.id, p.name)));
      const stances = uniqueByName(row.stances);
      const bodies = uniqueByName(row.decisions).map((d) => ref(d.type, d.id, d.name));
      return {
        kind: 'missing_political_backing',
        severity: 'medium',
        subject: ref('initiative', row.id, row.name),
        related: uniqueByName([
          ...plans,
          ...stances.map((s) => ref('actor', s.id, s.name)),
          ...bodies.filter((b) => !stances.some((s) => s.id === b.id)),
        ]),
        params: {
          plans: plans.map((p) => p.name),
          stances: stances.map((s) => ({ name: s.name, position: s.position })),
          decisions: row.decisions.map((d) => ({ name: d.name, outcome: d.outcome, date: d.date })),
        },
      };
    });
  },
  texts: {
    da: ({ subject, params }) => ({
      message: `${q(subject.name, 'da')} mangler politisk opbakning`,
      explanation:
        'Ingen politisk part har et tilsagn til initiativet eller støtter det' +
        (params.plans.length > 0
          ? ` eller planen ${joinNames(
              params.plans.map((p) => q(p, 'da')),
              'da',
            )}`
          : '') +
        '. ' +
        (params.stances.length > 0
          ? `Registrerede holdninger: ${params.stances.map((s) => `${s.name} (${POSITION_LABELS.da[s.position]})`).join(', ')}. `
          : 'Der er ikke registreret nogen politisk holdning til det. ') +
        params.decisions
          .map(
            (d) =>
              `${d.name} ${OUTCOME_LABELS.da[d.outcome]} sagen den ${longDate(d.date, 'da')}. `,
          )
          .join('') +
        'Uden politisk opbakning er initiativet sårbart, når der skal prioriteres penge og kræfter.',
      suggestion: 'Forelæg initiativet for det relevante udvalg, og registrér udfaldet.',
    }),
    en: ({ subject, params }) => ({
      message: `${q(subject.name, 'en')} lacks political backing`,
      explanation:
        'No political actor is committed to the initiative or supports it' +
        (params.plans.length > 0
          ? ` or its plan ${joinNames(
              params.plans.map((p) => q(p, 'en')),
              'en',
            )}`
          : '') +
        '. ' +
        (params.stances.length > 0
          ? `Recorded stances: ${params.stances.map((s) => `${s.name} (${POSITION_LABELS.en[s.position]})`).join(', ')}. `
          : 'No political stance on it is recorded. ') +
        params.decisions
          .map((d) => `${d.name} ${OUTCOME_LABELS.en[d.outcome]} it on ${longDate(d.date, 'en')}. `)
          .join('') +
        'Without political backing the initiative is exposed whenever money and effort are prioritised.',
      suggestion: 'Put the initiative before the relevant committee and record the outcome.',
    }),
  },
};
