/**
 * goal_without_initiative (docs/gap-rules.md): a goal that no initiative live at `asOf`
 * advances. Severity medium.
 *
 * In Cypher (api/src/repositories/queries/goal-without-initiative.ts): one NOT EXISTS pattern
 * per goal; the initiatives that are linked but not live come along for the explanation.
 */
import { joinNames, q } from '../i18n.ts';
import type { CypherRule } from '../types.ts';
import { ref, uniqueByName } from './shared.ts';

interface Params {
  inactive: string[];
}

export const goalWithoutInitiative: CypherRule<'goal_without_initiative', Params> = {
  kind: 'goal_without_initiative',
  engine: 'cypher',
  toFindings(rows) {
    return rows.map((row) => {
      const inactive = uniqueByName(row.inactive.map((i) => ref('initiative', i.id, i.name)));
      return {
        kind: 'goal_without_initiative',
        severity: 'medium',
        subject: ref('goal', row.id, row.name),
        related: inactive,
        params: { inactive: inactive.map((r) => r.name) },
      };
    });
  },
  texts: {
    da: ({ subject, params }) => ({
      message: `Ingen igangværende initiativer arbejder for målet ${q(subject.name, 'da')}`,
      explanation:
        (params.inactive.length > 0
          ? `De initiativer, der er knyttet til målet (${joinNames(params.inactive, 'da')}), er ikke i gang på datoen: de er afsluttet, aflyst, slut eller endnu ikke på vej. `
          : 'Intet initiativ er knyttet til målet. ') +
        'Et mål uden initiativer bliver ved ordene.',
      suggestion: 'Knyt et igangværende initiativ til målet, eller sæt et nyt i gang.',
    }),
    en: ({ subject, params }) => ({
      message: `No live initiative advances the goal ${q(subject.name, 'en')}`,
      explanation:
        (params.inactive.length > 0
          ? `The initiatives linked to it (${joinNames(params.inactive, 'en')}) are not live at this date: completed, cancelled, over, or not yet under way. `
          : 'No initiative is linked to the goal. ') + 'A goal without initiatives stays on paper.',
      suggestion: 'Link a live initiative to the goal, or start a new one.',
    }),
  },
};
