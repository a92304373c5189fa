/**
 * missing_resident_voice (docs/gap-rules.md): a live initiative or plan located in an area,
 * with no `residents` actor active in that area committed to it (in force), holding a valid
 * stance on it (any position: an opposing board has a voice) or with a standing decision on it
 * (a department meeting's vote). Severity high. One gap per
 * target, naming every area that lacks a voice, so the gap keeps its id while areas are added
 * or covered.
 *
 * In Cypher (api/src/repositories/queries/missing-resident-voice.ts): for each located target,
 * one NOT EXISTS pattern from the target's own commitments and stances to residents actors of
 * the area; the database walks only the few facts of each target.
 */
import { joinNames, q } from '../i18n.ts';
import type { CypherRule } from '../types.ts';
import { ref, uniqueByName } from './shared.ts';

interface Params {
  targetType: 'initiative' | 'plan';
  areas: string[];
  residents: string[];
}

export const missingResidentVoice: CypherRule<'missing_resident_voice', Params> = {
  kind: 'missing_resident_voice',
  engine: 'cypher',
  toFindings(rows) {
    return rows.map((row) => {
      const areas = uniqueByName(row.areas.map((a) => ref('area', a.id, a.name)));
      const residents = uniqueByName(
        row.areas.flatMap((a) => a.residents.map((y) => ref('actor', y.id, y.name))),
      );
      return {
        kind: 'missing_resident_voice',
        severity: 'high',
        subject: ref(row.type, row.id, row.name),
        related: [...areas, ...residents],
        params: {
          targetType: row.type,
          areas: areas.map((a) => a.name),
          residents: residents.map((r) => r.name),
        },
        details: { areaIds: areas.map((a) => a.id), residentActorIds: residents.map((r) => r.id) },
      };
    });
  },
  texts: {
    da: ({ subject, params }) => ({
      message: `Beboerne i ${joinNames(params.areas, 'da')} har ingen stemme i ${q(subject.name, 'da')}`,
      explanation:
        `${params.targetType === 'plan' ? 'Planen' : 'Initiativet'} foregår i ${joinNames(params.areas, 'da')}, ` +
        `men ingen beboerdemokratisk part fra ${params.areas.length === 1 ? 'området' : 'områderne'} har et ` +
        `tilsagn eller en registreret holdning til ${params.targetType === 'plan' ? 'den' : 'det'}. ` +
        'Det, der laves for beboerne uden dem, møder let modstand eller rammer ved siden af; lange ' +
        'beboerprocesser betaler sig.',
      suggestion:
        params.residents.length > 0
          ? `Inddrag ${joinNames(params.residents, 'da')}, og registrér deres holdning.`
          : 'Find den afdelingsbestyrelse eller beboergruppe, der repræsenterer området, og inddrag den.',
    }),
    en: ({ subject, params }) => ({
      message: `Residents of ${joinNames(params.areas, 'en')} have no voice in ${q(subject.name, 'en')}`,
      explanation:
        `The ${params.targetType} takes place in ${joinNames(params.areas, 'en')}, but no resident ` +
        `body from ${params.areas.length === 1 ? 'the area' : 'these areas'} has a commitment or a recorded ` +
        'stance on it. What is done for residents ' +
        'without them easily meets resistance or misses the point; long resident processes pay off.',
      suggestion:
        params.residents.length > 0
          ? `Involve ${joinNames(params.residents, 'en')}, and record their stance.`
          : 'Find the department board or resident group that represents the area and involve it.',
    }),
  },
};
