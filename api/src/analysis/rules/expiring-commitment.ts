/**
 * expiring_commitment — a valid commitment (not withdrawn) whose `to` falls within the map's
 * `expiryHorizonDays` after `asOf` while its target stays live past that date (its end date is
 * later, or it has none). Subject is the commitment; related its actor and target. Medium.
 *
 * In Cypher: one COMMITTED_TO pattern with date arithmetic against the map's own setting, read
 * through the commitment index by map; only the expiring commitments come back.
 */
import { q, ROLE_LABELS } from '../i18n.ts';
import { inForceCypher, liveCypher } from '../validity.ts';
import type { CypherRule, Finding } from '../types.ts';
import { ref, targetTypeCypher } from './shared.ts';

interface Params {
  actorName: string;
  targetName: string;
  role: string;
  to: string;
  endDate: string | null;
}

export const expiringCommitment: CypherRule<Params> = {
  kind: 'expiring_commitment',
  engine: 'cypher',
  cypher: `
    MATCH (m:Map {id: $mapId})
    WITH $asOf + duration({days: coalesce(m.expiryHorizonDays, 365)}) AS horizon
    MATCH (a:Actor)-[c:COMMITTED_TO]->(t)
    WHERE c.mapId = $mapId AND c.to IS NOT NULL AND c.to <= horizon AND ${inForceCypher('c')}
      AND ${liveCypher('t')} AND (t.endDate IS NULL OR t.endDate > c.to)
    RETURN c.id AS id, c.role AS role, toString(c.to) AS to, a.id AS actorId, a.name AS actorName,
           t.id AS targetId, t.title AS targetName, ${targetTypeCypher('t')} AS targetType,
           toString(t.endDate) AS endDate`,
  toFindings(rows) {
    return rows.map((row): Finding<Params> => ({
      kind: 'expiring_commitment',
      severity: 'medium',
      subject: ref('commitment', row.id, `${row.actorName} → ${row.targetName}`),
      related: [
        ref('actor', row.actorId, row.actorName),
        ref(row.targetType, row.targetId, row.targetName),
      ],
      params: {
        actorName: row.actorName,
        targetName: row.targetName,
        role: row.role,
        to: row.to,
        endDate: row.endDate,
      },
      details: { to: row.to, role: row.role, targetEndDate: row.endDate },
    }));
  },
  texts: {
    da: ({ params }) => ({
      message: `Tilsagnet fra ${params.actorName} til ${q(params.targetName, 'da')} udløber ${params.to}`,
      explanation:
        `${params.actorName} er med som ${ROLE_LABELS.da[params.role as 'owner']} frem til ${params.to}, men ` +
        `${q(params.targetName, 'da')} ${params.endDate ? `løber til ${params.endDate}` : 'har ingen slutdato'}. ` +
        'Når tilsagnet udløber, står initiativet uden den rolle, hvis ingen har sørget for en forlængelse.',
      suggestion: `Tal med ${params.actorName} om at forlænge tilsagnet, eller find en afløser i god tid.`,
    }),
    en: ({ params }) => ({
      message: `The commitment of ${params.actorName} to ${q(params.targetName, 'en')} expires on ${params.to}`,
      explanation:
        `${params.actorName} is committed as ${ROLE_LABELS.en[params.role as 'owner']} until ${params.to}, but ` +
        `${q(params.targetName, 'en')} ${params.endDate ? `runs until ${params.endDate}` : 'has no end date'}. ` +
        'When the commitment ends, that role is empty unless someone has arranged an extension.',
      suggestion: `Talk with ${params.actorName} about extending the commitment, or find a successor in good time.`,
    }),
  },
};
