import { beforeAll, describe, expect, it } from 'vitest';
import { chooseLabels, type LabelBox } from '../../web/src/lib/graph/labels.ts';
import { layoutElements, placeNear, seededRandom } from '../../web/src/lib/graph/layout.ts';
import type { GraphData, Positions } from '../../web/src/lib/types.ts';
import { loadGraphFixture } from './graph-fixture.ts';

let graph: GraphData;

beforeAll(async () => {
  graph = await loadGraphFixture();
});

const box = (id: string, rank: number, x: number, y: number, extra: Partial<LabelBox> = {}) =>
  ({ id, rank, tier: 2, size: 13, x1: x, y1: y, x2: x + 80, y2: y + 20, ...extra }) as LabelBox;

describe('layout input', () => {
  it('is the same whatever order the API lists the elements in', () => {
    const reversed: GraphData = {
      nodes: [...graph.nodes].reverse(),
      edges: [...graph.edges].reverse(),
    };
    expect(layoutElements(reversed)).toEqual(layoutElements(graph));
  });

  it('holds actors, initiatives and plans and the edges between them only', () => {
    const kinds = new Set(
      layoutElements(graph)
        .filter((element) => element.group === 'nodes')
        .map((element) => element.data.kind as string),
    );
    expect([...kinds].sort()).toEqual(['actor', 'initiative', 'plan']);
  });

  it('draws the same numbers from the same seed', () => {
    const a = seededRandom(7);
    const b = seededRandom(7);
    const first = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(first);
    expect(first.every((value) => value >= 0 && value < 1)).toBe(true);
    expect(seededRandom(8)()).not.toBe(first[0]);
  });
});

describe('placing a new node', () => {
  it('puts it beside its neighbours, clear of the others, and moves nothing else', () => {
    const positions: Positions = {};
    graph.nodes.forEach(({ data }, index) => {
      if (data.id !== 'akb')
        positions[data.id] = { x: (index % 5) * 300, y: Math.floor(index / 5) * 200 };
    });
    const before = structuredClone(positions);
    const placed = placeNear(graph, positions, ['akb']);
    expect(Object.keys(placed)).toEqual(['akb']);
    expect(positions).toEqual(before);
    const neighbours = graph.edges
      .map(({ data }) =>
        data.source === 'akb' ? data.target : data.target === 'akb' ? data.source : null,
      )
      .filter((id): id is string => !!id && !!positions[id]);
    expect(neighbours.length).toBeGreaterThan(0);
    const cx = neighbours.reduce((sum, id) => sum + positions[id]!.x, 0) / neighbours.length;
    const cy = neighbours.reduce((sum, id) => sum + positions[id]!.y, 0) / neighbours.length;
    const at = placed.akb!;
    // Near the middle of its neighbours: within a few node widths, not at the edge of the map.
    expect(Math.hypot(at.x - cx, at.y - cy)).toBeLessThan(500);
    for (const [id, other] of Object.entries(positions)) {
      const apart = Math.abs(other.x - at.x) >= 180 || Math.abs(other.y - at.y) >= 105;
      expect(apart, id).toBe(true);
    }
    expect(placeNear(graph, positions, ['akb'])).toEqual(placed);
  });
});

describe('choosing labels', () => {
  const viewport = { width: 1000, height: 600 };

  it('keeps the more important of two overlapping labels', () => {
    const shown = chooseLabels([box('minor', 5, 100, 100), box('major', 1, 120, 105)], viewport);
    expect([...shown]).toEqual(['major']);
  });

  it('draws no label below the minimum size, or cut off at the edge, unless it is the one in hand', () => {
    const shown = chooseLabels(
      [
        box('small', 0, 100, 100, { size: 9 }),
        box('edge', 1, 960, 100),
        box('hovered', 9, 300, 300, { size: 8, tier: 0 }),
      ],
      viewport,
    );
    expect([...shown]).toEqual(['hovered']);
  });

  it('brings picked and focused nodes forward over more important ones', () => {
    const shown = chooseLabels(
      [box('important', 0, 100, 100), box('picked', 20, 110, 100, { tier: 1 })],
      viewport,
    );
    expect([...shown]).toEqual(['picked']);
  });

  it('keeps lesser labels off other nodes, but lets the most important ones cross them', () => {
    const bodies = [{ id: 'other', x1: 150, y1: 95, x2: 170, y2: 125 }];
    const lesser = chooseLabels([box('lesser', 40, 100, 100)], viewport, { bodies });
    const major = chooseLabels([box('major', 3, 100, 100)], viewport, { bodies });
    expect(lesser.size).toBe(0);
    expect([...major]).toEqual(['major']);
  });

  it('keeps every label off other nodes on a narrow canvas, the most important and picked too', () => {
    const bodies = [{ id: 'other', x1: 150, y1: 95, x2: 170, y2: 125 }];
    const phone = { width: 390, height: 700 };
    const narrow = { bodies, narrow: true };
    expect(chooseLabels([box('major', 0, 100, 100)], phone, narrow).size).toBe(0);
    expect(chooseLabels([box('picked', 3, 100, 100, { tier: 1 })], phone, narrow).size).toBe(0);
    // Clear of the shape, it is drawn; the one in hand is drawn wherever it is.
    expect([...chooseLabels([box('major', 0, 200, 100)], phone, narrow)]).toEqual(['major']);
    expect([...chooseLabels([box('hovered', 40, 100, 100, { tier: 0 })], phone, narrow)]).toEqual([
      'hovered',
    ]);
  });
});
