/**
 * single_point_of_failure (docs/gap-rules.md): an actor whose removal from the coordination
 * network splits its component so that at least two other actors end up outside the largest
 * remaining piece. Severity medium.
 *
 * In memory: an articulation-point search (Tarjan, see articulation.ts) over the whole
 * coordination network at `asOf`. Community Neo4j has no graph algorithms (GDS is not bundled),
 * and a per-actor connectivity test in Cypher would be quadratic.
 */
import { count, joinNames, q } from '../i18n.ts';
import { networkOf } from '../network.ts';
import { sortedByName } from '../sort-key.ts';
import type { Finding, MemoryRule } from '../types.ts';

interface Params {
  cutOff: number;
  pieces: number[];
  names: string[];
}

/** How many of the separated actors a finding names; the count tells the rest. */
const NAMED = 10;

export const singlePointOfFailure: MemoryRule<'single_point_of_failure', Params> = {
  kind: 'single_point_of_failure',
  engine: 'memory',
  evaluate(context) {
    const network = networkOf(context);
    const findings: Finding<'single_point_of_failure', Params>[] = [];
    for (const cut of [...network.cuts.values()].sort((a, b) => (a.actorId < b.actorId ? -1 : 1))) {
      if (cut.cutOff < 2) continue;
      const separated = sortedByName(
        network.cutOffActors(cut.actorId).map((id) => context.actorRef(id)),
      ).slice(0, NAMED);
      findings.push({
        kind: 'single_point_of_failure',
        severity: 'medium',
        subject: context.actorRef(cut.actorId),
        related: separated,
        params: { cutOff: cut.cutOff, pieces: cut.pieces, names: separated.map((r) => r.name) },
        details: { cutOff: cut.cutOff, pieces: cut.pieces },
      });
    }
    return findings;
  },
  texts: {
    da: ({ subject, params }) => ({
      message: `${q(subject.name, 'da')} er eneste forbindelse for ${count(params.cutOff, ['anden part', 'andre parter'])}`,
      explanation:
        `Uden ${subject.name} falder netværket fra hinanden i ${params.pieces.length} dele, og ` +
        `${joinNames(params.names, 'da')}${params.cutOff > params.names.length ? ' m.fl.' : ''} ` +
        'mister forbindelsen til resten. Forsvinder personen eller organisationen, forsvinder koordineringen med.',
      suggestion:
        'Skab en direkte forbindelse mellem de adskilte parter og resten, fx gennem et fælles forum.',
    }),
    en: ({ subject, params }) => ({
      message: `${q(subject.name, 'en')} is the only link for ${count(params.cutOff, ['other party', 'other parties'])}`,
      explanation:
        `Without ${subject.name} the network falls into ${params.pieces.length} pieces, and ` +
        `${joinNames(params.names, 'en')}${params.cutOff > params.names.length ? ' and others' : ''} ` +
        'lose their connection to the rest. If that person or organisation goes, the coordination goes with it.',
      suggestion:
        'Create a direct link between the separated parties and the rest, for example a shared forum.',
    }),
  },
};
