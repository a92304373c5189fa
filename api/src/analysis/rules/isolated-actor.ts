/**
 * isolated_actor (docs/gap-rules.md): an actor not coordinated with anyone at `asOf`: medium
 * when it has commitments in force to live targets, else low.
 *
 * In memory: "coordinated with anyone" is the coordination network's shared definition (a
 * non-tension collaboration, or a forum with another member, valid at `asOf`), answered per
 * actor from two lookups.
 */
import { count, q } from '../i18n.ts';
import { networkOf } from '../network.ts';
import type { Finding, MemoryRule } from '../types.ts';

interface Params {
  liveCommitments: number;
}

export const isolatedActor: MemoryRule<'isolated_actor', Params> = {
  kind: 'isolated_actor',
  engine: 'memory',
  evaluate(context) {
    const network = networkOf(context);
    const findings: Finding<'isolated_actor', Params>[] = [];
    for (const id of context.actorIds) {
      if (network.hasPartner(id)) continue;
      const commitments = context.commitmentsByActor.get(id) ?? [];
      const live = commitments.filter((c) => context.isLiveTarget(c.targetId));
      const targets = [...new Set(live.map((c) => c.targetId))].sort();
      findings.push({
        kind: 'isolated_actor',
        severity: live.length > 0 ? 'medium' : 'low',
        subject: context.actorRef(id),
        related: targets.map((targetId) => context.targetRef(targetId)),
        params: { liveCommitments: targets.length },
      });
    }
    return findings;
  },
  texts: {
    da: ({ subject, params }) => ({
      message: `${q(subject.name, 'da')} arbejder ikke sammen med nogen`,
      explanation:
        params.liveCommitments > 0
          ? `${subject.name} har tilsagn til ${count(params.liveCommitments, ['initiativ eller plan', 'initiativer eller planer'])}, ` +
            'men hverken et samarbejde eller et forum med andre parter. Det, parten leverer, hænger ikke sammen med resten.'
          : `${subject.name} har hverken samarbejder, forummer eller tilsagn på kortet.`,
      suggestion:
        params.liveCommitments > 0
          ? 'Invitér parten ind i et forum, hvor de andre parter bag de samme initiativer mødes.'
          : 'Overvej, om parten hører med på kortet, eller hvem den bør kobles til.',
    }),
    en: ({ subject, params }) => ({
      message: `${q(subject.name, 'en')} does not work with anyone`,
      explanation:
        params.liveCommitments > 0
          ? `${subject.name} is committed to ${count(params.liveCommitments, ['initiative or plan', 'initiatives or plans'])} ` +
            'but has neither a collaboration nor a forum with other parties, so what it delivers is not tied to the rest.'
          : `${subject.name} has no collaborations, forums or commitments on the map.`,
      suggestion:
        params.liveCommitments > 0
          ? 'Invite it into a forum where the other parties behind the same initiatives meet.'
          : 'Consider whether it belongs on the map, and whom it should be linked to.',
    }),
  },
};
