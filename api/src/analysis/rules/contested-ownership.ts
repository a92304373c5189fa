/**
 * contested_ownership (docs/gap-rules.md): two or more agreed or formalised owner commitments
 * in force on a live initiative or plan, some pair of whose owners is not coordinated (joint
 * owners who work together are fine). Severity medium.
 *
 * In memory: the rule is about pairs of owners being *coordinated*, a test defined once in the
 * coordination network (network.ts) and shared by five rules; as a Cypher pattern per pair it
 * would duplicate the definition and cost a query for what two hash lookups answer.
 */
import { joinNames, q } from '../i18n.ts';
import { networkOf } from '../network.ts';
import { Projection } from '../projection.ts';
import type { Finding, MemoryRule } from '../types.ts';

interface Params {
  owners: string[];
  pairs: [string, string][];
}

const pairText = (pairs: [string, string][], names: (id: string) => string, and: string) =>
  pairs
    .slice(0, 3)
    .map(([a, b]) => `${names(a)} ${and} ${names(b)}`)
    .join('; ') + (pairs.length > 3 ? ` (+${pairs.length - 3})` : '');

export const contestedOwnership: MemoryRule<'contested_ownership', Params> = {
  kind: 'contested_ownership',
  engine: 'memory',
  evaluate(context) {
    const network = networkOf(context);
    const findings: Finding<'contested_ownership', Params>[] = [];
    for (const targetId of [...context.initiatives.keys(), ...context.plans.keys()].sort()) {
      if (!context.isLiveTarget(targetId)) continue;
      const owners = Projection.actorsOf(
        context
          .commitmentsTo(targetId, ['owner'])
          .filter((c) => c.status === 'agreed' || c.status === 'formalised'),
      );
      if (owners.length < 2) continue;
      const pairs = network.uncoordinatedPairs(owners);
      if (pairs.length === 0) continue;
      findings.push({
        kind: 'contested_ownership',
        severity: 'medium',
        subject: context.targetRef(targetId),
        related: owners.map((id) => context.actorRef(id)),
        params: { owners, pairs },
        details: { uncoordinatedPairs: pairs, owners },
      });
    }
    return findings;
  },
  texts: {
    da: ({ subject, related, params }) => {
      const names = (id: string) => related.find((r) => r.id === id)?.name ?? id;
      return {
        message: `${q(subject.name, 'da')} har ${params.owners.length} ejere, der ikke alle arbejder sammen`,
        explanation:
          `${joinNames(params.owners.map(names), 'da')} står alle som ejere, men ` +
          `${pairText(params.pairs, names, 'og')} har hverken et samarbejde eller et fælles forum. ` +
          'Delt ejerskab uden koordinering giver uklart ansvar og dobbeltarbejde.',
        suggestion:
          'Aftal, hvem der har det samlede ansvar, eller saml ejerne i en fælles styregruppe.',
      };
    },
    en: ({ subject, related, params }) => {
      const names = (id: string) => related.find((r) => r.id === id)?.name ?? id;
      return {
        message: `${q(subject.name, 'en')} has ${params.owners.length} owners who do not all work together`,
        explanation:
          `${joinNames(params.owners.map(names), 'en')} are all owners, but ` +
          `${pairText(params.pairs, names, 'and')} share neither a collaboration nor a forum. ` +
          'Joint ownership without coordination blurs accountability and duplicates work.',
        suggestion:
          'Agree who holds overall responsibility, or bring the owners into one steering group.',
      };
    },
  },
};
