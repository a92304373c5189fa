import type { ElementDefinition } from 'cytoscape';
import type { Sector, Severity, Status } from '../../../../graph-schema/enums.ts';
import type {
  AllianceSuggestion,
  Gap,
  GraphData,
  GraphEdgeData,
  GraphNodeData,
  NodeKind,
  Positions,
} from '../types.ts';
import { labelRanks, MAJOR_LABELS } from './labels.ts';

/** What the filter panel decides; plain data so that this module stays pure and testable. */
export interface FilterSpec {
  sectors: readonly Sector[];
  statuses: readonly Status[];
  areas: readonly string[];
  plans: readonly string[];
  goals: readonly string[];
  show: { plans: boolean; goals: boolean; areas: boolean; forums: boolean };
}

export type SizeBy = 'influence' | 'betweenness';

export interface ElementOptions {
  filters: FilterSpec;
  sizeBy: SizeBy;
  /** Betweenness per actor (from `/metrics`, or computed locally when that is unavailable). */
  betweenness?: Record<string, number> | null;
  overlay: boolean;
  gaps?: readonly Gap[];
  showSuggestions?: boolean;
  suggestions?: readonly AllianceSuggestion[];
  /** Where each node is: the map's shared layout and the places computed for it. */
  positions?: Positions;
}

export const EMPTY_FILTERS: FilterSpec = {
  sectors: [],
  statuses: [],
  areas: [],
  plans: [],
  goals: [],
  show: { plans: true, goals: false, areas: false, forums: false },
};

const SEVERITY_RANK: Record<Severity, number> = { high: 3, medium: 2, low: 1 };
const TARGET_KINDS: ReadonlySet<NodeKind> = new Set(['initiative', 'plan']);

export const MIN_ACTOR_SIZE = 30;
export const MAX_ACTOR_SIZE = 70;

/** True when any filter narrows the map (kind toggles do not count). */
export function hasActiveFilters(filters: FilterSpec): boolean {
  return (
    filters.sectors.length +
      filters.statuses.length +
      filters.areas.length +
      filters.plans.length +
      filters.goals.length >
    0
  );
}

/** The plan ids in `roots` and every plan nested under them (through `parentId`). */
function withSubPlans(nodes: readonly GraphNodeData[], roots: readonly string[]): Set<string> {
  const result = new Set(roots);
  let grew = true;
  while (grew) {
    grew = false;
    for (const node of nodes) {
      if (
        node.kind === 'plan' &&
        node.parentId &&
        result.has(node.parentId) &&
        !result.has(node.id)
      ) {
        result.add(node.id);
        grew = true;
      }
    }
  }
  return result;
}

const intersects = (values: readonly string[] | undefined, wanted: ReadonlySet<string>) =>
  (values ?? []).some((value) => wanted.has(value));

/**
 * The ids of the nodes the filters leave on the map. Kind toggles hide plans, goals, areas and
 * forums. Sector narrows actors and status narrows initiatives and plans. Area, plan and goal are
 * scopes: they keep the initiatives and plans in scope (all scopes must hold) and the actors,
 * forums, goals and areas attached to those; an area also keeps the actors active in it.
 */
export function visibleNodeIds(graph: GraphData, filters: FilterSpec): Set<string> {
  const nodes = graph.nodes.map((node) => node.data);
  const shown = (kind: NodeKind) =>
    kind === 'actor' ||
    kind === 'initiative' ||
    (kind === 'plan' && filters.show.plans) ||
    (kind === 'goal' && filters.show.goals) ||
    (kind === 'area' && filters.show.areas) ||
    (kind === 'forum' && filters.show.forums);
  const sectors = new Set<string>(filters.sectors);
  const statuses = new Set<string>(filters.statuses);
  const areas = new Set(filters.areas);
  const goals = new Set(filters.goals);
  const plans = filters.plans.length ? withSubPlans(nodes, filters.plans) : new Set<string>();
  const scoped = areas.size + goals.size + plans.size > 0;

  const targetInScope = (node: GraphNodeData) => {
    if (areas.size && !intersects(node.areaIds, areas)) return false;
    if (goals.size && (node.kind !== 'initiative' || !intersects(node.goalIds, goals)))
      return false;
    if (plans.size) {
      const inPlan =
        node.kind === 'plan' ? plans.has(node.id) : !!node.planId && plans.has(node.planId);
      if (!inPlan) return false;
    }
    return true;
  };

  const visible = new Set<string>();
  for (const node of nodes) {
    if (!TARGET_KINDS.has(node.kind) || !shown(node.kind)) continue;
    if (statuses.size && !statuses.has(node.status ?? '')) continue;
    if (scoped && !targetInScope(node)) continue;
    visible.add(node.id);
  }
  // Plans that are hidden still scope their initiatives; only shown ones are added above.

  const attached = new Set<string>();
  if (scoped) {
    for (const { data } of graph.edges) {
      if (visible.has(data.target)) attached.add(data.source);
      if (visible.has(data.source)) attached.add(data.target);
    }
  }
  for (const node of nodes) {
    if (TARGET_KINDS.has(node.kind) || !shown(node.kind)) continue;
    if (node.kind === 'actor') {
      if (sectors.size && !sectors.has(node.sector ?? '')) continue;
      if (scoped && !attached.has(node.id) && !(areas.size && intersects(node.areaIds, areas)))
        continue;
    } else if (scoped) {
      const chosen = areas.has(node.id) || goals.has(node.id);
      if (!chosen && !attached.has(node.id)) continue;
    }
    visible.add(node.id);
  }

  // A forum shows its members: drop forums whose members are all hidden, unless scoped in.
  if (filters.show.forums && (sectors.size || scoped)) {
    for (const node of nodes) {
      if (node.kind !== 'forum' || !visible.has(node.id)) continue;
      const hasMember = graph.edges.some(
        ({ data }) =>
          data.kind === 'membership' && data.target === node.id && visible.has(data.source),
      );
      if (!hasMember) visible.delete(node.id);
    }
  }
  return visible;
}

/** The most severe gap per subject id (nodes and facts alike). */
export function gapSeverityBySubject(gaps: readonly Gap[]): Map<string, Severity> {
  const result = new Map<string, Severity>();
  for (const gap of gaps) {
    const current = result.get(gap.subject.id);
    if (!current || SEVERITY_RANK[gap.severity] > SEVERITY_RANK[current]) {
      result.set(gap.subject.id, gap.severity);
    }
  }
  return result;
}

/** Actor size in pixels: influence 1–5, or betweenness relative to the map's largest. */
export function actorSize(
  node: GraphNodeData,
  sizeBy: SizeBy,
  betweenness: Record<string, number> | null | undefined,
  maxBetweenness: number,
): number {
  const span = MAX_ACTOR_SIZE - MIN_ACTOR_SIZE;
  if (sizeBy === 'betweenness') {
    const value = betweenness?.[node.id] ?? 0;
    if (maxBetweenness <= 0) return MIN_ACTOR_SIZE;
    return Math.round(MIN_ACTOR_SIZE + Math.sqrt(value / maxBetweenness) * span);
  }
  const influence = typeof node.influence === 'number' ? node.influence : null;
  if (influence === null) return MIN_ACTOR_SIZE;
  return Math.round(MIN_ACTOR_SIZE + ((Math.min(5, Math.max(1, influence)) - 1) / 4) * span);
}

/** Classes of a fact or link edge: what the stylesheet styles by. */
export function edgeClasses(data: GraphEdgeData): string[] {
  const classes: string[] = [data.kind];
  switch (data.kind) {
    case 'commitment':
      classes.push(`role-${data.role}`, `cstatus-${data.status}`);
      break;
    case 'collaboration':
      classes.push(`collab-${data.collaborationKind ?? 'partnership'}`);
      break;
    case 'membership':
      classes.push(`mrole-${data.role}`);
      break;
    case 'stance':
      classes.push(`position-${data.position}`);
      break;
    default:
      classes.unshift('link');
  }
  if (data.validNow === false) classes.push('invalid');
  return classes;
}

/** Classes of a node: kind, and sector or status. */
export function nodeClasses(data: GraphNodeData): string[] {
  const classes: string[] = [data.kind];
  if (data.kind === 'actor' && data.sector) classes.push(`sector-${data.sector}`);
  if (TARGET_KINDS.has(data.kind) && data.status) classes.push(`status-${data.status}`);
  return classes;
}

export const suggestionEdgeId = (a: string, b: string) => `suggestion:${[a, b].sort().join(':')}`;

/**
 * API graph data → Cytoscape elements: the nodes the filters leave, each at its place and with
 * the importance of its label (`rank`, and `major` for the most important), the edges between
 * them, the gap overlay as classes on the gaps' subjects, and suggested alliances as extra edges.
 */
export function toElements(graph: GraphData, options: ElementOptions): ElementDefinition[] {
  const visible = visibleNodeIds(graph, options.filters);
  const severities = options.overlay ? gapSeverityBySubject(options.gaps ?? []) : new Map();
  const positions = options.positions ?? {};
  const ranks = labelRanks(
    graph,
    options.sizeBy === 'betweenness' ? (options.betweenness ?? null) : null,
  );
  let maxBetweenness = 0;
  if (options.sizeBy === 'betweenness' && options.betweenness) {
    for (const node of graph.nodes) {
      if (node.data.kind === 'actor' && visible.has(node.data.id)) {
        maxBetweenness = Math.max(maxBetweenness, options.betweenness[node.data.id] ?? 0);
      }
    }
  }

  const elements: ElementDefinition[] = [];
  for (const { data } of graph.nodes) {
    if (!visible.has(data.id)) continue;
    const classes = nodeClasses(data);
    const rank = ranks.get(data.id) ?? ranks.size;
    if (rank < MAJOR_LABELS) classes.push('major');
    const severity = severities.get(data.id);
    if (severity) classes.push('gap', `gap-${severity}`);
    const element: ElementDefinition = {
      group: 'nodes',
      data: {
        id: data.id,
        label: data.label,
        kind: data.kind,
        rank,
        ...(data.kind === 'actor'
          ? { size: actorSize(data, options.sizeBy, options.betweenness, maxBetweenness) }
          : {}),
      },
      classes,
    };
    const place = positions[data.id];
    if (place) element.position = { x: place.x, y: place.y };
    elements.push(element);
  }

  for (const { data } of graph.edges) {
    if (!visible.has(data.source) || !visible.has(data.target)) continue;
    const classes = edgeClasses(data);
    const severity = severities.get(data.id);
    if (severity) classes.push('gap', `gap-${severity}`);
    elements.push({
      group: 'edges',
      data: { id: data.id, source: data.source, target: data.target, kind: data.kind },
      classes,
    });
  }

  if (options.overlay && options.showSuggestions !== false) {
    const seen = new Set<string>();
    for (const suggestion of options.suggestions ?? []) {
      const a = suggestion.actorA.id;
      const b = suggestion.actorB.id;
      const id = suggestionEdgeId(a, b);
      if (seen.has(id) || !visible.has(a) || !visible.has(b)) continue;
      seen.add(id);
      elements.push({
        group: 'edges',
        data: { id, source: a, target: b, kind: 'suggestion', score: suggestion.score },
        classes: ['suggested'],
      });
    }
  }
  return elements;
}
