import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AllianceSuggestion } from '../../graph-schema/index.ts';
import { buildTestApp, call, createMap, type TestContext } from '../helpers/app.ts';
import {
  buildActor,
  buildArea,
  buildCollaboration,
  buildCommitment,
  buildForum,
  buildInitiative,
  buildMembership,
} from '../helpers/factories.ts';
import { addDays, AS_OF, getGaps, theGap } from './helpers.ts';

/** `GET /alliances`: candidates only from what pairs share, scored, explained and ordered. */

let ctx: TestContext;
beforeAll(async () => {
  ctx = await buildTestApp();
});
afterAll(() => ctx.close());

type Suggestion = AllianceSuggestion;

async function suggestions(mapId: string, query = ''): Promise<Suggestion[]> {
  const response = await call(ctx.app, 'GET', `/maps/${mapId}/alliances?asOf=${AS_OF}${query}`);
  if (response.status !== 200) throw new Error(JSON.stringify(response.body));
  return response.body.suggestions;
}

const pairOf = (s: Suggestion) => [s.actorA.id, s.actorB.id].sort().join('|');
const pair = (a: { id: string }, b: { id: string }) => [a.id, b.id].sort().join('|');
const actor = (mapId: string, fields: Record<string, unknown> = {}) =>
  buildActor(ctx.app, mapId, fields);

describe('GET /alliances', () => {
  it('suggests partners of one initiative who do not work together, closing that gap', async () => {
    const mapId = await createMap(ctx.app);
    const work = await buildInitiative(ctx.app, mapId, { title: 'Kvarterhus' });
    const [owner, funder] = [
      await actor(mapId, { name: 'Kommunen' }),
      await actor(mapId, { name: 'Fonden' }),
    ];
    await buildCommitment(ctx.app, mapId, {
      actorId: owner.id,
      initiativeId: work.id,
      role: 'owner',
    });
    await buildCommitment(ctx.app, mapId, {
      actorId: funder.id,
      initiativeId: work.id,
      role: 'funder',
      amount: 10,
    });
    const [only] = await suggestions(mapId, '&lang=en');
    expect(pairOf(only!)).toBe(pair(owner, funder));
    // actorA is the one whose name sorts first.
    expect(only!.actorA.name).toBe('Fonden');
    const shared = only!.reasons.find((r) => r.kind === 'shared_initiative')!;
    expect(shared.text).toContain('Kvarterhus');
    expect(shared.related.map((r) => r.id)).toEqual([work.id]);
    const gaps = await getGaps(ctx.app, mapId);
    expect(only!.closes).toContain(theGap(gaps, 'uncoordinated_partners', work.id).id);
    expect(only!.closes).toContain(theGap(gaps, 'isolated_actor', owner.id).id);
  });

  it('leaves out coordinated pairs, pairs that share nothing, and endorser-only links', async () => {
    const mapId = await createMap(ctx.app);
    const work = await buildInitiative(ctx.app, mapId);
    const [a, b, c, d, endorser, stranger] = await Promise.all(
      Array.from({ length: 6 }, () => actor(mapId)),
    );
    for (const x of [a!, b!, c!, d!]) {
      await buildCommitment(ctx.app, mapId, {
        actorId: x.id,
        initiativeId: work.id,
        role: 'contributor',
      });
    }
    await buildCommitment(ctx.app, mapId, {
      actorId: endorser!.id,
      initiativeId: work.id,
      role: 'endorser',
    });
    await buildCollaboration(ctx.app, mapId, { actorAId: a!.id, actorBId: b!.id });
    const forum = await buildForum(ctx.app, mapId);
    await buildMembership(ctx.app, mapId, { actorId: c!.id, forumId: forum.id });
    await buildMembership(ctx.app, mapId, { actorId: d!.id, forumId: forum.id });
    const pairs = new Set((await suggestions(mapId, '&limit=100')).map(pairOf));
    expect(pairs.has(pair(a!, b!))).toBe(false);
    expect(pairs.has(pair(c!, d!))).toBe(false);
    expect(pairs.has(pair(a!, c!))).toBe(true);
    for (const x of [a!, b!, c!, d!, endorser!]) {
      expect(pairs.has(pair(x, stranger!))).toBe(false);
      if (x !== endorser) expect(pairs.has(pair(x, endorser!))).toBe(false);
    }
  });

  it('explains a dependency between their initiatives and closes the dependency gap', async () => {
    const mapId = await createMap(ctx.app);
    const needed = await buildInitiative(ctx.app, mapId, { title: 'Nedrivning' });
    const dependent = await buildInitiative(ctx.app, mapId, {
      title: 'Nybyggeri',
      dependsOn: [needed.id],
    });
    const [x, y] = [await actor(mapId), await actor(mapId)];
    await buildCommitment(ctx.app, mapId, { actorId: x.id, initiativeId: dependent.id });
    await buildCommitment(ctx.app, mapId, { actorId: y.id, initiativeId: needed.id });
    const [top] = await suggestions(mapId);
    expect(pairOf(top!)).toBe(pair(x, y));
    const reason = top!.reasons.find((r) => r.kind === 'dependency')!;
    expect(reason.text).toContain('Nybyggeri');
    expect(reason.text).toContain('Nedrivning');
    const gaps = await getGaps(ctx.app, mapId);
    expect(top!.closes).toContain(theGap(gaps, 'dependency_without_alliance', dependent.id).id);
  });

  it('still suggests a pair in tension, but lower than the same pair without it', async () => {
    const mapId = await createMap(ctx.app);
    const scores: number[] = [];
    for (const tension of [false, true]) {
      const work = await buildInitiative(ctx.app, mapId);
      const [a, b] = [await actor(mapId), await actor(mapId)];
      await buildCommitment(ctx.app, mapId, {
        actorId: a.id,
        initiativeId: work.id,
        role: 'contributor',
      });
      await buildCommitment(ctx.app, mapId, {
        actorId: b.id,
        initiativeId: work.id,
        role: 'contributor',
      });
      if (tension)
        await buildCollaboration(ctx.app, mapId, {
          actorAId: a.id,
          actorBId: b.id,
          kind: 'tension',
        });
      const found = (await suggestions(mapId)).find((s) => pairOf(s) === pair(a, b))!;
      expect(found.reasons.some((r) => r.kind === 'tension')).toBe(tension);
      scores.push(found.score);
    }
    expect(scores[1]).toBeLessThan(scores[0]!);
  });

  it('rewards joining two separate groups', async () => {
    const mapId = await createMap(ctx.app);
    const area = await buildArea(ctx.app, mapId);
    const [a, b, c, d] = await Promise.all(
      [0, 1, 2, 3].map(() => actor(mapId, { areaIds: [area.id] })),
    );
    await buildCollaboration(ctx.app, mapId, { actorAId: a!.id, actorBId: b!.id });
    await buildCollaboration(ctx.app, mapId, { actorAId: c!.id, actorBId: d!.id });
    const found = await suggestions(mapId);
    expect(found.map(pairOf).sort()).toEqual(
      [pair(a!, c!), pair(a!, d!), pair(b!, c!), pair(b!, d!)].sort(),
    );
    for (const s of found) {
      expect(s.reasons.map((r) => r.kind).sort()).toEqual(['bridges_components', 'shared_area']);
    }
  });

  it('orders by score, then names, the same way every time', async () => {
    const mapId = await createMap(ctx.app);
    const big = await buildInitiative(ctx.app, mapId);
    const names = ['Delta', 'alfa', 'Charlie', 'Bravo', 'Ærø'];
    const made = [];
    for (const name of names) {
      const x = await actor(mapId, { name });
      made.push(x);
      await buildCommitment(ctx.app, mapId, {
        actorId: x.id,
        initiativeId: big.id,
        role: 'contributor',
      });
    }
    // Alfa and Bravo also share a second initiative, so their pair scores highest.
    const second = await buildInitiative(ctx.app, mapId);
    for (const x of [made[1]!, made[3]!]) {
      await buildCommitment(ctx.app, mapId, {
        actorId: x.id,
        initiativeId: second.id,
        role: 'contributor',
      });
    }
    const first = await suggestions(mapId, '&limit=50');
    expect(first).toEqual(await suggestions(mapId, '&limit=50'));
    expect(pairOf(first[0]!)).toBe(pair(made[1]!, made[3]!));
    for (let i = 1; i < first.length; i++) {
      const [prev, next] = [first[i - 1]!, first[i]!];
      expect(prev.score).toBeGreaterThanOrEqual(next.score);
    }
    // The other nine pairs score the same and follow the names, case-blind, Æ after Z.
    expect(first.slice(1).map((s) => `${s.actorA.name}/${s.actorB.name}`)).toEqual([
      'alfa/Charlie',
      'alfa/Delta',
      'alfa/Ærø',
      'Bravo/Charlie',
      'Bravo/Delta',
      'Bravo/Ærø',
      'Charlie/Delta',
      'Charlie/Ærø',
      'Delta/Ærø',
    ]);
    expect(new Set(first.slice(1).map((s) => s.score)).size).toBe(1);
    expect(await suggestions(mapId, '&limit=2')).toEqual(first.slice(0, 2));
  });

  it('keeps at most 50 suggestions per actor', async () => {
    const mapId = await createMap(ctx.app);
    const work = await buildInitiative(ctx.app, mapId);
    const hub = await actor(mapId, { name: 'Hub' });
    await buildCommitment(ctx.app, mapId, {
      actorId: hub.id,
      initiativeId: work.id,
      role: 'owner',
    });
    for (let i = 0; i < 55; i++) {
      const x = await actor(mapId, { name: `Partner ${String(i).padStart(2, '0')}` });
      await buildCommitment(ctx.app, mapId, {
        actorId: x.id,
        initiativeId: work.id,
        role: 'contributor',
      });
    }
    const all = await suggestions(mapId, '&limit=500');
    const perActor = new Map<string, number>();
    for (const s of all)
      for (const id of [s.actorA.id, s.actorB.id]) perActor.set(id, (perActor.get(id) ?? 0) + 1);
    expect(perActor.get(hub.id)).toBe(50);
    expect(Math.max(...perActor.values())).toBe(50);
  });

  it('follows asOf: a collaboration that starts later does not coordinate yet', async () => {
    const mapId = await createMap(ctx.app);
    const work = await buildInitiative(ctx.app, mapId);
    const [a, b] = [await actor(mapId), await actor(mapId)];
    await buildCommitment(ctx.app, mapId, {
      actorId: a.id,
      initiativeId: work.id,
      role: 'contributor',
    });
    await buildCommitment(ctx.app, mapId, {
      actorId: b.id,
      initiativeId: work.id,
      role: 'contributor',
    });
    await buildCollaboration(ctx.app, mapId, {
      actorAId: a.id,
      actorBId: b.id,
      from: addDays(AS_OF, 1),
    });
    expect((await suggestions(mapId)).map(pairOf)).toEqual([pair(a, b)]);
    const later = await call(ctx.app, 'GET', `/maps/${mapId}/alliances?asOf=${addDays(AS_OF, 1)}`);
    expect(later.body.suggestions).toEqual([]);
  });

  it('gives reasons in both languages', async () => {
    const mapId = await createMap(ctx.app);
    const work = await buildInitiative(ctx.app, mapId, { title: 'Campus' });
    const [a, b] = [await actor(mapId), await actor(mapId)];
    await buildCommitment(ctx.app, mapId, {
      actorId: a.id,
      initiativeId: work.id,
      role: 'contributor',
    });
    await buildCommitment(ctx.app, mapId, { actorId: b.id, initiativeId: work.id, role: 'funder' });
    const [da] = await suggestions(mapId);
    const [en] = await suggestions(mapId, '&lang=en');
    expect(da!.reasons.find((r) => r.kind === 'shared_initiative')!.text).toMatch(
      /^Begge leverer til »Campus«/,
    );
    expect(en!.reasons.find((r) => r.kind === 'shared_initiative')!.text).toMatch(
      /^Both deliver to “Campus”/,
    );
  });

  it.each(['limit=0', 'limit=abc', 'asOf=2026-1-1', 'kind=isolated_actor'])(
    'answers 400 for %s',
    async (query) => {
      const response = await call(
        ctx.app,
        'GET',
        `/maps/${await createMap(ctx.app)}/alliances?${query}`,
      );
      expect(response.status).toBe(400);
      expect(response.body.error).toBe('validation_failed');
    },
  );
});
