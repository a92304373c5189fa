/**
 * stale_fact (docs/gap-rules.md): a fact valid at `asOf` (a withdrawn commitment excepted:
 * there is nothing left to verify) whose `verifiedAt`, or if none its `updatedAt`, is more than
 * the map's `staleAfterDays` before `asOf`. Subject is the fact; related its two ends. Low.
 *
 * In memory, although it is one natural Cypher filter: on a large map most facts may be stale
 * (three in four on the synthetic 10,000-actor map), and the projection reads every valid fact
 * anyway. Two more columns on those rows cost far less than sending the stale facts through a
 * second query (measured 460 ms for 31,000 rows as a Cypher rule, against about 60 ms extra in
 * the projection).
 */
import type { Checked } from '../../../../graph-schema/analysis-rows.ts';
import type { EntityRef } from '../../../../graph-schema/index.ts';
import { addDays } from '../../../../graph-schema/validity.ts';
import { q } from '../i18n.ts';
import type { Finding, MemoryRule } from '../types.ts';

type FactType = 'commitment' | 'collaboration' | 'membership' | 'stance';

interface Params {
  factType: FactType;
  fromName: string;
  toName: string;
  checkedOn: string;
  verified: boolean;
}

export const staleFact: MemoryRule<'stale_fact', Params> = {
  kind: 'stale_fact',
  engine: 'memory',
  evaluate(context) {
    const cutoff = addDays(context.asOf, -context.map.staleAfterDays);
    const findings: Finding<'stale_fact', Params>[] = [];
    const check = (
      factType: FactType,
      fact: Checked & { id: string },
      from: EntityRef,
      to: EntityRef,
    ) => {
      const checkedOn = fact.verifiedAt ?? fact.updatedOn;
      if (!(checkedOn < cutoff)) return;
      findings.push({
        kind: 'stale_fact',
        severity: 'low',
        subject: { type: factType, id: fact.id, name: `${from.name} → ${to.name}` },
        related: [from, to],
        params: {
          factType,
          fromName: from.name,
          toName: to.name,
          checkedOn,
          verified: fact.verifiedAt !== null,
        },
        details: { factType, verifiedAt: fact.verifiedAt, updatedOn: fact.updatedOn },
      });
    };
    const actor = (id: string) => context.actorRef(id);
    for (const c of context.commitments)
      check('commitment', c, actor(c.actorId), context.targetRef(c.targetId));
    for (const c of context.collaborations)
      check('collaboration', c, actor(c.actorAId), actor(c.actorBId));
    for (const m of context.memberships) {
      check('membership', m, actor(m.actorId), {
        type: 'forum',
        id: m.forumId,
        name: context.name(m.forumId),
      });
    }
    for (const s of context.stances)
      check('stance', s, actor(s.actorId), context.targetRef(s.targetId));
    return findings;
  },
  texts: {
    da: ({ params }) => {
      const what = {
        commitment: 'Tilsagnet',
        collaboration: 'Samarbejdet',
        membership: 'Medlemskabet',
        stance: 'Holdningen',
      }[params.factType];
      return {
        message: `${what} ${params.fromName} → ${q(params.toName, 'da')} er ikke blevet tjekket siden ${params.checkedOn}`,
        explanation:
          (params.verified
            ? `Oplysningen blev sidst bekræftet ${params.checkedOn}`
            : `Oplysningen er aldrig blevet bekræftet og blev sidst ændret ${params.checkedOn}`) +
          '. Oplysninger, der ikke er tjekket længe, kan have ændret sig uden at kortet viser det.',
        suggestion: 'Bekræft oplysningen hos parten, og opdatér datoen for verifikation.',
      };
    },
    en: ({ params }) => {
      const what = {
        commitment: 'The commitment',
        collaboration: 'The collaboration',
        membership: 'The membership',
        stance: 'The stance',
      }[params.factType];
      return {
        message: `${what} ${params.fromName} → ${q(params.toName, 'en')} has not been checked since ${params.checkedOn}`,
        explanation:
          (params.verified
            ? `It was last verified on ${params.checkedOn}`
            : `It has never been verified and was last changed on ${params.checkedOn}`) +
          '. Facts that have not been checked for long may have changed without the map showing it.',
        suggestion: 'Confirm it with the party concerned and update its verification date.',
      };
    },
  },
};
