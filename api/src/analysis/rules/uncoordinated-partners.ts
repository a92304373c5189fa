/**
 * uncoordinated_partners (docs/gap-rules.md): two or more actors with non-endorser commitments
 * in force on the same live initiative, some pairs of them not coordinated. One gap per
 * initiative, listing the pairs. High when over half the pairs are uncoordinated, else medium.
 *
 * In memory: it counts coordinated pairs among all partners of every initiative with the
 * coordination network's shared test (network.ts); in Cypher it would be a pairwise subquery
 * per initiative.
 */
import type { CommitmentRole } from '../../../../graph-schema/index.ts';
import { count, q } from '../i18n.ts';
import { networkOf } from '../network.ts';
import { Projection } from '../projection.ts';
import type { Finding, MemoryRule } from '../types.ts';

interface Params {
  partners: string[];
  pairs: [string, string][];
  totalPairs: number;
}

const NON_ENDORSER: readonly CommitmentRole[] = ['owner', 'funder', 'contributor'];

export const uncoordinatedPartners: MemoryRule<'uncoordinated_partners', Params> = {
  kind: 'uncoordinated_partners',
  engine: 'memory',
  evaluate(context) {
    const network = networkOf(context);
    const findings: Finding<'uncoordinated_partners', Params>[] = [];
    for (const initiative of context.initiativeList) {
      const id = initiative.id;
      if (!context.isLiveTarget(id)) continue;
      const partners = Projection.actorsOf(context.commitmentsTo(id, NON_ENDORSER));
      if (partners.length < 2) continue;
      const pairs = network.uncoordinatedPairs(partners);
      if (pairs.length === 0) continue;
      const totalPairs = (partners.length * (partners.length - 1)) / 2;
      findings.push({
        kind: 'uncoordinated_partners',
        severity: pairs.length * 2 > totalPairs ? 'high' : 'medium',
        subject: { type: 'initiative', id, name: initiative.name },
        related: partners.map((actorId) => context.actorRef(actorId)),
        params: { partners, pairs, totalPairs },
        details: { uncoordinatedPairs: pairs, totalPairs },
      });
    }
    return findings;
  },
  texts: {
    da: ({ subject, related, params }) => {
      const names = (id: string) => related.find((r) => r.id === id)?.name ?? id;
      const listed = params.pairs.slice(0, 4).map(([a, b]) => `${names(a)} og ${names(b)}`);
      return {
        message: `${count(params.pairs.length, ['par', 'par'])} af parterne bag ${q(subject.name, 'da')} arbejder ikke sammen`,
        explanation:
          `${params.partners.length} parter bidrager til initiativet, og ${params.pairs.length} af ` +
          `${params.totalPairs} mulige par har hverken et samarbejde eller et fælles forum: ` +
          `${listed.join('; ')}${params.pairs.length > 4 ? `; og ${params.pairs.length - 4} par mere` : ''}. ` +
          'Parter, der leverer til det samme uden at tale sammen, trækker let i hver sin retning.',
        suggestion:
          'Saml parterne i et fælles forum for initiativet, eller få de nævnte par til at aftale et samarbejde.',
      };
    },
    en: ({ subject, related, params }) => {
      const names = (id: string) => related.find((r) => r.id === id)?.name ?? id;
      const listed = params.pairs.slice(0, 4).map(([a, b]) => `${names(a)} and ${names(b)}`);
      return {
        message: `${count(params.pairs.length, ['pair', 'pairs'])} of the partners behind ${q(subject.name, 'en')} do not work together`,
        explanation:
          `${params.partners.length} partners contribute to the initiative, and ${params.pairs.length} of ` +
          `${params.totalPairs} possible pairs share neither a collaboration nor a forum: ` +
          `${listed.join('; ')}${params.pairs.length > 4 ? `; and ${params.pairs.length - 4} more` : ''}. ` +
          'Partners who deliver to the same thing without talking easily pull in different directions.',
        suggestion:
          'Bring the partners into one forum for the initiative, or have the pairs named agree a collaboration.',
      };
    },
  },
};
