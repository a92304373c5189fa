/**
 * powerful_opposition — an actor with influence ≥ 4 holds a valid `sceptical` or `opposes`
 * stance on a live target. Subject is the target, related the actor; one gap per (target,
 * actor). Severity medium.
 *
 * In Cypher: one STANCE pattern with property tests, read through the stance index by map.
 */
import { q } from '../i18n.ts';
import { liveCypher, validAtCypher } from '../validity.ts';
import type { CypherRule, Finding } from '../types.ts';
import { ref, targetTypeCypher } from './shared.ts';

interface Params {
  actorName: string;
  influence: number;
  position: 'sceptical' | 'opposes';
}

export const powerfulOpposition: CypherRule<Params> = {
  kind: 'powerful_opposition',
  engine: 'cypher',
  cypher: `
    MATCH (x:Actor)-[s:STANCE]->(t)
    WHERE s.mapId = $mapId AND s.position IN ['sceptical', 'opposes'] AND x.influence >= 4
      AND ${validAtCypher('s')} AND ${liveCypher('t')}
    RETURN t.id AS id, t.title AS name, ${targetTypeCypher('t')} AS type,
           x.id AS actorId, x.name AS actorName, x.influence AS influence, s.position AS position`,
  toFindings(rows) {
    return rows.map((row): Finding<Params> => ({
      kind: 'powerful_opposition',
      severity: 'medium',
      subject: ref(row.type, row.id, row.name),
      related: [ref('actor', row.actorId, row.actorName)],
      secondId: row.actorId,
      params: { actorName: row.actorName, influence: row.influence, position: row.position },
      details: { actorId: row.actorId, influence: row.influence, position: row.position },
    }));
  },
  texts: {
    da: ({ subject, params }) => ({
      message: `${params.actorName} er ${params.position === 'opposes' ? 'imod' : 'skeptisk over for'} ${q(subject.name, 'da')}`,
      explanation:
        `${params.actorName} har stor indflydelse (${params.influence} af 5) og er ` +
        `${params.position === 'opposes' ? 'imod' : 'skeptisk over for'} ${q(subject.name, 'da')}. ` +
        'En indflydelsesrig modstander kan bremse eller vælte det, hvis indvendingerne ikke bliver hørt.',
      suggestion: `Tag en samtale med ${params.actorName} om indvendingerne, før de næste beslutninger træffes.`,
    }),
    en: ({ subject, params }) => ({
      message: `${params.actorName} ${params.position === 'opposes' ? 'opposes' : 'is sceptical of'} ${q(subject.name, 'en')}`,
      explanation:
        `${params.actorName} has strong influence (${params.influence} of 5) and ` +
        `${params.position === 'opposes' ? 'opposes' : 'is sceptical of'} ${q(subject.name, 'en')}. ` +
        'An influential opponent can stall or overturn it if the objections go unheard.',
      suggestion: `Talk with ${params.actorName} about the objections before the next decisions are taken.`,
    }),
  },
};
