import type cytoscape from 'cytoscape';
import type { ElementDefinition, NodeSingular, StylesheetStyle } from 'cytoscape';
import type { GraphData, GraphNodeData, Positions } from '../types.ts';
import { labelRanks, MAJOR_LABELS } from './labels.ts';
import { actorSize, edgeClasses, nodeClasses } from './to-elements.ts';

/**
 * Where the map's nodes go. The picture must be the same on every load and for every colleague,
 * and must not move when the map grows, so positions are data: the map's shared layout holds them,
 * and the few this module computes are saved there too (see MapStore.place).
 *
 * - A map without positions gets one fcose layout of its actors, initiatives and plans, computed
 *   from the graph alone: the elements in a fixed, content-based order, fcose's randomness drawn
 *   from a seeded generator, and an offscreen Cytoscape with the canonical style, so that filters,
 *   the gap overlay or the size of the screen never change the result.
 * - Later additions are placed beside their neighbours in free space, and nothing else moves.
 * - Goals, areas and forums (hidden unless switched on) are placed beside what they connect.
 */

type Cytoscape = typeof cytoscape;

/** The kinds that take part in the layout; the others are placed around them. */
export const LAYOUT_KINDS: ReadonlySet<string> = new Set(['actor', 'initiative', 'plan']);
const KIND_ORDER: Record<string, number> = { plan: 0, initiative: 1, actor: 2 };

/** Approximate half sizes of each kind, with room for a label, for placing nodes in free space. */
const FOOTPRINT: Record<string, { w: number; h: number }> = {
  actor: { w: 90, h: 60 },
  initiative: { w: 110, h: 45 },
  plan: { w: 130, h: 52 },
  goal: { w: 80, h: 45 },
  area: { w: 85, h: 55 },
  forum: { w: 80, h: 45 },
};

/** mulberry32: a small, fast generator with a 32-bit state; good enough to seed a layout. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Runs `fn` with `Math.random` drawing from a seeded generator. fcose has no seed option and calls
 * `Math.random` while it computes (a synchronous run, so nothing else draws meanwhile).
 */
export function withSeededRandom<T>(seed: number, fn: () => T): T {
  const original = Math.random;
  Math.random = seededRandom(seed);
  try {
    return fn();
  } finally {
    Math.random = original;
  }
}

const byLabel = (a: GraphNodeData, b: GraphNodeData) =>
  (KIND_ORDER[a.kind] ?? 9) - (KIND_ORDER[b.kind] ?? 9) ||
  a.label.localeCompare(b.label, 'da') ||
  (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * The layout's input: actors, initiatives and plans and the edges between them, ordered by what
 * they are (kind, then name) rather than by id, so that copies of a map look alike; actors sized
 * by influence, whatever the map is currently sized by.
 */
export function layoutElements(graph: GraphData): ElementDefinition[] {
  const nodes = graph.nodes.map(({ data }) => data).filter((data) => LAYOUT_KINDS.has(data.kind));
  nodes.sort(byLabel);
  const index = new Map(nodes.map((data, i) => [data.id, i]));
  const edges = graph.edges
    .map(({ data }) => data)
    .filter((data) => index.has(data.source) && index.has(data.target))
    .sort(
      (a, b) =>
        index.get(a.source)! - index.get(b.source)! ||
        index.get(a.target)! - index.get(b.target)! ||
        a.kind.localeCompare(b.kind) ||
        (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    );
  const ranks = labelRanks(graph);
  return [
    ...nodes.map((data) => ({
      group: 'nodes' as const,
      data: {
        id: data.id,
        label: data.label,
        kind: data.kind,
        ...(data.kind === 'actor' ? { size: actorSize(data, 'influence', null, 0) } : {}),
      },
      classes: [
        ...nodeClasses(data),
        ...((ranks.get(data.id) ?? 1e6) < MAJOR_LABELS ? ['major'] : []),
      ],
    })),
    ...edges.map((data) => ({
      group: 'edges' as const,
      data: { id: data.id, source: data.source, target: data.target, kind: data.kind },
      classes: edgeClasses(data),
    })),
  ];
}

export interface LayoutOptions {
  stylesheet: StylesheetStyle[];
  /** Positions to keep: their nodes stay where they are and the rest is laid out around them. */
  fixed?: Positions;
  seed?: number;
}

/**
 * fcose over `elements` in an offscreen Cytoscape (not headless: label sizes need a renderer),
 * returning a position for every node. Synchronous once Cytoscape is loaded.
 */
export function computeLayout(
  cy: Cytoscape,
  elements: ElementDefinition[],
  options: LayoutOptions,
): Positions {
  const container = document.createElement('div');
  container.setAttribute('aria-hidden', 'true');
  container.style.cssText =
    'position:absolute;left:-10000px;top:0;width:800px;height:600px;visibility:hidden';
  document.body.append(container);
  const fixed = options.fixed ?? {};
  const instance = cy({
    container,
    elements: elements.map((element) =>
      element.group === 'nodes' && fixed[element.data.id!]
        ? { ...element, position: { ...fixed[element.data.id!]! } }
        : element,
    ),
    style: options.stylesheet,
    layout: { name: 'preset' },
  });
  try {
    const nodes = instance.nodes();
    const count = nodes.length;
    const fixedNodes = nodes.filter((node) => !!fixed[node.id()]);
    if (count > 0 && fixedNodes.length < count) {
      const small = count <= 300;
      withSeededRandom(options.seed ?? 1, () =>
        instance
          .layout({
            name: 'fcose',
            quality: count > 1500 ? 'draft' : 'default',
            randomize: true,
            animate: false,
            fit: false,
            nodeDimensionsIncludeLabels: small,
            uniformNodeDimensions: false,
            packComponents: true,
            nodeRepulsion: small ? 9000 : 6000,
            idealEdgeLength: (edge: { hasClass(name: string): boolean }) =>
              edge.hasClass('link') ? 70 : small ? 110 : 90,
            edgeElasticity: 0.35,
            nodeSeparation: small ? 110 : 75,
            gravity: 0.35,
            gravityRange: 3.0,
            numIter: count > 300 ? 450 : 2500,
            tile: true,
            tilingPaddingVertical: 24,
            tilingPaddingHorizontal: 24,
            fixedNodeConstraint: fixedNodes.length
              ? (fixedNodes.toArray() as NodeSingular[]).map((node) => ({
                  nodeId: node.id(),
                  position: { ...fixed[node.id()]! },
                }))
              : undefined,
          } as never)
          .run(),
      );
    }
    if (fixedNodes.empty()) widen(instance);
    if (count <= 400) {
      const keep = new Set(Object.keys(fixed));
      separate(instance, keep);
      if (fixedNodes.empty()) compact(instance);
    }
    const out: Positions = {};
    nodes.forEach((node) => {
      const { x, y } = node.position();
      out[node.id()] = { x: Math.round(x), y: Math.round(y) };
    });
    return out;
  } finally {
    instance.destroy();
    container.remove();
  }
}

/** Screens are wider than high: a fresh layout is stretched to this width : height, area kept. */
const ASPECT = 1.6;

function widen(instance: cytoscape.Core): void {
  const bb = instance.nodes().boundingBox({ includeLabels: false } as never);
  if (bb.w <= 0 || bb.h <= 0) return;
  const aspect = bb.w / bb.h;
  if (aspect >= ASPECT) return;
  const sx = Math.sqrt(ASPECT / aspect);
  const cx = bb.x1 + bb.w / 2;
  const cy = bb.y1 + bb.h / 2;
  instance.nodes().positions((node) => {
    const p = node.position();
    return { x: cx + (p.x - cx) * sx, y: cy + (p.y - cy) / sx };
  });
}

/**
 * Pushes apart nodes whose boxes (shape, and the label where the layout gives it room) overlap,
 * each pair along the axis where they overlap least, until none do. fcose keeps nodes apart by
 * their size but lets labels touch; this makes the overview readable. Fixed nodes do not move.
 */
function separate(instance: cytoscape.Core, fixed: ReadonlySet<string>): void {
  const pad = 10;
  const items = instance.nodes().map((node) => {
    const position = node.position();
    const bb = node.boundingBox({
      includeLabels: true,
      includeOverlays: false,
      includeUnderlays: false,
      includeOutlines: false,
    } as never);
    return {
      node,
      x: position.x,
      y: position.y,
      left: position.x - bb.x1 + pad / 2,
      right: bb.x2 - position.x + pad / 2,
      top: position.y - bb.y1 + pad / 2,
      bottom: bb.y2 - position.y + pad / 2,
      fixed: fixed.has(node.id()),
    };
  });
  for (let round = 0; round < 300; round++) {
    let moved = false;
    for (let i = 0; i < items.length; i++) {
      const a = items[i]!;
      for (let j = i + 1; j < items.length; j++) {
        const b = items[j]!;
        const dx = Math.min(a.x + a.right, b.x + b.right) - Math.max(a.x - a.left, b.x - b.left);
        const dy = Math.min(a.y + a.bottom, b.y + b.bottom) - Math.max(a.y - a.top, b.y - b.top);
        if (dx <= 0 || dy <= 0 || (a.fixed && b.fixed)) continue;
        moved = true;
        const share = a.fixed ? [0, 1] : b.fixed ? [1, 0] : [0.5, 0.5];
        // Sideways rather than up or down, since screens are wide and labels wider than high.
        if (dx < dy * ASPECT) {
          const direction = a.x < b.x || (a.x === b.x && i < j) ? -1 : 1;
          a.x += direction * dx * share[0]!;
          b.x -= direction * dx * share[1]!;
        } else {
          const direction = a.y < b.y || (a.y === b.y && i < j) ? -1 : 1;
          a.y += direction * dy * share[0]!;
          b.y -= direction * dy * share[1]!;
        }
      }
    }
    if (!moved) break;
  }
  instance.batch(() => {
    for (const item of items) if (!item.fixed) item.node.position({ x: item.x, y: item.y });
  });
}

/** The extent that decides the zoom on a wide screen: width, or height stretched to the aspect. */
function extent(instance: cytoscape.Core): number {
  const bb = instance.nodes().boundingBox({ includeLabels: true } as never);
  return Math.max(bb.w, bb.h * ASPECT);
}

/**
 * Draws the separated layout together: shrinks it towards its middle and separates again, while
 * that makes it smaller. fcose leaves more space between nodes than the labels need; the map
 * then fits the screen at a larger zoom, and every label is larger.
 */
function compact(instance: cytoscape.Core): void {
  let best = extent(instance);
  let bestPositions = instance.nodes().map((node) => ({ ...node.position() }));
  for (let round = 0; round < 12; round++) {
    const bb = instance.nodes().boundingBox({ includeLabels: false } as never);
    const cx = bb.x1 + bb.w / 2;
    const cy = bb.y1 + bb.h / 2;
    instance.nodes().positions((node) => {
      const p = node.position();
      return { x: cx + (p.x - cx) * 0.9, y: cy + (p.y - cy) * 0.9 };
    });
    separate(instance, new Set());
    const size = extent(instance);
    if (size < best - 1) {
      best = size;
      bestPositions = instance.nodes().map((node) => ({ ...node.position() }));
    } else break;
  }
  const nodes = instance.nodes();
  instance.batch(() => nodes.forEach((node, index) => void node.position(bestPositions[index]!)));
}

interface Box {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

const footprint = (kind: string) => FOOTPRINT[kind] ?? FOOTPRINT.actor!;
const boxAt = (kind: string, x: number, y: number): Box => {
  const { w, h } = footprint(kind);
  return { x1: x - w, y1: y - h, x2: x + w, y2: y + h };
};
const overlaps = (a: Box, b: Box) => a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2;

/**
 * Positions for `ids`, each beside the neighbours it already has a place for, in the first free
 * spot on a spiral around their centre (or around the middle of the map when it has none). Only
 * the new nodes get positions; nothing that has one moves. Deterministic: `ids` are placed in the
 * order given, each seeing those placed before it.
 */
export function placeNear(graph: GraphData, positions: Positions, ids: string[]): Positions {
  const kinds = new Map(graph.nodes.map(({ data }) => [data.id, data.kind]));
  const neighbours = new Map<string, string[]>();
  for (const { data } of graph.edges) {
    for (const [a, b] of [
      [data.source, data.target],
      [data.target, data.source],
    ] as const) {
      const list = neighbours.get(a);
      if (list) list.push(b);
      else neighbours.set(a, [b]);
    }
  }
  const placed: Positions = {};
  const all = (): [string, { x: number; y: number }][] => [
    ...Object.entries(positions).filter(([id]) => kinds.has(id)),
    ...Object.entries(placed),
  ];
  for (const id of ids) {
    const kind = kinds.get(id) ?? 'actor';
    const known = all();
    const at = new Map(known);
    const anchors = (neighbours.get(id) ?? []).map((other) => at.get(other)).filter((p) => !!p);
    let cx = 0;
    let cy = 0;
    if (anchors.length) {
      cx = anchors.reduce((sum, p) => sum + p!.x, 0) / anchors.length;
      cy = anchors.reduce((sum, p) => sum + p!.y, 0) / anchors.length;
    } else if (known.length) {
      const xs = known.map(([, p]) => p.x);
      const ys = known.map(([, p]) => p.y);
      cx = (Math.min(...xs) + Math.max(...xs)) / 2;
      cy = Math.max(...ys) + 160;
    }
    const boxes = known.map(([other, p]) => boxAt(kinds.get(other) ?? 'actor', p.x, p.y));
    let spot = { x: cx, y: cy };
    // A golden-angle spiral: evenly spread tries, nearest first.
    for (let step = 0; step < 2000; step++) {
      const radius = step === 0 ? 0 : 30 + 14 * Math.sqrt(step) * 6;
      const angle = step * 2.399963;
      const x = cx + Math.cos(angle) * radius;
      const y = cy + Math.sin(angle) * radius;
      const box = boxAt(kind, x, y);
      if (!boxes.some((other) => overlaps(box, other))) {
        spot = { x, y };
        break;
      }
    }
    placed[id] = { x: Math.round(spot.x), y: Math.round(spot.y) };
  }
  return placed;
}

/**
 * Positions for the nodes of `graph` that have none yet: one layout when many of its actors,
 * initiatives and plans lack a place (a new map, an import), else each placed beside its
 * neighbours; goals, areas and forums always beside theirs.
 */
export function completePositions(
  cy: Cytoscape,
  graph: GraphData,
  positions: Positions,
  stylesheet: StylesheetStyle[],
): Positions {
  const missing = graph.nodes.map(({ data }) => data).filter((data) => !positions[data.id]);
  if (missing.length === 0) return {};
  const core = missing.filter((data) => LAYOUT_KINDS.has(data.kind));
  const coreCount = graph.nodes.filter(({ data }) => LAYOUT_KINDS.has(data.kind)).length;
  let next: Positions = { ...positions };
  const added: Positions = {};
  if (core.length > Math.max(3, coreCount * 0.3)) {
    const ids = new Set(graph.nodes.map(({ data }) => data.id));
    const fixed = Object.fromEntries(Object.entries(positions).filter(([id]) => ids.has(id)));
    const laid = computeLayout(cy, layoutElements(graph), { stylesheet, fixed });
    for (const data of core) added[data.id] = laid[data.id]!;
  } else {
    Object.assign(
      added,
      placeNear(
        graph,
        next,
        core.sort(byLabel).map((data) => data.id),
      ),
    );
  }
  next = { ...next, ...added };
  const rest = missing.filter((data) => !LAYOUT_KINDS.has(data.kind)).sort(byLabel);
  Object.assign(
    added,
    placeNear(
      graph,
      next,
      rest.map((data) => data.id),
    ),
  );
  return added;
}
