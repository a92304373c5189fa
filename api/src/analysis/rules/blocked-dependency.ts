/**
 * blocked_dependency — live A depends on B, and B is paused or cancelled. Severity high. One gap
 * per dependency (subject A, related B).
 *
 * In Cypher: one DEPENDS_ON pattern with two status tests; only blocked pairs come back.
 */
import { q, STATUS_LABELS } from '../i18n.ts';
import { liveCypher } from '../validity.ts';
import type { CypherRule, Finding } from '../types.ts';
import { ref } from './shared.ts';

interface Params {
  dependencyName: string;
  dependencyStatus: string;
}

export const blockedDependency: CypherRule<Params> = {
  kind: 'blocked_dependency',
  engine: 'cypher',
  cypher: `
    MATCH (a:Initiative)-[:DEPENDS_ON]->(b:Initiative)
    WHERE a.mapId = $mapId AND ${liveCypher('a')} AND b.status IN ['paused', 'cancelled']
    RETURN a.id AS id, a.title AS name, b.id AS bId, b.title AS bName, b.status AS bStatus`,
  toFindings(rows) {
    return rows.map((row): Finding<Params> => ({
      kind: 'blocked_dependency',
      severity: 'high',
      subject: ref('initiative', row.id, row.name),
      related: [ref('initiative', row.bId, row.bName)],
      secondId: row.bId,
      params: { dependencyName: row.bName, dependencyStatus: row.bStatus },
      details: { dependsOn: row.bId, dependencyStatus: row.bStatus },
    }));
  },
  texts: {
    da: ({ subject, params }) => ({
      message: `${q(subject.name, 'da')} venter på ${q(params.dependencyName, 'da')}, som er ${STATUS_LABELS.da[params.dependencyStatus as 'paused']}`,
      explanation:
        `${q(subject.name, 'da')} afhænger af ${q(params.dependencyName, 'da')}. ` +
        (params.dependencyStatus === 'cancelled'
          ? 'Det er aflyst, så initiativet kan ikke gennemføres som planlagt.'
          : 'Det er sat på pause, så initiativet står stille, indtil det kommer i gang igen.'),
      suggestion:
        params.dependencyStatus === 'cancelled'
          ? 'Find en anden vej til det, initiativet havde brug for, eller tilpas initiativet.'
          : 'Tag det op med ejeren af det andet initiativ: hvad skal der til, for at det kommer i gang igen?',
    }),
    en: ({ subject, params }) => ({
      message: `${q(subject.name, 'en')} waits for ${q(params.dependencyName, 'en')}, which is ${STATUS_LABELS.en[params.dependencyStatus as 'paused']}`,
      explanation:
        `${q(subject.name, 'en')} depends on ${q(params.dependencyName, 'en')}. ` +
        (params.dependencyStatus === 'cancelled'
          ? 'That is cancelled, so the initiative cannot go ahead as planned.'
          : 'That is paused, so the initiative stands still until it restarts.'),
      suggestion:
        params.dependencyStatus === 'cancelled'
          ? 'Find another route to what the initiative needed, or adapt the initiative.'
          : 'Raise it with the owner of the other initiative: what would it take to restart it?',
    }),
  },
};
