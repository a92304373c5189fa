/**
 * missing_political_backing — a live initiative with no `political` actor committed to it (in
 * force), or with a valid `supports`/`champion` stance on it or on a plan it belongs to
 * (directly or through parent plans). Severity medium.
 *
 * As DESIGN §3 words it, a commitment counts on the initiative itself and a stance also on its
 * plans: a council that champions the strategic plan backs what the plan holds, while a
 * commitment is to one thing.
 *
 * In Cypher: three NOT EXISTS patterns per initiative, the last a variable-length walk up the
 * PART_OF chain of plans, which Cypher expresses directly.
 */
import { joinNames, POSITION_LABELS, q } from '../i18n.ts';
import { inForceCypher, liveCypher, validAtCypher } from '../validity.ts';
import type { CypherRule, EntityRef, Finding } from '../types.ts';
import { byName, ref } from './shared.ts';

interface Params {
  plans: string[];
  stances: { name: string; position: string }[];
}

export const missingPoliticalBacking: CypherRule<Params> = {
  kind: 'missing_political_backing',
  engine: 'cypher',
  cypher: `
    MATCH (i:Initiative) WHERE i.mapId = $mapId AND ${liveCypher('i')}
      AND NOT EXISTS {
        MATCH (x:Actor)-[c:COMMITTED_TO]->(i) WHERE x.sector = 'political' AND ${inForceCypher('c')}
      }
      AND NOT EXISTS {
        MATCH (x:Actor)-[s:STANCE]->(i)
        WHERE x.sector = 'political' AND s.position IN ['supports', 'champion'] AND ${validAtCypher('s')}
      }
      AND NOT EXISTS {
        MATCH (i)-[:PART_OF]->(:Plan)-[:PART_OF*0..]->(p:Plan)<-[s:STANCE]-(x:Actor)
        WHERE x.sector = 'political' AND s.position IN ['supports', 'champion'] AND ${validAtCypher('s')}
      }
    RETURN i.id AS id, i.title AS name,
           [(i)-[:PART_OF]->(p:Plan) | {id: p.id, name: p.title}] AS plans,
           [(x:Actor)-[s:STANCE]->(i) WHERE x.sector = 'political' AND ${validAtCypher('s')}
            | {id: x.id, name: x.name, position: s.position}] AS stances`,
  toFindings(rows) {
    return rows.map((row): Finding<Params> => {
      const plans = byName<EntityRef>(row.plans.map((p: any) => ref('plan', p.id, p.name)));
      const stances = byName(row.stances as { id: string; name: string; position: string }[]);
      return {
        kind: 'missing_political_backing',
        severity: 'medium',
        subject: ref('initiative', row.id, row.name),
        related: [...plans, ...stances.map((s) => ref('actor', s.id, s.name))],
        params: {
          plans: plans.map((p) => p.name),
          stances: stances.map((s) => ({ name: s.name, position: s.position })),
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
          ? `Registrerede holdninger: ${params.stances.map((s) => `${s.name} (${POSITION_LABELS.da[s.position as 'neutral']})`).join(', ')}. `
          : 'Der er ikke registreret nogen politisk holdning til det. ') +
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
          ? `Recorded stances: ${params.stances.map((s) => `${s.name} (${POSITION_LABELS.en[s.position as 'neutral']})`).join(', ')}. `
          : 'No political stance on it is recorded. ') +
        'Without political backing the initiative is exposed whenever money and effort are prioritised.',
      suggestion: 'Put the initiative before the relevant committee and record the outcome.',
    }),
  },
};
