/**
 * dependency_without_alliance (docs/gap-rules.md): a live initiative A depends on a live
 * initiative B, and an owner of A and an owner of B are different actors that are not
 * coordinated. One gap per dependency: subject A, related B and the owners concerned. High.
 *
 * Owners are actors with an owner commitment in force (valid, not withdrawn); a proposed owner
 * counts, since the hand-over between the two initiatives needs them to talk just the same.
 *
 * In memory: the test is "not coordinated", the coordination network's shared definition
 * (network.ts); the dependency links themselves are already in the projection.
 */
import { joinNames, q } from '../i18n.ts';
import { networkOf } from '../network.ts';
import { Projection } from '../projection.ts';
import type { Finding, MemoryRule } from '../types.ts';

interface Params {
  dependencyId: string;
  dependencyName: string;
  pairs: [string, string][];
}

export const dependencyWithoutAlliance: MemoryRule<'dependency_without_alliance', Params> = {
  kind: 'dependency_without_alliance',
  engine: 'memory',
  evaluate(context) {
    const network = networkOf(context);
    const findings: Finding<'dependency_without_alliance', Params>[] = [];
    for (const initiative of context.initiativeList) {
      const id = initiative.id;
      if (!context.isLiveTarget(id)) continue;
      const ownersA = Projection.actorsOf(context.commitmentsTo(id, ['owner']));
      if (ownersA.length === 0) continue;
      for (const dependencyId of [...initiative.dependsOn].sort()) {
        const dependency = context.initiatives.get(dependencyId);
        if (!dependency || !context.isLiveTarget(dependencyId)) continue;
        const ownersB = Projection.actorsOf(context.commitmentsTo(dependencyId, ['owner']));
        const pairs: [string, string][] = [];
        for (const a of ownersA) {
          for (const b of ownersB) {
            if (a !== b && !network.coordinated(a, b)) pairs.push([a, b]);
          }
        }
        if (pairs.length === 0) continue;
        const involved = [...new Set(pairs.flat())].sort();
        findings.push({
          kind: 'dependency_without_alliance',
          severity: 'high',
          subject: { type: 'initiative', id, name: initiative.name },
          related: [
            { type: 'initiative', id: dependencyId, name: dependency.name },
            ...involved.map((actorId) => context.actorRef(actorId)),
          ],
          secondId: dependencyId,
          params: { dependencyId, dependencyName: dependency.name, pairs },
          details: { dependsOn: dependencyId, uncoordinatedPairs: pairs },
        });
      }
    }
    return findings;
  },
  texts: {
    da: ({ subject, related, params }) => {
      const names = (id: string) => related.find((r) => r.id === id)?.name ?? id;
      const ownersA = [...new Set(params.pairs.map(([a]) => names(a)))];
      const ownersB = [...new Set(params.pairs.map(([, b]) => names(b)))];
      return {
        message: `${q(subject.name, 'da')} afhænger af ${q(params.dependencyName, 'da')}, men ejerne arbejder ikke sammen`,
        explanation:
          `${q(subject.name, 'da')} kan ikke lykkes uden ${q(params.dependencyName, 'da')}. ` +
          `${joinNames(ownersA, 'da')} ejer det ene og ${joinNames(ownersB, 'da')} det andet, ` +
          'men de har hverken et samarbejde eller et fælles forum. Så opdager ingen i tide, ' +
          'hvis det ene initiativ bliver forsinket eller ændret.',
        suggestion: `Få ${joinNames([...ownersA, ...ownersB], 'da')} til at aftale, hvordan de følger afhængigheden sammen.`,
      };
    },
    en: ({ subject, related, params }) => {
      const names = (id: string) => related.find((r) => r.id === id)?.name ?? id;
      const ownersA = [...new Set(params.pairs.map(([a]) => names(a)))];
      const ownersB = [...new Set(params.pairs.map(([, b]) => names(b)))];
      return {
        message: `${q(subject.name, 'en')} depends on ${q(params.dependencyName, 'en')}, but their owners do not work together`,
        explanation:
          `${q(subject.name, 'en')} cannot succeed without ${q(params.dependencyName, 'en')}. ` +
          `${joinNames(ownersA, 'en')} own the one and ${joinNames(ownersB, 'en')} the other, ` +
          'but they share neither a collaboration nor a forum, so nobody notices in time when ' +
          'one of them is delayed or changed.',
        suggestion: `Have ${joinNames([...ownersA, ...ownersB], 'en')} agree how they follow the dependency together.`,
      };
    },
  },
};
