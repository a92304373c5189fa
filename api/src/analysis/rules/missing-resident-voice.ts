/**
 * missing_resident_voice — a live initiative or plan located in an area, with no `residents`
 * actor active in that area committed to it (in force) or holding a valid stance on it (any
 * position: an opposing board has a voice).
 * Severity high. One gap per target, naming every area that lacks a voice, so the gap keeps its
 * id while areas are added or covered.
 *
 * In Cypher: for each located target, one NOT EXISTS pattern from the target's own incoming
 * commitments and stances to residents actors active in the area; the database walks only the
 * few facts of each target rather than every resident of every area.
 * `inForceCypher` serves both fact types: a stance has no status, so only validity applies.
 */
import { joinNames, q } from '../i18n.ts';
import { inForceCypher, liveCypher } from '../validity.ts';
import type { CypherRule, EntityRef, Finding } from '../types.ts';
import { byName, ref, targetTypeCypher } from './shared.ts';

interface Params {
  targetType: 'initiative' | 'plan';
  areas: string[];
  residents: string[];
}

export const missingResidentVoice: CypherRule<Params> = {
  kind: 'missing_resident_voice',
  engine: 'cypher',
  // Driven from the areas: each area's residents are looked up once (the first three by name,
  // for the suggestion), not once per target located there.
  cypher: `
    MATCH (area:Area) WHERE area.mapId = $mapId
    CALL (area) {
      MATCH (y:Actor)-[:ACTIVE_IN]->(area) WHERE y.sector = 'residents'
      WITH y ORDER BY y.name, y.id LIMIT 3
      RETURN collect({id: y.id, name: y.name}) AS residents
    }
    MATCH (t)-[:LOCATED_IN]->(area)
    WHERE (t:Initiative OR t:Plan) AND ${liveCypher('t')}
      AND NOT EXISTS {
        MATCH (x:Actor)-[r:COMMITTED_TO|STANCE]->(t)
        WHERE x.sector = 'residents' AND (x)-[:ACTIVE_IN]->(area) AND ${inForceCypher('r')}
      }
    RETURN t.id AS id, t.title AS name, ${targetTypeCypher('t')} AS type,
           collect({id: area.id, name: area.name, residents: residents}) AS areas`,
  toFindings(rows) {
    return rows.map((row): Finding<Params> => {
      const areas = byName<EntityRef>(row.areas.map((a: any) => ref('area', a.id, a.name)));
      const residents = byName([
        ...new Map<string, EntityRef>(
          row.areas.flatMap((a: any) =>
            a.residents.map((y: any) => [y.id, ref('actor', y.id, y.name)]),
          ),
        ).values(),
      ]);
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
