/**
 * unowned_initiative (docs/gap-rules.md): a live initiative with no owner commitment in force
 * that is agreed or formalised. High when it is planned or active and has no owner at all;
 * medium when it has only proposed owners, or is an idea or paused.
 *
 * In Cypher (api/src/repositories/queries/unowned-initiative.ts): one pattern per initiative
 * over its incoming owner commitments, no coordination involved; only the initiatives that lack
 * an owner come back.
 */
import type { Status } from '../../../../graph-schema/index.ts';
import { joinNames, q, STATUS_PHRASES } from '../i18n.ts';
import type { CypherRule } from '../types.ts';
import { ref, uniqueByName } from './shared.ts';

interface Params {
  status: Status;
  proposed: string[];
}

export const unownedInitiative: CypherRule<'unowned_initiative', Params> = {
  kind: 'unowned_initiative',
  engine: 'cypher',
  toFindings(rows) {
    return rows.map((row) => {
      const proposed = uniqueByName(row.owners.map((o) => ref('actor', o.id, o.name)));
      const urgent = row.status === 'planned' || row.status === 'active';
      return {
        kind: 'unowned_initiative',
        severity: urgent && proposed.length === 0 ? 'high' : 'medium',
        subject: ref('initiative', row.id, row.name),
        related: proposed,
        params: { status: row.status, proposed: proposed.map((r) => r.name) },
        details: { status: row.status, proposedOwners: proposed.map((r) => r.id) },
      };
    });
  },
  texts: {
    da: ({ subject, params }) => ({
      message:
        params.proposed.length > 0
          ? `${q(subject.name, 'da')} har kun ${params.proposed.length === 1 ? 'en foreslået ejer' : 'foreslåede ejere'}`
          : `${q(subject.name, 'da')} har ingen ejer`,
      explanation:
        `Initiativet er ${STATUS_PHRASES.da[params.status]}, men ingen har aftalt eller ` +
        'formaliseret at stå til ansvar for det' +
        (params.proposed.length > 0
          ? `; ${joinNames(params.proposed, 'da')} er kun foreslået som ejer.`
          : '.') +
        ' Uden en ejer er der ingen, der driver det frem eller svarer for det, når noget går galt.',
      suggestion:
        params.proposed.length > 0
          ? `Få ejerskabet aftalt med ${joinNames(params.proposed, 'da')}.`
          : 'Find den part, der har mest i spil, og aftal, at den tager ejerskabet.',
    }),
    en: ({ subject, params }) => ({
      message:
        params.proposed.length > 0
          ? `${q(subject.name, 'en')} has only ${params.proposed.length === 1 ? 'a proposed owner' : 'proposed owners'}`
          : `${q(subject.name, 'en')} has no owner`,
      explanation:
        `The initiative is ${STATUS_PHRASES.en[params.status]}, but nobody has agreed or ` +
        'formalised being accountable for it' +
        (params.proposed.length > 0
          ? `; ${joinNames(params.proposed, 'en')} ${params.proposed.length === 1 ? 'is' : 'are'} only proposed as owner.`
          : '.') +
        ' Without an owner nobody drives it or answers for it when something goes wrong.',
      suggestion:
        params.proposed.length > 0
          ? `Get the ownership agreed with ${joinNames(params.proposed, 'en')}.`
          : 'Find the party with most at stake and agree that it takes ownership.',
    }),
  },
};
