/**
 * goal_without_initiative — a goal that no live initiative advances. Severity medium.
 *
 * In Cypher: a single NOT EXISTS pattern per goal; nothing here depends on facts or dates.
 */
import { joinNames, q } from '../i18n.ts';
import { liveCypher } from '../validity.ts';
import type { CypherRule, EntityRef, Finding } from '../types.ts';
import { byName, ref } from './shared.ts';

interface Params {
  inactive: string[];
}

export const goalWithoutInitiative: CypherRule<Params> = {
  kind: 'goal_without_initiative',
  engine: 'cypher',
  cypher: `
    MATCH (g:Goal) WHERE g.mapId = $mapId
      AND NOT EXISTS { MATCH (i:Initiative)-[:ADVANCES]->(g) WHERE ${liveCypher('i')} }
    RETURN g.id AS id, g.title AS name,
           [(i:Initiative)-[:ADVANCES]->(g) | {id: i.id, name: i.title}] AS inactive`,
  toFindings(rows) {
    return rows.map((row): Finding<Params> => {
      const inactive = byName<EntityRef>(
        row.inactive.map((i: any) => ref('initiative', i.id, i.name)),
      );
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
          ? `De initiativer, der arbejdede for målet (${joinNames(params.inactive, 'da')}), er afsluttet eller aflyst. `
          : 'Intet initiativ er knyttet til målet. ') +
        'Et mål uden initiativer bliver ved ordene.',
      suggestion: 'Knyt et eksisterende initiativ til målet, eller sæt et nyt i gang.',
    }),
    en: ({ subject, params }) => ({
      message: `No live initiative advances the goal ${q(subject.name, 'en')}`,
      explanation:
        (params.inactive.length > 0
          ? `The initiatives that advanced it (${joinNames(params.inactive, 'en')}) are completed or cancelled. `
          : 'No initiative is linked to the goal. ') + 'A goal without initiatives stays on paper.',
      suggestion: 'Link an existing initiative to the goal, or start a new one.',
    }),
  },
};
