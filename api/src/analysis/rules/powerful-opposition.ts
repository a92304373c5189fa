/**
 * powerful_opposition (docs/gap-rules.md): an actor with influence 4 or 5 holds a valid
 * `sceptical` or `opposes` stance on a live target. Subject is the target, related the actor;
 * one gap per (target, actor). Severity medium.
 *
 * In Cypher (api/src/repositories/queries/powerful-opposition.ts): one STANCE pattern with
 * property tests, read through the stance index by map.
 */
import { q } from '../i18n.ts';
import type { CypherRule } from '../types.ts';
import { ref } from './shared.ts';

interface Params {
  actorName: string;
  influence: number;
  position: 'sceptical' | 'opposes';
}

export const powerfulOpposition: CypherRule<'powerful_opposition', Params> = {
  kind: 'powerful_opposition',
  engine: 'cypher',
  toFindings(rows) {
    return rows.map(({ id, name, type, actor, position }) => ({
      kind: 'powerful_opposition',
      severity: 'medium',
      subject: ref(type, id, name),
      related: [ref('actor', actor.id, actor.name)],
      secondId: actor.id,
      params: { actorName: actor.name, influence: actor.influence, position },
      details: { actorId: actor.id, influence: actor.influence, position },
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
