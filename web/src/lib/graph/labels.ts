import type { GraphData, GraphNodeData } from '../types.ts';

/**
 * Which labels the map draws. A label is drawn only when it is large enough to read and does not
 * overlap a label already chosen; labels are chosen in order of importance, so at the overview
 * the most important parties are named and the rest appear on zooming in, on hover and on focus.
 */

/** Below this rendered size (px) a label is not drawn at all. */
export const MIN_LABEL_PX = 11;
/** How many labels count as the map's most important ones, drawn larger. */
export const MAJOR_LABELS = 30;
/**
 * Below this canvas width (px, a phone) the map is too dense for a label to cross other nodes:
 * the view is fitted to the shapes alone, and every label gives way to other nodes' shapes
 * (`narrow` in `chooseLabels`).
 */
export const NARROW_CANVAS_PX = 640;

/** A label's box on screen (rendered pixels) and what decides whether it is drawn. */
export interface LabelBox {
  id: string;
  /** 0 is the most important. */
  rank: number;
  /**
   * 0: drawn whatever else (the hovered, selected or keyboard's node); 1: chosen before the rest
   * (picked nodes, a focus); 2: by rank.
   */
  tier: 0 | 1 | 2;
  /** Rendered font size, px. */
  size: number;
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

/** A node's shape on screen (rendered pixels). */
export interface Body {
  id: string;
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

const gridCache = new WeakMap<readonly Body[], Map<string, Body[]>>();

/** The bodies by grid cell, built once per list. */
function bodyGrid(bodies: readonly Body[], cell: number) {
  let grid = gridCache.get(bodies);
  if (!grid) {
    grid = new Map();
    for (const body of bodies)
      for (let x = Math.floor(body.x1 / cell); x <= Math.floor(body.x2 / cell); x++)
        for (let y = Math.floor(body.y1 / cell); y <= Math.floor(body.y2 / cell); y++) {
          const key = `${x}:${y}`;
          const list = grid.get(key);
          if (list) list.push(body);
          else grid.set(key, [body]);
        }
    gridCache.set(bodies, grid);
  }
  const cells = grid;
  return {
    hit: (box: LabelBox, keys: string[]) =>
      keys.some((key) =>
        cells
          .get(key)
          ?.some(
            (body) =>
              body.id !== box.id &&
              box.x1 < body.x2 &&
              body.x1 < box.x2 &&
              box.y1 < body.y2 &&
              body.y1 < box.y2,
          ),
      ),
  };
}

/** Space kept free around each label (px). */
const GAP = 2;

const overlaps = (a: LabelBox, b: LabelBox) =>
  a.x1 - GAP < b.x2 && b.x1 - GAP < a.x2 && a.y1 - GAP < b.y2 && b.y1 - GAP < a.y2;

/**
 * The ids of the labels to draw: by tier, then by rank, each only if it touches the viewport
 * (`width` × `height`) and — unless of tier 0 — is at least `minSize` px and overlaps none chosen
 * before it; a label outside the most important (`majorRank`) and not brought forward also must
 * not overlap another node's shape (`bodies`), and on a `narrow` canvas no label but the one in
 * hand may. A uniform grid keeps this near-linear on large maps.
 */
export function chooseLabels(
  boxes: readonly LabelBox[],
  viewport: { width: number; height: number },
  options: {
    minSize?: number;
    bodies?: readonly Body[];
    majorRank?: number;
    narrow?: boolean;
  } = {},
): Set<string> {
  const minSize = options.minSize ?? MIN_LABEL_PX;
  const majorRank = options.majorRank ?? MAJOR_LABELS;
  const bodies = options.bodies ?? [];
  const order = [...boxes].sort((a, b) => a.tier - b.tier || a.rank - b.rank);
  const cell = 120;
  const grid = new Map<string, LabelBox[]>();
  const cells = (box: LabelBox) => {
    const keys: string[] = [];
    for (let x = Math.floor(box.x1 / cell); x <= Math.floor(box.x2 / cell); x++)
      for (let y = Math.floor(box.y1 / cell); y <= Math.floor(box.y2 / cell); y++)
        keys.push(`${x}:${y}`);
    return keys;
  };
  const chosen = new Set<string>();
  for (const box of order) {
    if (box.x2 < 0 || box.y2 < 0 || box.x1 > viewport.width || box.y1 > viewport.height) continue;
    const keys = cells(box);
    if (box.tier > 0) {
      // Cut off at an edge it would read wrongly: wholly in view, or not at all.
      const inside =
        box.x1 >= 0 && box.y1 >= 0 && box.x2 <= viewport.width && box.y2 <= viewport.height;
      if (!inside) continue;
      if (box.size < minSize) continue;
      if (keys.some((key) => grid.get(key)?.some((other) => overlaps(box, other)))) continue;
      // The rest also give way to other nodes' shapes, which would be drawn over them.
      const yields = options.narrow || (box.tier === 2 && box.rank >= majorRank);
      if (yields && bodyGrid(bodies, cell).hit(box, keys)) continue;
    }
    chosen.add(box.id);
    for (const key of keys) {
      const list = grid.get(key);
      if (list) list.push(box);
      else grid.set(key, [box]);
    }
  }
  return chosen;
}

/**
 * Importance of each actor, initiative and plan, 0 first: plans (the few frames everything hangs
 * in), then actors by influence — or by brokerage, when the map is sized by it — and initiatives
 * by priority, on one 1–5 scale; ties go to the better connected, then to the name.
 */
export function labelRanks(
  graph: GraphData,
  betweenness?: Record<string, number> | null,
): Map<string, number> {
  const degree = new Map<string, number>();
  for (const { data } of graph.edges) {
    degree.set(data.source, (degree.get(data.source) ?? 0) + 1);
    degree.set(data.target, (degree.get(data.target) ?? 0) + 1);
  }
  const maxBetweenness = Math.max(0, ...Object.values(betweenness ?? {}));
  const score = (node: GraphNodeData): number => {
    if (node.kind === 'plan') return 6;
    if (node.kind === 'actor') {
      if (betweenness && maxBetweenness > 0)
        return 1 + 4 * Math.sqrt((betweenness[node.id] ?? 0) / maxBetweenness);
      return typeof node.influence === 'number' ? node.influence : 1;
    }
    if (node.kind === 'initiative') return typeof node.priority === 'number' ? node.priority : 3;
    return 0;
  };
  const nodes = graph.nodes.map(({ data }) => data);
  const scored = nodes.map((node) => ({
    node,
    score: score(node),
    degree: degree.get(node.id) ?? 0,
  }));
  scored.sort(
    (a, b) =>
      b.score - a.score ||
      b.degree - a.degree ||
      a.node.label.localeCompare(b.node.label, 'da') ||
      (a.node.id < b.node.id ? -1 : 1),
  );
  return new Map(scored.map((entry, index) => [entry.node.id, index]));
}
