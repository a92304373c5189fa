/**
 * blocked_dependency (docs/gap-rules.md): a live initiative A depends on B, and B is paused or
 * cancelled. Severity high. One gap per dependency (subject A, related B).
 *
 * In Cypher (api/src/repositories/queries/blocked-dependency.ts): one DEPENDS_ON pattern with
 * two status tests; only blocked pairs come back.
 */
import { q, STATUS_LABELS } from '../i18n.ts';
import type { CypherRule } from '../types.ts';
import { ref } from './shared.ts';

interface Params {
  dependencyName: string;
  dependencyStatus: 'paused' | 'cancelled';
}

export const blockedDependency: CypherRule<'blocked_dependency', Params> = {
  kind: 'blocked_dependency',
  engine: 'cypher',
  toFindings(rows) {
    return rows.map(({ id, name, dependency }) => ({
      kind: 'blocked_dependency',
      severity: 'high',
      subject: ref('initiative', id, name),
      related: [ref('initiative', dependency.id, dependency.name)],
      secondId: dependency.id,
      params: { dependencyName: dependency.name, dependencyStatus: dependency.status },
      details: { dependsOn: dependency.id, dependencyStatus: dependency.status },
    }));
  },
  texts: {
    da: ({ subject, params }) => ({
      message: `${q(subject.name, 'da')} venter på ${q(params.dependencyName, 'da')}, som er ${STATUS_LABELS.da[params.dependencyStatus]}`,
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
      message: `${q(subject.name, 'en')} waits for ${q(params.dependencyName, 'en')}, which is ${STATUS_LABELS.en[params.dependencyStatus]}`,
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
