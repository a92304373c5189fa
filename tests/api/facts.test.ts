import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, call, createMap, type TestContext } from '../helpers/app.ts';
import {
  buildActor,
  buildCollaboration,
  buildCommitment,
  buildForum,
  buildInitiative,
  buildPlan,
  buildStance,
} from '../helpers/factories.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await buildTestApp();
});
afterAll(() => ctx.close());

async function world() {
  const mapId = await createMap(ctx.app);
  const kommune = await buildActor(ctx.app, mapId, { name: 'Høje-Taastrup Kommune' });
  const akb = await buildActor(ctx.app, mapId, { name: 'AKB', sector: 'housing' });
  const initiative = await buildInitiative(ctx.app, mapId, {
    title: 'Kvarterhus',
    budget: 15_000_000,
  });
  const plan = await buildPlan(ctx.app, mapId);
  const forum = await buildForum(ctx.app, mapId);
  return { mapId, kommune, akb, initiative, plan, forum };
}

const source = { kind: 'public', url: 'https://gadehavegaard.dk/udviklingsplanen/' };

describe.each([
  {
    collection: 'commitments',
    body: (w: Awaited<ReturnType<typeof world>>) => ({
      actorId: w.kommune.id,
      initiativeId: w.initiative.id,
      role: 'funder',
      status: 'agreed',
      amount: 5_000_000,
      fundingType: 'grant',
      from: '2024-01-01',
      source,
      verifiedAt: '2026-06-01',
    }),
    patch: { status: 'formalised' },
    filter: (w: Awaited<ReturnType<typeof world>>) => `initiativeId=${w.initiative.id}&role=funder`,
  },
  {
    collection: 'collaborations',
    body: (w: Awaited<ReturnType<typeof world>>) => ({
      actorAId: w.kommune.id,
      actorBId: w.akb.id,
      kind: 'formal_agreement',
      strength: 3,
      source,
    }),
    patch: { strength: 2, note: 'Fælles udviklingsplan' },
    filter: (w: Awaited<ReturnType<typeof world>>) => `actorId=${w.akb.id}`,
  },
  {
    collection: 'memberships',
    body: (w: Awaited<ReturnType<typeof world>>) => ({
      actorId: w.akb.id,
      forumId: w.forum.id,
      role: 'chair',
    }),
    patch: { role: 'member' },
    filter: (w: Awaited<ReturnType<typeof world>>) => `forumId=${w.forum.id}`,
  },
  {
    collection: 'stances',
    body: (w: Awaited<ReturnType<typeof world>>) => ({
      actorId: w.akb.id,
      planId: w.plan.id,
      position: 'champion',
    }),
    patch: { position: 'sceptical' },
    filter: (w: Awaited<ReturnType<typeof world>>) => `planId=${w.plan.id}`,
  },
])('$collection', ({ collection, body, patch, filter }) => {
  it('creates, reads, lists, updates and deletes', async () => {
    const w = await world();
    const created = await call(ctx.app, 'POST', `/maps/${w.mapId}/${collection}`, body(w));
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ ...body(w), mapId: w.mapId, version: 1 });
    const read = await call(ctx.app, 'GET', `/maps/${w.mapId}/${collection}/${created.body.id}`);
    expect(read.body).toEqual(created.body);
    const list = await call(ctx.app, 'GET', `/maps/${w.mapId}/${collection}?${filter(w)}`);
    expect(list.body.items.map((item: { id: string }) => item.id)).toEqual([created.body.id]);
    const updated = await call(
      ctx.app,
      'PATCH',
      `/maps/${w.mapId}/${collection}/${created.body.id}`,
      patch,
      {
        'if-match': '1',
      },
    );
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ ...patch, version: 2 });
    expect(
      (await call(ctx.app, 'DELETE', `/maps/${w.mapId}/${collection}/${created.body.id}`)).status,
    ).toBe(204);
    expect(
      (await call(ctx.app, 'GET', `/maps/${w.mapId}/${collection}/${created.body.id}`)).status,
    ).toBe(404);
  });

  it('refuses a duplicate with 409 and keeps the first', async () => {
    const w = await world();
    const first = await call(ctx.app, 'POST', `/maps/${w.mapId}/${collection}`, body(w));
    expect(first.status).toBe(201);
    const second = await call(ctx.app, 'POST', `/maps/${w.mapId}/${collection}`, body(w));
    expect(second.status).toBe(409);
    expect(second.body).toMatchObject({
      error: 'duplicate',
      details: [{ existingId: first.body.id }],
    });
    expect((await call(ctx.app, 'GET', `/maps/${w.mapId}/${collection}`)).body.items).toHaveLength(
      1,
    );
  });

  it('refuses a PATCH that changes an end with 400', async () => {
    const w = await world();
    const created = await call(ctx.app, 'POST', `/maps/${w.mapId}/${collection}`, body(w));
    const other = await buildActor(ctx.app, w.mapId);
    const endField = collection === 'collaborations' ? 'actorAId' : 'actorId';
    const moved = await call(
      ctx.app,
      'PATCH',
      `/maps/${w.mapId}/${collection}/${created.body.id}`,
      {
        [endField]: other.id,
      },
    );
    expect(moved.status).toBe(400);
    expect(moved.body).toMatchObject({
      error: 'immutable_ends',
      details: [{ path: `/${endField}` }],
    });
    const same = await call(ctx.app, 'PATCH', `/maps/${w.mapId}/${collection}/${created.body.id}`, {
      [endField]: created.body[endField],
      note: 'same ends are fine',
    });
    expect(same.status).toBe(200);
    expect(
      (await call(ctx.app, 'GET', `/maps/${w.mapId}/${collection}/${created.body.id}`)).body[
        endField
      ],
    ).toBe(created.body[endField]);
  });

  it('refuses ends in another map', async () => {
    const w = await world();
    const foreign = await world();
    const crossed = { ...body(w), actorId: foreign.akb.id, actorAId: foreign.kommune.id };
    const key = collection === 'collaborations' ? 'actorAId' : 'actorId';
    const response = await call(ctx.app, 'POST', `/maps/${w.mapId}/${collection}`, {
      ...body(w),
      [key]: crossed[key],
    });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({
      error: 'unknown_reference',
      details: [{ path: `/${key}` }],
    });
    expect((await call(ctx.app, 'GET', `/maps/${foreign.mapId}/${collection}`)).body.items).toEqual(
      [],
    );
  });
});

describe('fact rules', () => {
  it('treats non-overlapping periods and other roles as distinct facts', async () => {
    const w = await world();
    const base = {
      actorId: w.kommune.id,
      initiativeId: w.initiative.id,
      role: 'owner',
      status: 'agreed',
    };
    await buildCommitment(ctx.app, w.mapId, { ...base, from: '2020-01-01', to: '2022-12-31' });
    const later = await call(ctx.app, 'POST', `/maps/${w.mapId}/commitments`, {
      ...base,
      from: '2023-01-01',
    });
    expect(later.status).toBe(201);
    const overlapping = await call(ctx.app, 'POST', `/maps/${w.mapId}/commitments`, {
      ...base,
      from: '2022-06-01',
    });
    expect(overlapping.status).toBe(409);
    const otherRole = await call(ctx.app, 'POST', `/maps/${w.mapId}/commitments`, {
      ...base,
      role: 'funder',
    });
    expect(otherRole.status).toBe(201);
  });

  it('treats collaborations as unordered pairs', async () => {
    const w = await world();
    await buildCollaboration(ctx.app, w.mapId, { actorAId: w.kommune.id, actorBId: w.akb.id });
    const reversed = await call(ctx.app, 'POST', `/maps/${w.mapId}/collaborations`, {
      actorAId: w.akb.id,
      actorBId: w.kommune.id,
      kind: 'partnership',
    });
    expect(reversed.status).toBe(409);
    const tension = await call(ctx.app, 'POST', `/maps/${w.mapId}/collaborations`, {
      actorAId: w.akb.id,
      actorBId: w.kommune.id,
      kind: 'tension',
    });
    expect(tension.status).toBe(201);
    const self = await call(ctx.app, 'POST', `/maps/${w.mapId}/collaborations`, {
      actorAId: w.akb.id,
      actorBId: w.akb.id,
      kind: 'informal',
    });
    expect(self.status).toBe(400);
  });

  it('needs exactly one target for commitments and stances', async () => {
    const w = await world();
    const both = await call(ctx.app, 'POST', `/maps/${w.mapId}/stances`, {
      actorId: w.akb.id,
      initiativeId: w.initiative.id,
      planId: w.plan.id,
      position: 'supports',
    });
    expect(both.status).toBe(400);
    const none = await call(ctx.app, 'POST', `/maps/${w.mapId}/commitments`, {
      actorId: w.akb.id,
      role: 'owner',
      status: 'agreed',
    });
    expect(none.status).toBe(400);
    const wrongKind = await call(ctx.app, 'POST', `/maps/${w.mapId}/commitments`, {
      actorId: w.akb.id,
      initiativeId: w.plan.id,
      role: 'owner',
      status: 'agreed',
    });
    expect(wrongKind.status).toBe(400);
    expect((await call(ctx.app, 'GET', `/maps/${w.mapId}/commitments`)).body.items).toEqual([]);
  });

  it('sets the end date when a commitment is withdrawn, so a replay of earlier dates still sees it', async () => {
    const w = await world();
    const commitment = await buildCommitment(ctx.app, w.mapId, {
      actorId: w.akb.id,
      initiativeId: w.initiative.id,
      from: '2021-01-01',
    });
    const withdrawn = await call(
      ctx.app,
      'PATCH',
      `/maps/${w.mapId}/commitments/${commitment.id}`,
      {
        status: 'withdrawn',
      },
    );
    expect(withdrawn.body).toMatchObject({
      status: 'withdrawn',
      to: new Date().toISOString().slice(0, 10),
    });
    const replay = await call(ctx.app, 'GET', `/maps/${w.mapId}/graph?asOf=2022-01-01`);
    expect(replay.body.edges.map((edge: { data: { id: string } }) => edge.data.id)).toContain(
      commitment.id,
    );
    const before = await call(ctx.app, 'GET', `/maps/${w.mapId}/graph?asOf=2020-01-01`);
    expect(before.body.edges.map((edge: { data: { id: string } }) => edge.data.id)).not.toContain(
      commitment.id,
    );
  });

  it('lists commitments and stances by either end', async () => {
    const w = await world();
    const onInitiative = await buildStance(ctx.app, w.mapId, {
      actorId: w.kommune.id,
      initiativeId: w.initiative.id,
    });
    const onPlan = await buildStance(ctx.app, w.mapId, {
      actorId: w.kommune.id,
      planId: w.plan.id,
    });
    await buildStance(ctx.app, w.mapId, { actorId: w.akb.id, planId: w.plan.id });
    const byActor = await call(ctx.app, 'GET', `/maps/${w.mapId}/stances?actorId=${w.kommune.id}`);
    expect(byActor.body.items.map((s: { id: string }) => s.id).sort()).toEqual(
      [onInitiative.id, onPlan.id].sort(),
    );
    const byPlan = await call(
      ctx.app,
      'GET',
      `/maps/${w.mapId}/stances?planId=${w.plan.id}&actorId=${w.kommune.id}`,
    );
    expect(byPlan.body.items.map((s: { id: string }) => s.id)).toEqual([onPlan.id]);
  });
});

describe('concurrency', () => {
  it('lets exactly one of two concurrent PATCHes with the same version win', async () => {
    const mapId = await createMap(ctx.app);
    for (let round = 0; round < 5; round++) {
      const actor = await buildActor(ctx.app, mapId);
      const results = await Promise.all(
        [2, 5].map((influence) =>
          call(
            ctx.app,
            'PATCH',
            `/maps/${mapId}/actors/${actor.id}`,
            { influence },
            { 'if-match': '1' },
          ),
        ),
      );
      const statuses = results.map((r) => r.status).sort();
      expect(statuses).toEqual([200, 412]);
      const winner = results.find((r) => r.status === 200)!;
      const stored = await call(ctx.app, 'GET', `/maps/${mapId}/actors/${actor.id}`);
      expect(stored.body).toMatchObject({ version: 2, influence: winner.body.influence });
    }
  });

  it('creates only one of two concurrent duplicate facts', async () => {
    const w = await world();
    const body = {
      actorId: w.akb.id,
      initiativeId: w.initiative.id,
      role: 'owner',
      status: 'agreed',
    };
    const results = await Promise.all(
      [1, 2, 3].map(() => call(ctx.app, 'POST', `/maps/${w.mapId}/commitments`, body)),
    );
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409]);
    expect((await call(ctx.app, 'GET', `/maps/${w.mapId}/commitments`)).body.items).toHaveLength(1);
  });
});

describe('cascade deletes', () => {
  it('removes an actor with its facts and links, and leaves the rest', async () => {
    const w = await world();
    const department = await buildActor(ctx.app, w.mapId, { parentId: w.kommune.id });
    const commitment = await buildCommitment(ctx.app, w.mapId, {
      actorId: w.kommune.id,
      initiativeId: w.initiative.id,
    });
    const kept = await buildCommitment(ctx.app, w.mapId, {
      actorId: w.akb.id,
      initiativeId: w.initiative.id,
    });
    const collaboration = await buildCollaboration(ctx.app, w.mapId, {
      actorAId: w.akb.id,
      actorBId: w.kommune.id,
    });
    expect((await call(ctx.app, 'DELETE', `/maps/${w.mapId}/actors/${w.kommune.id}`)).status).toBe(
      204,
    );
    expect(
      (await call(ctx.app, 'GET', `/maps/${w.mapId}/commitments/${commitment.id}`)).status,
    ).toBe(404);
    expect(
      (await call(ctx.app, 'GET', `/maps/${w.mapId}/collaborations/${collaboration.id}`)).status,
    ).toBe(404);
    expect((await call(ctx.app, 'GET', `/maps/${w.mapId}/commitments/${kept.id}`)).status).toBe(
      200,
    );
    expect(
      (await call(ctx.app, 'GET', `/maps/${w.mapId}/actors/${department.id}`)).body.parentId,
    ).toBeNull();
    expect(
      (await call(ctx.app, 'GET', `/maps/${w.mapId}/initiatives/${w.initiative.id}`)).status,
    ).toBe(200);
  });
});
