import { FACT_MODELS, NODE_MODELS } from '../../../../graph-schema/entities.ts';
import { isValidAt, isWithinPeriodAt } from '../../../../graph-schema/validity.ts';
import type { GraphData } from '../types.ts';

const FACT_KINDS: ReadonlySet<string> = new Set(FACT_MODELS.map((model) => model.kind));
/** Node kinds with a period of their own (initiatives and plans), by their date fields. */
const PERIOD_FIELDS = new Map(
  NODE_MODELS.flatMap((model) =>
    'dateRange' in model && model.dateRange ? [[model.kind, model.dateRange] as const] : [],
  ),
);

/**
 * The map as it was at `asOf`: what `GET /graph?asOf=` answers (api/src/presenters/
 * graph-elements.ts), from the undated graph and with the same definitions of graph-schema/
 * validity.ts. The web app loads the graph once and replays it here, so that a node keeps its
 * place on every date and a new date needs no request.
 */
export function graphAt(graph: GraphData, asOf: string, planningLeadDays: number): GraphData {
  const nodes = graph.nodes.filter(({ data }) => {
    const fields = PERIOD_FIELDS.get(data.kind);
    if (!fields) return true;
    const period = data as unknown as Record<string, string | null | undefined>;
    return isWithinPeriodAt(
      { startDate: period[fields[0]] ?? null, endDate: period[fields[1]] ?? null },
      asOf,
      planningLeadDays,
    );
  });
  const present = new Set(nodes.map(({ data }) => data.id));
  const edges: GraphData['edges'] = [];
  for (const edge of graph.edges) {
    const { data } = edge;
    if (!present.has(data.source) || !present.has(data.target)) continue;
    if (!FACT_KINDS.has(data.kind)) {
      edges.push(edge);
      continue;
    }
    if (!isValidAt({ from: data.from, to: data.to, status: data.status }, asOf)) continue;
    edges.push({ data: { ...data, validNow: true } });
  }
  return { nodes, edges };
}
