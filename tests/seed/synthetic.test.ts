import { describe, expect, it } from 'vitest';
import { countRelationships, generateSyntheticBundle } from '../../seed/synthetic.ts';

describe('synthetic maps', () => {
  it('are deterministic for a given seed and map id', () => {
    const a = generateSyntheticBundle({ actors: 500, seed: 42, mapId: 'map-a' });
    const b = generateSyntheticBundle({ actors: 500, seed: 42, mapId: 'map-a' });
    expect(b).toEqual(a);
  });

  it('differ for another seed, and another map id gives disjoint ids', () => {
    const a = generateSyntheticBundle({ actors: 500, seed: 42, mapId: 'map-a' });
    const otherSeed = generateSyntheticBundle({ actors: 500, seed: 43, mapId: 'map-a' });
    expect(otherSeed.collaborations).not.toEqual(a.collaborations);
    const otherMap = generateSyntheticBundle({ actors: 500, seed: 42, mapId: 'map-b' });
    const ids = new Set(a.actors.map((x) => x.id));
    expect(otherMap.actors.some((x) => ids.has(x.id))).toBe(false);
  });

  it('keep realistic proportions', () => {
    const bundle = generateSyntheticBundle({ actors: 2000, seed: 1, mapId: 'm' });
    expect(bundle.initiatives.length).toBe(400);
    const perActor = countRelationships(bundle) / bundle.actors.length;
    expect(perActor).toBeGreaterThan(5);
    expect(perActor).toBeLessThan(7);
  });

  it('never repeats a fact or links outside the bundle', () => {
    const bundle = generateSyntheticBundle({ actors: 1000, seed: 9, mapId: 'm' });
    const ids = new Set(
      [...bundle.actors, ...bundle.initiatives, ...bundle.plans, ...bundle.forums].map((x) => x.id),
    );
    for (const c of bundle.commitments)
      expect(ids.has(c.actorId) && ids.has(c.initiativeId!)).toBe(true);
    const keys = bundle.collaborations.map(
      (c) => `${[c.actorAId, c.actorBId].sort().join('|')}|${c.kind}`,
    );
    expect(new Set(keys).size).toBe(keys.length);
    const stanceKeys = bundle.stances.map((s) => `${s.actorId}|${s.initiativeId ?? s.planId}`);
    expect(new Set(stanceKeys).size).toBe(stanceKeys.length);
  });

  it('refuse a size that is not a whole number of at least 10', () => {
    expect(() => generateSyntheticBundle({ actors: 5, seed: 1 })).toThrow(/at least 10/);
  });
});
