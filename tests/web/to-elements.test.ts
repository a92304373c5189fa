import cytoscape, { type ElementDefinition } from 'cytoscape';
import { beforeAll, describe, expect, it } from 'vitest';
import { SECTORS, STATUSES } from '../../graph-schema/enums.ts';
import { buildStylesheet } from '../../web/src/lib/graph/style.ts';
import {
  actorSize,
  EMPTY_FILTERS,
  MAX_ACTOR_SIZE,
  MIN_ACTOR_SIZE,
  suggestionEdgeId,
  toElements,
  visibleNodeIds,
  type ElementOptions,
  type FilterSpec,
} from '../../web/src/lib/graph/to-elements.ts';
import type { AllianceSuggestion, Gap, GraphData } from '../../web/src/lib/types.ts';
import { loadGraphFixture } from './graph-fixture.ts';

let graph: GraphData;
beforeAll(async () => {
  graph = await loadGraphFixture();
});

const filters = (patch: Partial<FilterSpec> = {}): FilterSpec => ({
  ...EMPTY_FILTERS,
  ...patch,
  show: { ...EMPTY_FILTERS.show, ...patch.show },
});

const options = (patch: Partial<ElementOptions> = {}): ElementOptions => ({
  filters: filters(),
  sizeBy: 'influence',
  overlay: false,
  ...patch,
});

const ids = (elements: ElementDefinition[], group?: 'nodes' | 'edges') =>
  elements
    .filter((element) => !group || element.group === group)
    .map((element) => element.data.id!)
    .sort();

const byId = (elements: ElementDefinition[], id: string) =>
  elements.find((element) => element.data.id === id);
const classesOf = (element: ElementDefinition | undefined) =>
  Array.isArray(element?.classes) ? element.classes : String(element?.classes ?? '').split(' ');

const gap = (id: string, subject: string, severity: Gap['severity']): Gap => ({
  id,
  kind: 'unowned_initiative',
  severity,
  subject: { type: 'initiative', id: subject, name: subject },
  related: [],
  message: 'm',
  explanation: 'e',
  details: { status: 'active', proposedOwners: [] },
});

const suggestion = (a: string, b: string): AllianceSuggestion => ({
  actorA: { id: a, name: a, sector: 'municipal' },
  actorB: { id: b, name: b, sector: 'housing' },
  score: 1,
  reasons: [{ kind: 'shared_area', text: 'r', related: [] }],
  closes: [],
  reduces: [],
});

describe('visibleNodeIds', () => {
  it('shows actors, initiatives and plans by default and hides goals, areas and forums', () => {
    const visible = visibleNodeIds(graph, filters());
    expect([...visible].sort()).toEqual(
      [
        'akb',
        'beboere',
        'fond',
        'gammel',
        'kommune',
        'kvarterhus',
        'p-gh',
        'p-strat',
        'renovering',
        'skole',
      ].sort(),
    );
  });

  it('switches kinds on and off', () => {
    const visible = visibleNodeIds(
      graph,
      filters({ show: { plans: false, goals: true, areas: true, forums: true } }),
    );
    expect(visible.has('p-gh')).toBe(false);
    expect(visible.has('g-liv')).toBe(true);
    expect(visible.has('gh')).toBe(true);
    expect(visible.has('styregruppe')).toBe(true);
  });

  it('narrows actors by sector and targets by status, independently', () => {
    const visible = visibleNodeIds(
      graph,
      filters({ sectors: ['housing', 'residents'], statuses: ['active'] }),
    );
    expect(
      [...visible]
        .filter((id) => graph.nodes.find((n) => n.data.id === id)!.data.kind === 'actor')
        .sort(),
    ).toEqual(['akb', 'beboere']);
    expect(visible.has('renovering')).toBe(true);
    expect(visible.has('kvarterhus')).toBe(false); // planned
    expect(visible.has('p-strat')).toBe(true);
  });

  it('scopes to an area: targets located there, actors attached to them or active there', () => {
    const visible = visibleNodeIds(graph, filters({ areas: ['gh'] }));
    expect(visible.has('kvarterhus')).toBe(true);
    expect(visible.has('renovering')).toBe(false);
    expect(visible.has('kommune')).toBe(true); // owns kvarterhus
    expect(visible.has('fond')).toBe(true); // funds kvarterhus
    expect(visible.has('beboere')).toBe(true); // active in gh, and a stance on p-gh
    expect(visible.has('akb')).toBe(false); // only renovering, in tg
    expect(visible.has('skole')).toBe(false);
  });

  it('scopes to a plan including the plans and initiatives under it', () => {
    const visible = visibleNodeIds(graph, filters({ plans: ['p-strat'] }));
    expect(visible.has('p-strat')).toBe(true);
    expect(visible.has('p-gh')).toBe(true);
    expect(visible.has('kvarterhus')).toBe(true); // in p-gh, under p-strat
    expect(visible.has('renovering')).toBe(false); // in no plan
  });

  it('requires every scope to hold (area AND goal)', () => {
    expect(
      visibleNodeIds(graph, filters({ goals: ['g-liv'], areas: ['tg'] })).has('kvarterhus'),
    ).toBe(false);
    expect(
      visibleNodeIds(graph, filters({ goals: ['g-liv'], areas: ['gh'] })).has('kvarterhus'),
    ).toBe(true);
  });

  it('drops a forum whose members are all filtered away', () => {
    const on = { plans: true, goals: false, areas: false, forums: true };
    expect(
      visibleNodeIds(graph, filters({ show: on, sectors: ['municipal'] })).has('styregruppe'),
    ).toBe(true);
    expect(
      visibleNodeIds(graph, filters({ show: on, sectors: ['foundation'] })).has('styregruppe'),
    ).toBe(false);
  });
});

describe('toElements', () => {
  it('keeps only edges whose two ends are shown', () => {
    const elements = toElements(graph, options({ filters: filters({ sectors: ['municipal'] }) }));
    const edgeIds = ids(elements, 'edges');
    expect(edgeIds).toContain('c1'); // kommune → kvarterhus
    expect(edgeIds).not.toContain('c3'); // akb hidden
    expect(edgeIds).not.toContain('k1'); // kommune–akb, akb hidden
    expect(edgeIds).not.toContain('m1'); // forums hidden
    for (const edge of elements.filter((element) => element.group === 'edges')) {
      expect(byId(elements, edge.data.source as string)).toBeDefined();
      expect(byId(elements, edge.data.target as string)).toBeDefined();
    }
  });

  it('classes nodes by kind, sector and status, and edges by role, status, kind and position', () => {
    const elements = toElements(graph, options());
    expect(classesOf(byId(elements, 'akb'))).toEqual(
      expect.arrayContaining(['actor', 'sector-housing']),
    );
    expect(classesOf(byId(elements, 'kvarterhus'))).toEqual(
      expect.arrayContaining(['initiative', 'status-planned']),
    );
    expect(classesOf(byId(elements, 'p-gh'))).toEqual(
      expect.arrayContaining(['plan', 'status-active']),
    );
    expect(classesOf(byId(elements, 'c2'))).toEqual(
      expect.arrayContaining(['commitment', 'role-funder', 'cstatus-proposed']),
    );
    expect(classesOf(byId(elements, 'k2'))).toEqual(
      expect.arrayContaining(['collaboration', 'collab-tension']),
    );
    expect(classesOf(byId(elements, 's1'))).toEqual(
      expect.arrayContaining(['stance', 'position-sceptical']),
    );
    expect(classesOf(byId(elements, 'c4'))).toContain('invalid');
    expect(classesOf(byId(elements, 'depends_on:renovering:kvarterhus'))).toEqual(
      expect.arrayContaining(['link', 'depends_on']),
    );
  });

  it('marks gap subjects by their most severe gap, only with the overlay on', () => {
    const gaps = [
      gap('a', 'kvarterhus', 'medium'),
      gap('b', 'kvarterhus', 'high'),
      gap('c', 'renovering', 'low'),
    ];
    const off = toElements(graph, options({ gaps }));
    expect(classesOf(byId(off, 'kvarterhus'))).not.toContain('gap');
    const on = toElements(graph, options({ gaps, overlay: true }));
    expect(classesOf(byId(on, 'kvarterhus'))).toEqual(expect.arrayContaining(['gap', 'gap-high']));
    expect(classesOf(byId(on, 'kvarterhus'))).not.toContain('gap-medium');
    expect(classesOf(byId(on, 'renovering'))).toContain('gap-low');
    expect(classesOf(byId(on, 'akb'))).not.toContain('gap');
  });

  it('adds suggested alliances as dashed-class edges once, only between shown actors and with the overlay', () => {
    const suggestions = [
      suggestion('kommune', 'beboere'),
      suggestion('beboere', 'kommune'),
      suggestion('kommune', 'fond'),
    ];
    expect(
      toElements(graph, options({ suggestions })).some((element) =>
        classesOf(element).includes('suggested'),
      ),
    ).toBe(false);
    const on = toElements(
      graph,
      options({
        suggestions,
        overlay: true,
        filters: filters({ sectors: ['municipal', 'residents'] }),
      }),
    );
    const suggested = on.filter((element) => classesOf(element).includes('suggested'));
    expect(suggested.map((element) => element.data.id)).toEqual([
      suggestionEdgeId('kommune', 'beboere'),
    ]);
    const hidden = toElements(
      graph,
      options({ suggestions, overlay: true, showSuggestions: false }),
    );
    expect(hidden.some((element) => classesOf(element).includes('suggested'))).toBe(false);
  });

  it('puts each node at its place in the layout, and leaves the others to be placed', () => {
    const elements = toElements(
      graph,
      options({ positions: { akb: { x: 120, y: -40, pinned: true }, skole: { x: 5, y: 6 } } }),
    );
    expect(byId(elements, 'akb')!.position).toEqual({ x: 120, y: -40 });
    expect(byId(elements, 'skole')!.position).toEqual({ x: 5, y: 6 });
    expect(byId(elements, 'kommune')!.position).toBeUndefined();
  });

  it('ranks labels by importance and marks the most important as major', () => {
    const elements = toElements(graph, options());
    const rank = (id: string) => byId(elements, id)!.data.rank as number;
    // Plans first, then actors by influence (the municipality has 5, the school 1).
    expect(rank('kommune')).toBeLessThan(rank('skole'));
    expect(classesOf(byId(elements, 'kommune'))).toContain('major');
  });

  it('sizes actors by influence, or by betweenness relative to the largest shown', () => {
    const elements = toElements(graph, options());
    const size = (id: string) => byId(elements, id)!.data.size as number;
    expect(size('kommune')).toBe(MAX_ACTOR_SIZE); // influence 5
    expect(size('skole')).toBe(MIN_ACTOR_SIZE); // influence 1
    expect(size('fond')).toBe(MIN_ACTOR_SIZE); // not recorded
    expect(size('akb')).toBeGreaterThan(size('beboere'));

    const byBrokerage = toElements(
      graph,
      options({ sizeBy: 'betweenness', betweenness: { kommune: 2, akb: 8 } }),
    );
    expect(byId(byBrokerage, 'akb')!.data.size).toBe(MAX_ACTOR_SIZE);
    expect(byId(byBrokerage, 'kommune')!.data.size).toBeGreaterThan(MIN_ACTOR_SIZE);
    expect(byId(byBrokerage, 'kommune')!.data.size).toBeLessThan(MAX_ACTOR_SIZE);
    expect(byId(byBrokerage, 'skole')!.data.size).toBe(MIN_ACTOR_SIZE);
    expect(actorSize(graph.nodes[0]!.data, 'betweenness', {}, 0)).toBe(MIN_ACTOR_SIZE);
  });
});

describe('stylesheet', () => {
  const render = (elements: ElementDefinition[]) =>
    cytoscape({ headless: true, styleEnabled: true, elements, style: buildStylesheet() });

  it('styles every sector and status, and never a single element', () => {
    const selectors = buildStylesheet().map((rule) => rule.selector);
    for (const sector of SECTORS) expect(selectors).toContain(`node.sector-${sector}`);
    for (const status of STATUSES) expect(selectors).toContain(`node.status-${status}`);
    expect(selectors.some((selector) => selector.includes('#'))).toBe(false);
  });

  it('draws a tension and a suggested alliance differently in colour, dash, width and ends', () => {
    const cy = render(
      toElements(
        graph,
        options({ overlay: true, suggestions: [suggestion('kommune', 'beboere')] }),
      ),
    );
    const tension = cy.getElementById('k2');
    const suggested = cy.getElementById(suggestionEdgeId('kommune', 'beboere'));
    expect(tension.nonempty() && suggested.nonempty()).toBe(true);
    expect(tension.style('line-style')).toBe('solid');
    expect(suggested.style('line-style')).toBe('dashed');
    expect(tension.style('line-color')).not.toBe(suggested.style('line-color'));
    expect(tension.style('target-arrow-shape')).toBe('tee');
    expect(suggested.style('target-arrow-shape')).toBe('circle');
    expect(parseFloat(tension.style('width'))).not.toBe(parseFloat(suggested.style('width')));
    cy.destroy();
  });

  it('gives gap subjects a halo that grows with severity', () => {
    const gaps = [gap('a', 'kvarterhus', 'high'), gap('b', 'renovering', 'low')];
    const cy = render(toElements(graph, options({ overlay: true, gaps })));
    const high = parseFloat(cy.getElementById('kvarterhus').style('underlay-padding'));
    const low = parseFloat(cy.getElementById('renovering').style('underlay-padding'));
    expect(high).toBeGreaterThan(low);
    expect(parseFloat(cy.getElementById('kvarterhus').style('underlay-opacity'))).toBeGreaterThan(
      0,
    );
    expect(parseFloat(cy.getElementById('akb').style('underlay-opacity'))).toBe(0);
    cy.destroy();
  });
});
