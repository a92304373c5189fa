import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, call, createMap, type TestContext } from '../helpers/app.ts';
import {
  buildActor,
  buildCollaboration,
  buildForum,
  buildMembership,
} from '../helpers/factories.ts';
import { addDays, AS_OF } from './helpers.ts';

/** `GET /metrics` over the coordination network at asOf. */

let ctx: TestContext;
let mapId: string;
const a: Record<string, { id: string }> = {};

beforeAll(async () => {
  ctx = await buildTestApp();
  mapId = await createMap(ctx.app);
  for (const name of 'ABCDEFGHIJK') a[name] = await buildActor(ctx.app, mapId, { name });
  // A–B–C by collaboration; C, D and E share a forum; G–H only in tension; J is part of I;
  // K joins A only from tomorrow.
  await buildCollaboration(ctx.app, mapId, { actorAId: a.A!.id, actorBId: a.B!.id });
  await buildCollaboration(ctx.app, mapId, {
    actorAId: a.B!.id,
    actorBId: a.C!.id,
    kind: 'informal',
  });
  const forum = await buildForum(ctx.app, mapId);
  for (const name of 'CDE')
    await buildMembership(ctx.app, mapId, { actorId: a[name]!.id, forumId: forum.id });
  await buildCollaboration(ctx.app, mapId, {
    actorAId: a.G!.id,
    actorBId: a.H!.id,
    kind: 'tension',
  });
  const patched = await call(ctx.app, 'PATCH', `/maps/${mapId}/actors/${a.J!.id}`, {
    parentId: a.I!.id,
  });
  expect(patched.status).toBe(200);
  await buildCollaboration(ctx.app, mapId, {
    actorAId: a.K!.id,
    actorBId: a.A!.id,
    from: addDays(AS_OF, 1),
  });
});
afterAll(() => ctx.close());

async function metrics(asOf = AS_OF) {
  const response = await call(ctx.app, 'GET', `/maps/${mapId}/metrics?asOf=${asOf}`);
  expect(response.status).toBe(200);
  return response.body;
}

describe('GET /metrics', () => {
  it('gives degree, betweenness and cut vertices per actor', async () => {
    const body = await metrics();
    const of = (name: string) =>
      body.actors.find((actor: { id: string }) => actor.id === a[name]!.id);
    expect('ABCDEFGHIJK'.split('').map((name) => of(name).degree)).toEqual([
      1, 2, 3, 2, 2, 0, 0, 0, 0, 0, 0,
    ]);
    // 11 actors: (n-1)(n-2)/2 = 45 pairs. B carries A's paths to C, D, E; C carries A's and B's to D, E.
    expect(of('B').betweenness).toBeCloseTo(3 / 45, 6);
    expect(of('C').betweenness).toBeCloseTo(4 / 45, 6);
    expect(of('D').betweenness).toBe(0);
    const cuts = body.actors.filter(
      (actor: { articulationPoint: boolean }) => actor.articulationPoint,
    );
    expect(cuts.map((actor: { name: string }) => actor.name)).toEqual(['B', 'C']);
    expect(of('A').component).toBe(of('E').component);
    expect(of('G').component).not.toBe(of('H').component);
  });

  it('gives density, components and communities per map', async () => {
    const { network } = await metrics();
    expect(network).toMatchObject({
      actors: 11,
      links: 5,
      components: 7,
      largestComponent: 5,
      isolated: 6,
      articulationPoints: 2,
      betweenness: { exact: true, sources: 11 },
    });
    expect(network.density).toBeCloseTo(5 / 55, 6);
    expect(network.communities).toBeGreaterThanOrEqual(1);
  });

  it('puts linked actors in communities, isolated ones in none, the same way every time', async () => {
    const first = await metrics();
    const second = await metrics();
    expect(second).toEqual(first);
    const community = (name: string) =>
      first.actors.find((actor: { id: string }) => actor.id === a[name]!.id).community;
    for (const name of 'FGHIJK') expect(community(name)).toBeNull();
    for (const name of 'ABCDE') expect(community(name)).not.toBeNull();
    expect(community('D')).toBe(community('E'));
    const numbers = new Set('ABCDE'.split('').map(community));
    expect(first.network.communities).toBe(numbers.size);
  });

  it('follows asOf: tomorrow K is linked and A becomes a cut vertex', async () => {
    const body = await metrics(addDays(AS_OF, 1));
    const of = (name: string) =>
      body.actors.find((actor: { id: string }) => actor.id === a[name]!.id);
    expect(of('K').degree).toBe(1);
    expect(of('A').articulationPoint).toBe(true);
    expect(body.network.links).toBe(6);
  });

  it('answers 400 for a malformed date and for language, which metrics do not take', async () => {
    for (const query of ['asOf=tomorrow', 'lang=da']) {
      expect((await call(ctx.app, 'GET', `/maps/${mapId}/metrics?${query}`)).status).toBe(400);
    }
  });
});
