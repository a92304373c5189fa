import { describe, expect, it } from 'vitest';
import { viewStateFromParams, viewStateToParams } from '../../graph-schema/view-state.ts';
import { formatRoute, parseRoute } from '../../web/src/lib/state/router.svelte.ts';
import { ActorSelection } from '../../web/src/lib/state/selection.svelte.ts';

const A = '01J0000000000000000000000A';
const B = '01J0000000000000000000000B';
const C = '01J0000000000000000000000C';

describe('view state in the URL', () => {
  it('round-trips every part through URL parameters', () => {
    const state = {
      sectors: ['housing', 'municipal'] as ('housing' | 'municipal')[],
      statuses: ['active'] as 'active'[],
      areas: [A],
      show: ['plans', 'forums'] as ('plans' | 'forums')[],
      sizeBy: 'betweenness' as const,
      gaps: true,
      asOf: '2019-06-01',
      focus: [B],
      depth: 2 as const,
      picked: [A, C],
      select: B,
    };
    const params = viewStateToParams(state);
    expect(viewStateFromParams(new URLSearchParams(params.toString()))).toEqual(state);
  });

  it('leaves out what it does not understand, so an old or edited link still opens', () => {
    const params = new URLSearchParams(
      'sector=housing,nonsense&asOf=2019-02-30&pick=not an id,' + A + '&depth=7&size=x&gaps=yes',
    );
    expect(viewStateFromParams(params)).toEqual({ sectors: ['housing'], picked: [A] });
  });

  it('keeps an explicit empty list of kinds shown, which differs from the default', () => {
    expect(viewStateFromParams(new URLSearchParams('show='))).toEqual({ show: [] });
    expect(viewStateToParams({ show: [] }).toString()).toBe('show=');
    expect(viewStateToParams({}).toString()).toBe('');
  });

  it('puts the state in a map route and reads it back from the hash', () => {
    const route = {
      name: 'map' as const,
      mapId: 'm-1',
      view: 'map' as const,
      select: A,
      state: { sectors: ['residents' as const], picked: [B, C], asOf: '2026-06-01' },
    };
    const hash = formatRoute(route);
    expect(hash).toBe(`#/maps/m-1?select=${A}&sector=residents&pick=${B},${C}&asOf=2026-06-01`);
    expect(parseRoute(hash)).toEqual(route);
    expect(parseRoute('#/maps/m-1/backing')).toEqual({
      name: 'map',
      mapId: 'm-1',
      view: 'backing',
    });
  });
});

describe('the actor selection', () => {
  it('adds without repeats, in the order picked, and removes, toggles and clears', () => {
    const selection = new ActorSelection();
    selection.add(A, B, A);
    selection.add(B, C);
    expect(selection.ids).toEqual([A, B, C]);
    expect(selection.size).toBe(3);
    selection.remove(B);
    expect(selection.has(B)).toBe(false);
    selection.toggle(B);
    selection.toggle(A);
    expect(selection.ids).toEqual([C, B]);
    selection.clear();
    expect(selection.ids).toEqual([]);
  });

  it('replaces its list only when it changes, so that nothing reacts to a no-op', () => {
    const selection = new ActorSelection();
    selection.set([A, B, A]);
    const before = selection.ids;
    expect(before).toEqual([A, B]);
    selection.set([A, B]);
    expect(selection.ids).toBe(before);
    selection.add(A);
    selection.remove(C);
    expect(selection.ids).toBe(before);
  });

  it('asks for a focus on the picked parties, and not when there are none', () => {
    const asked: (readonly string[])[] = [];
    const selection = new ActorSelection((ids) => asked.push(ids));
    selection.focus();
    selection.add(A, B);
    selection.focus();
    expect(asked).toEqual([[A, B]]);
  });
});
