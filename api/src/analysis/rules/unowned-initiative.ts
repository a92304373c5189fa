/**
 * unowned_initiative — a live initiative with no valid owner commitment that is agreed or
 * formalised. High if planned/active and no owner at all; medium if only proposed owners or
 * status idea/paused.
 *
 * In Cypher: one pattern per initiative (its incoming owner commitments in force at `asOf`),
 * no coordination involved; the database returns only the initiatives that lack an owner.
 */
import { joinNames, q, STATUS_PHRASES } from '../i18n.ts';
import { inForceCypher, liveCypher } from '../validity.ts';
import type { CypherRule, Finding } from '../types.ts';
import { byName, ref } from './shared.ts';

interface Params {
  status: string;
  proposed: string[];
}

export const unownedInitiative: CypherRule<Params> = {
  kind: 'unowned_initiative',
  engine: 'cypher',
  cypher: `
    MATCH (i:Initiative) WHERE i.mapId = $mapId AND ${liveCypher('i')}
    WITH i, [(a:Actor)-[c:COMMITTED_TO]->(i) WHERE c.role = 'owner' AND ${inForceCypher('c')}
             | {id: a.id, name: a.name, status: c.status}] AS owners
    WHERE none(o IN owners WHERE o.status IN ['agreed', 'formalised'])
    RETURN i.id AS id, i.title AS name, i.status AS status, owners`,
  toFindings(rows) {
    return rows.map((row): Finding<Params> => {
      const proposed = byName([
        ...new Map(row.owners.map((o: any) => [o.id, ref('actor', o.id, o.name)])).values(),
      ] as any[]);
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
        `Initiativet er ${STATUS_PHRASES.da[params.status as 'idea']}, men ingen har aftalt eller ` +
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
        `The initiative is ${STATUS_PHRASES.en[params.status as 'idea']}, but nobody has agreed or ` +
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
