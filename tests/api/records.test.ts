import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, call, createMap, type Json, type TestContext } from '../helpers/app.ts';
import {
  buildAction,
  buildActor,
  buildDecision,
  buildForum,
  buildInitiative,
  buildMeeting,
  buildPlan,
} from '../helpers/factories.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await buildTestApp();
});
afterAll(() => ctx.close());

const get = async (mapId: string, path: string) =>
  (await call(ctx.app, 'GET', `/maps/${mapId}/${path}`)).body as Json;

describe('meetings', () => {
  it('keep their participants with a sentiment and a note each, sorted, and replace them whole', async () => {
    const mapId = await createMap(ctx.app);
    const [a, b, c] = [
      await buildActor(ctx.app, mapId, { name: 'By- og Miljøcenter' }),
      await buildActor(ctx.app, mapId, { name: 'VIBO', sector: 'housing' }),
      await buildActor(ctx.app, mapId, { name: 'Institutions- og Skolecenter' }),
    ];
    const forum = await buildForum(ctx.app, mapId);
    const initiative = await buildInitiative(ctx.app, mapId);
    const plan = await buildPlan(ctx.app, mapId);
    const created = await call(ctx.app, 'POST', `/maps/${mapId}/meetings`, {
      title: 'Partnerskabsmøde om Charlotteskolens grund',
      date: '2026-09-15',
      kind: 'decision',
      status: 'planned',
      location: 'Hedehusene',
      forumId: forum.id,
      participants: [
        { actorId: b.id, sentiment: 'unknown' },
        { actorId: a.id, sentiment: 'positive', note: 'Vil gerne lede' },
      ],
      topicIds: [initiative.id, plan.id],
    });
    expect(created.status).toBe(201);
    const byId = (x: { actorId: string }, y: { actorId: string }) =>
      x.actorId < y.actorId ? -1 : 1;
    expect(created.body).toMatchObject({
      title: 'Partnerskabsmøde om Charlotteskolens grund',
      forumId: forum.id,
      notes: null,
      purpose: null,
      source: null,
      topicIds: [initiative.id, plan.id].sort(),
      participants: [
        { actorId: b.id, sentiment: 'unknown', note: null },
        { actorId: a.id, sentiment: 'positive', note: 'Vil gerne lede' },
      ].sort(byId),
    });
    const id = created.body.id;
    expect(await get(mapId, `meetings/${id}`)).toEqual(created.body);

    const patched = await call(
      ctx.app,
      'PATCH',
      `/maps/${mapId}/meetings/${id}`,
      {
        status: 'held',
        notes: 'Beboerne er skeptiske over for nedrivning.',
        participants: [
          { actorId: c.id, sentiment: 'negative', note: 'Vil også lede' },
          { actorId: a.id, sentiment: 'neutral' },
        ],
      },
      { 'if-match': '1' },
    );
    expect(patched.status).toBe(200);
    expect(patched.body.version).toBe(2);
    expect(patched.body.participants).toEqual(
      [
        { actorId: c.id, sentiment: 'negative', note: 'Vil også lede' },
        { actorId: a.id, sentiment: 'neutral', note: null },
      ].sort(byId),
    );
    expect(patched.body.topicIds).toEqual([initiative.id, plan.id].sort());

    const listed = await get(mapId, `meetings?actorId=${c.id}`);
    expect(listed.items.map((m: { id: string }) => m.id)).toEqual([id]);
    expect((await get(mapId, `meetings?actorId=${b.id}`)).items).toEqual([]);
    expect((await get(mapId, `meetings?topicId=${plan.id}&status=held`)).items).toHaveLength(1);
    expect((await get(mapId, 'meetings?q=Charlotteskolens')).items).toHaveLength(1);
  });

  it('refuse an unknown or repeated participant and an unknown sentiment, changing nothing', async () => {
    const mapId = await createMap(ctx.app);
    const actor = await buildActor(ctx.app, mapId);
    const forum = await buildForum(ctx.app, mapId);
    const base = { title: 'Møde', date: '2026-01-01', kind: 'information', status: 'planned' };
    const unknown = await call(ctx.app, 'POST', `/maps/${mapId}/meetings`, {
      ...base,
      participants: [{ actorId: forum.id, sentiment: 'unknown' }],
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error).toBe('unknown_reference');
    expect(unknown.body.details[0]).toMatchObject({ path: '/participants/0' });
    const twice = await call(ctx.app, 'POST', `/maps/${mapId}/meetings`, {
      ...base,
      participants: [
        { actorId: actor.id, sentiment: 'unknown' },
        { actorId: actor.id, sentiment: 'positive' },
      ],
    });
    expect(twice.status).toBe(400);
    expect(twice.body.details[0]).toMatchObject({ path: '/participants/1/actorId' });
    const sentiment = await call(ctx.app, 'POST', `/maps/${mapId}/meetings`, {
      ...base,
      participants: [{ actorId: actor.id, sentiment: 'furious' }],
    });
    expect(sentiment.status).toBe(400);
    const kind = await call(ctx.app, 'POST', `/maps/${mapId}/meetings`, { ...base, kind: 'chat' });
    expect(kind.status).toBe(400);
    expect((await get(mapId, 'meetings')).items).toEqual([]);
  });

  it('lose a deleted participant, and the history puts the participant back on revert', async () => {
    const mapId = await createMap(ctx.app);
    const stays = await buildActor(ctx.app, mapId, { name: 'Stays' });
    const goes = await buildActor(ctx.app, mapId, { name: 'Goes' });
    const meeting = await buildMeeting(ctx.app, mapId, {
      participants: [
        { actorId: stays.id, sentiment: 'positive' },
        { actorId: goes.id, sentiment: 'negative', note: 'Imod nedrivning' },
      ],
    });
    expect((await call(ctx.app, 'DELETE', `/maps/${mapId}/actors/${goes.id}`)).status).toBe(204);
    const after = await get(mapId, `meetings/${meeting.id}`);
    expect(after.participants).toEqual([{ actorId: stays.id, sentiment: 'positive', note: null }]);

    const history = await get(mapId, 'history');
    const deletion = history.items.find(
      (change: Json) => change.op === 'delete' && change.entityId === goes.id,
    );
    expect(
      history.items.find(
        (change: Json) => change.entityId === meeting.id && change.cause === 'cascade',
      ),
    ).toBeDefined();
    const reverted = await call(ctx.app, 'POST', `/maps/${mapId}/history/${deletion.id}/revert`);
    expect(reverted.status).toBe(200);
    const restored = await get(mapId, `meetings/${meeting.id}`);
    expect(restored.participants).toContainEqual({
      actorId: goes.id,
      sentiment: 'negative',
      note: 'Imod nedrivning',
    });
    expect(restored.participants).toHaveLength(2);
  });

  it('stay out of the graph', async () => {
    const mapId = await createMap(ctx.app);
    const actor = await buildActor(ctx.app, mapId);
    await buildMeeting(ctx.app, mapId, {
      participants: [{ actorId: actor.id, sentiment: 'positive' }],
    });
    const graph = await get(mapId, 'graph');
    expect(graph.nodes.map((node: Json) => node.data.kind)).toEqual(['actor']);
    expect(graph.edges).toEqual([]);
    expect((await call(ctx.app, 'GET', `/maps/${mapId}/graph?include=meetings`)).status).toBe(400);
  });
});

describe('decisions and actions', () => {
  it('name a body (an actor or a forum), a target and the meeting they came from', async () => {
    const mapId = await createMap(ctx.app);
    const council = await buildActor(ctx.app, mapId, { name: 'Byrådet', sector: 'political' });
    const forum = await buildForum(ctx.app, mapId, { name: 'Styregruppen' });
    const plan = await buildPlan(ctx.app, mapId);
    const initiative = await buildInitiative(ctx.app, mapId);
    const meeting = await buildMeeting(ctx.app, mapId);
    const byActor = await buildDecision(ctx.app, mapId, {
      bodyId: council.id,
      targetId: plan.id,
      meetingId: meeting.id,
      reference: 'https://example.org/referat',
    });
    const byForum = await buildDecision(ctx.app, mapId, {
      bodyId: forum.id,
      targetId: initiative.id,
      outcome: 'deferred',
    });
    expect(byActor).toMatchObject({ bodyId: council.id, targetId: plan.id, meetingId: meeting.id });
    expect(byForum).toMatchObject({ bodyId: forum.id, targetId: initiative.id, meetingId: null });
    expect((await get(mapId, `decisions?bodyId=${forum.id}`)).items).toHaveLength(1);
    expect((await get(mapId, `decisions?outcome=approved`)).items[0].id).toBe(byActor.id);
    const badBody = await call(ctx.app, 'POST', `/maps/${mapId}/decisions`, {
      title: 'X',
      date: '2026-01-01',
      outcome: 'approved',
      bodyId: initiative.id,
    });
    expect(badBody.status).toBe(400);
    const badOutcome = await call(ctx.app, 'POST', `/maps/${mapId}/decisions`, {
      title: 'X',
      date: '2026-01-01',
      outcome: 'maybe',
    });
    expect(badOutcome.status).toBe(400);

    const action = await buildAction(ctx.app, mapId, {
      ownerId: council.id,
      due: '2026-10-15',
      meetingId: meeting.id,
      targetId: initiative.id,
      gapId: '0123456789abcdef0123456789abcdef',
    });
    expect(action).toMatchObject({ status: 'open', due: '2026-10-15', ownerId: council.id });
    expect((await get(mapId, `actions?meetingId=${meeting.id}`)).items).toHaveLength(1);
    expect((await get(mapId, `actions?status=open&ownerId=${council.id}`)).items).toHaveLength(1);
    const badGap = await call(ctx.app, 'POST', `/maps/${mapId}/actions`, {
      title: 'X',
      status: 'open',
      gapId: 'not-a-gap',
    });
    expect(badGap.status).toBe(400);

    // Deleting the meeting leaves the decision and the action, without the link.
    expect((await call(ctx.app, 'DELETE', `/maps/${mapId}/meetings/${meeting.id}`)).status).toBe(
      204,
    );
    expect((await get(mapId, `decisions/${byActor.id}`)).meetingId).toBeNull();
    expect((await get(mapId, `actions/${action.id}`)).meetingId).toBeNull();
  });
});
