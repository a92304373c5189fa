/**
 * expiring_commitment (docs/gap-rules.md): a commitment in force whose `to` falls within the
 * map's `expiryHorizonDays` after `asOf` while its target, live at `asOf`, goes on past that
 * date (its end date is later, or it has none). Subject is the commitment; related its actor
 * and target. Medium.
 *
 * In Cypher (api/src/repositories/queries/expiring-commitment.ts): one COMMITTED_TO pattern
 * with date arithmetic against the map's own setting; only the expiring commitments come back.
 */
import type { CommitmentRole } from '../../../../graph-schema/index.ts';
import { q, ROLE_LABELS } from '../i18n.ts';
import type { CypherRule } from '../types.ts';
import { ref } from './shared.ts';

interface Params {
  actorName: string;
  targetName: string;
  role: CommitmentRole;
  to: string;
  endDate: string | null;
}

export const expiringCommitment: CypherRule<'expiring_commitment', Params> = {
  kind: 'expiring_commitment',
  engine: 'cypher',
  toFindings(rows) {
    return rows.map(({ id, role, to, actor, target }) => ({
      kind: 'expiring_commitment',
      severity: 'medium',
      subject: ref('commitment', id, `${actor.name} → ${target.name}`),
      related: [ref('actor', actor.id, actor.name), ref(target.type, target.id, target.name)],
      params: {
        actorName: actor.name,
        targetName: target.name,
        role,
        to,
        endDate: target.endDate,
      },
      details: { to, role, targetEndDate: target.endDate },
    }));
  },
  texts: {
    da: ({ params }) => ({
      message: `Tilsagnet fra ${params.actorName} til ${q(params.targetName, 'da')} udløber ${params.to}`,
      explanation:
        `${params.actorName} er med som ${ROLE_LABELS.da[params.role]} frem til ${params.to}, men ` +
        `${q(params.targetName, 'da')} ${params.endDate ? `løber til ${params.endDate}` : 'har ingen slutdato'}. ` +
        'Når tilsagnet udløber, står initiativet uden den rolle, hvis ingen har sørget for en forlængelse.',
      suggestion: `Tal med ${params.actorName} om at forlænge tilsagnet, eller find en afløser i god tid.`,
    }),
    en: ({ params }) => ({
      message: `The commitment of ${params.actorName} to ${q(params.targetName, 'en')} expires on ${params.to}`,
      explanation:
        `${params.actorName} is committed as ${ROLE_LABELS.en[params.role]} until ${params.to}, but ` +
        `${q(params.targetName, 'en')} ${params.endDate ? `runs until ${params.endDate}` : 'has no end date'}. ` +
        'When the commitment ends, that role is empty unless someone has arranged an extension.',
      suggestion: `Talk with ${params.actorName} about extending the commitment, or find a successor in good time.`,
    }),
  },
};
