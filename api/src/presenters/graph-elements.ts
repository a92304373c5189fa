import {
  FACT_MODELS,
  NODE_MODELS,
  type FactModel,
  type GraphElements,
  type GraphPart,
  type NodeModel,
} from '../../../graph-schema/index.ts';
import { isValidAt, isWithinPeriodAt } from '../../../graph-schema/validity.ts';
import type { Row } from '../repositories/reads.ts';
import type { MapSnapshot } from '../repositories/snapshot-repository.ts';
import { linkFields } from '../repositories/storage.ts';

type Data = Record<string, unknown>;

/**
 * An entity's own fields under names that Cytoscape and the element `kind` leave alone: an
 * entity's own `kind` field (a collaboration's or a forum's) becomes `<element kind>Kind`, and a
 * claim's `source` (where it comes from) becomes `provenance`, since `source` is an edge's first
 * end.
 */
function ownFields(row: Row, kind: string): Data {
  const { kind: ownKind, source, ...rest } = row;
  const renamed: Data = { ...rest, provenance: source ?? null };
  if (ownKind !== undefined) renamed[`${kind}Kind`] = ownKind;
  return renamed;
}

const rowsOf = (snapshot: MapSnapshot, model: NodeModel | FactModel) =>
  (snapshot as unknown as Record<string, Row[]>)[model.collection] ?? [];

/**
 * Whether a node is on the map at `asOf`: an entity with a period of its own (initiatives and
 * plans) only within it, starting the map's planning lead time before its start; the rest always.
 */
function presentAt(model: NodeModel, row: Row, asOf: string, planningLeadDays: number): boolean {
  if (!model.dateRange) return true;
  const [start, end] = model.dateRange;
  const period = { startDate: row[start] as string | null, endDate: row[end] as string | null };
  return isWithinPeriodAt(period, asOf, planningLeadDays);
}

/**
 * The map as Cytoscape elements. With `asOf`, only what was there at that date appears: facts
 * valid then, initiatives and plans within their period (see `presentAt`), and the edges between
 * what is left. Without it, everything appears and facts are marked with whether they are valid
 * today. Structural links get stable ids derived from their ends (`part_of:<from>:<to>`), since
 * they have none of their own.
 */
export function toGraphElements(
  snapshot: MapSnapshot,
  include: readonly GraphPart[],
  asOf: string | undefined,
  today: string,
): GraphElements {
  const nodeModels = (NODE_MODELS as readonly NodeModel[]).filter((model) =>
    include.includes(model.collection as GraphPart),
  );
  const nodes: { data: Data }[] = [];
  const present = new Set<string>();
  const lead = snapshot.map.settings.planningLeadDays;
  for (const model of nodeModels) {
    for (const row of rowsOf(snapshot, model)) {
      if (asOf && !presentAt(model, row, asOf, lead)) continue;
      present.add(row.id);
      nodes.push({
        data: {
          ...ownFields(row, model.kind),
          kind: model.kind,
          label: String(row[model.nameField]),
        },
      });
    }
  }

  const edges: { data: Data }[] = [];
  const addEdge = (data: Data & { source: string; target: string }) => {
    if (present.has(data.source) && present.has(data.target)) edges.push({ data });
  };
  for (const model of FACT_MODELS as readonly FactModel[]) {
    for (const row of rowsOf(snapshot, model)) {
      const period = row as Row & { from: string | null; to: string | null; status?: string };
      if (asOf && !isValidAt(period, asOf)) continue;
      const target = model.to.map((end) => row[end]).find(Boolean) as string;
      addEdge({
        ...ownFields(row, model.kind),
        kind: model.kind,
        source: row[model.from] as string,
        target,
        validNow: isValidAt(period, asOf ?? today),
      });
    }
  }

  for (const model of nodeModels) {
    for (const [field, { link }] of linkFields(model.fields)) {
      const kind = link.rel.toLowerCase();
      for (const row of rowsOf(snapshot, model)) {
        const value = row[field];
        const items = (Array.isArray(value) ? value : value ? [value] : []) as unknown[];
        for (const item of items) {
          // A link with properties (a meeting's participant) keeps them on its edge.
          const { [link.key ?? '']: keyed, ...props } = (link.key ? item : {}) as Data;
          const target = (link.key ? keyed : item) as string;
          addEdge({ ...props, id: `${kind}:${row.id}:${target}`, kind, source: row.id, target });
        }
      }
    }
  }
  // Built generically from the models; each element has exactly its model's fields.
  return { nodes, edges } as unknown as GraphElements;
}
