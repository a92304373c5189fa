import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoMap } from '../../seed/load.ts';
import {
  buildTestApp,
  call,
  callAs,
  createMap,
  createUser,
  signIn,
  type Credential,
  type TestContext,
} from '../helpers/app.ts';
import {
  buildActor,
  buildArea,
  buildCommitment,
  buildInitiative,
  buildStance,
} from '../helpers/factories.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await buildTestApp();
});
afterAll(() => ctx.close());

const history = async (mapId: string, query = '') =>
  (await call(ctx.app, 'GET', `/maps/${mapId}/history${query}`)).body;

const revert = (mapId: string, changeId: string) =>
  call(ctx.app, 'POST', `/maps/${mapId}/history/${changeId}/revert`);

describe('the change history', () => {
  it('lists every write newest first, with what changed, and pages and filters', async () => {
    const mapId = await createMap(ctx.app);
    const actor = await buildActor(ctx.app, mapId, { name: 'KAB', sector: 'housing' });
    await call(ctx.app, 'PATCH', `/maps/${mapId}/actors/${actor.id}`, { influence: 4 });
    await buildArea(ctx.app, mapId, { name: 'Taastrupgaard' });

    const all = await history(mapId);
    expect(
      all.items.map((c: { entityType: string; op: string }) => `${c.entityType} ${c.op}`),
    ).toEqual(['area create', 'actor update', 'actor create', 'map create']);
    const update = all.items[1];
    expect(update).toMatchObject({
      entityId: actor.id,
      fields: ['influence'],
      cause: 'request',
      by: { type: 'token', id: ctx.user.user.id, name: 'Test Admin' },
      revertOf: null,
    });
    expect(update.before.influence).toBeNull();
    expect(update.after.influence).toBe(4);

    const first = await history(mapId, '?limit=3');
    expect(first.items).toHaveLength(3);
    const rest = await history(mapId, `?limit=3&cursor=${first.nextCursor}`);
    expect(rest.items.map((c: { id: string }) => c.id)).toEqual([all.items[3].id]);
    expect(rest.nextCursor).toBeNull();

    const ofActor = await history(mapId, `?entityId=${actor.id}`);
    expect(ofActor.items.map((c: { op: string }) => c.op)).toEqual(['update', 'create']);
  });
});

describe('revert', () => {
  it('sets an update back, as a change of its own that names what it reverts', async () => {
    const mapId = await createMap(ctx.app);
    const actor = await buildActor(ctx.app, mapId, {
      name: 'DFB',
      sector: 'housing',
      influence: 3,
    });
    await call(ctx.app, 'PATCH', `/maps/${mapId}/actors/${actor.id}`, {
      influence: 5,
      tags: ['x'],
    });
    const [update] = (await history(mapId)).items;
    const response = await revert(mapId, update.id);
    expect(response.status).toBe(200);
    expect(response.body.changes).toHaveLength(1);
    expect(response.body.changes[0]).toMatchObject({
      op: 'update',
      cause: 'revert',
      revertOf: update.id,
      fields: ['influence', 'tags'],
    });
    const now = (await call(ctx.app, 'GET', `/maps/${mapId}/actors/${actor.id}`)).body;
    expect(now).toMatchObject({ influence: 3, tags: [], version: 3 });
  });

  it('puts a deleted element back under the same id, with its facts and the links to it', async () => {
    const mapId = await createMap(ctx.app);
    const area = await buildArea(ctx.app, mapId);
    const parent = await buildActor(ctx.app, mapId, {
      name: 'Høje-Taastrup Kommune',
      areaIds: [area.id],
    });
    const child = await buildActor(ctx.app, mapId, {
      name: 'By- og Miljøcenter',
      parentId: parent.id,
    });
    const initiative = await buildInitiative(ctx.app, mapId);
    const commitment = await buildCommitment(ctx.app, mapId, {
      actorId: parent.id,
      initiativeId: initiative.id,
    });
    const stance = await buildStance(ctx.app, mapId, {
      actorId: parent.id,
      initiativeId: initiative.id,
    });
    expect((await call(ctx.app, 'DELETE', `/maps/${mapId}/actors/${parent.id}`)).status).toBe(204);
    expect(
      (await call(ctx.app, 'GET', `/maps/${mapId}/actors/${child.id}`)).body.parentId,
    ).toBeNull();

    const deletion = (await history(mapId)).items.find(
      (c: { op: string; entityId: string }) => c.op === 'delete' && c.entityId === parent.id,
    );
    const response = await revert(mapId, deletion.id);
    expect(response.status).toBe(200);

    const restored = await call(ctx.app, 'GET', `/maps/${mapId}/actors/${parent.id}`);
    expect(restored.status).toBe(200);
    expect(restored.body).toMatchObject({
      id: parent.id,
      name: 'Høje-Taastrup Kommune',
      areaIds: [area.id],
      createdAt: parent.createdAt,
    });
    expect(restored.body.version).toBe(parent.version + 1);
    expect(
      (await call(ctx.app, 'GET', `/maps/${mapId}/commitments/${commitment.id}`)).body,
    ).toMatchObject({
      id: commitment.id,
      actorId: parent.id,
      initiativeId: initiative.id,
      role: 'owner',
    });
    expect((await call(ctx.app, 'GET', `/maps/${mapId}/stances/${stance.id}`)).status).toBe(200);
    expect((await call(ctx.app, 'GET', `/maps/${mapId}/actors/${child.id}`)).body.parentId).toBe(
      parent.id,
    );
  });

  it('refuses with 409 when the entity changed since, naming the later change', async () => {
    const mapId = await createMap(ctx.app);
    const actor = await buildActor(ctx.app, mapId);
    await call(ctx.app, 'PATCH', `/maps/${mapId}/actors/${actor.id}`, { influence: 2 });
    await call(ctx.app, 'PATCH', `/maps/${mapId}/actors/${actor.id}`, { interest: 5 });
    const [later, earlier] = (await history(mapId, `?entityId=${actor.id}`)).items;
    const response = await revert(mapId, earlier.id);
    expect(response.status).toBe(409);
    expect(response.body.error).toBe('changed_since');
    expect(response.body.details[0].laterChangeId).toBe(later.id);
    expect((await call(ctx.app, 'GET', `/maps/${mapId}/actors/${actor.id}`)).body.influence).toBe(
      2,
    );
  });

  it('removes a created element, unless something was attached to it since', async () => {
    const mapId = await createMap(ctx.app);
    const lonely = await buildActor(ctx.app, mapId, { name: 'Hedeselskabet' });
    const busy = await buildActor(ctx.app, mapId, { name: 'Realdania' });
    const initiative = await buildInitiative(ctx.app, mapId);
    await buildCommitment(ctx.app, mapId, {
      actorId: busy.id,
      initiativeId: initiative.id,
      role: 'funder',
    });
    const creations = (await history(mapId)).items.filter((c: { op: string }) => c.op === 'create');
    const of = (id: string) => creations.find((c: { entityId: string }) => c.entityId === id).id;

    expect((await revert(mapId, of(lonely.id))).status).toBe(200);
    expect((await call(ctx.app, 'GET', `/maps/${mapId}/actors/${lonely.id}`)).status).toBe(404);
    const refused = await revert(mapId, of(busy.id));
    expect(refused.status).toBe(409);
    expect(refused.body.error).toBe('still_linked');
    expect((await call(ctx.app, 'GET', `/maps/${mapId}/actors/${busy.id}`)).status).toBe(200);
  });

  it("sets a map's settings and its layout back", async () => {
    const mapId = await createMap(ctx.app);
    const actor = await buildActor(ctx.app, mapId);
    await call(ctx.app, 'PUT', `/maps/${mapId}/layout`, {
      positions: { [actor.id]: { x: 1, y: 1 } },
    });
    await call(ctx.app, 'PUT', `/maps/${mapId}/layout`, {
      positions: { [actor.id]: { x: 9, y: 9 } },
    });
    await call(ctx.app, 'PATCH', `/maps/${mapId}`, { settings: { staleAfterDays: 30 } });
    const items = (await history(mapId)).items;
    expect((await revert(mapId, items[0].id)).status).toBe(200);
    expect((await call(ctx.app, 'GET', `/maps/${mapId}`)).body.settings.staleAfterDays).toBe(365);
    expect((await revert(mapId, items[1].id)).status).toBe(200);
    expect((await call(ctx.app, 'GET', `/maps/${mapId}/layout`)).body.positions).toEqual({
      [actor.id]: { x: 1, y: 1 },
    });
  });

  it('answers 404 for a change of another map or none at all', async () => {
    const mapId = await createMap(ctx.app);
    const other = await createMap(ctx.app);
    const [change] = (await history(other)).items;
    expect((await revert(mapId, change.id)).status).toBe(404);
    expect((await revert(mapId, '01ARZ3NDEKTSV4RRFFQ69G5FAV')).status).toBe(404);
  });
});

describe('who made each change', () => {
  it('records the user of a session, the user of a token, and the system for a seeder', async () => {
    const mapId = await createMap(ctx.app);
    const eva = await createUser(ctx.app, { name: 'Eva Editor' });
    await call(ctx.app, 'POST', `/maps/${mapId}/members`, { email: eva.email, role: 'editor' });
    const session = { cookie: await signIn(ctx.app, eva.email, eva.password) };
    const token = { token: eva.token };

    // One write of each kind, each under Eva's session, then under her token.
    let actorId = '';
    let initiativeId = '';
    let factId = '';
    const kinds = {
      'actor create': async (as: Credential) => {
        const made = await callAs(ctx.app, as, 'POST', `/maps/${mapId}/actors`, {
          name: `A ${Math.random()}`,
          sector: 'housing',
        });
        actorId = made.body.id;
        return made;
      },
      'actor update': (as: Credential) =>
        callAs(ctx.app, as, 'PATCH', `/maps/${mapId}/actors/${actorId}`, { influence: 4 }),
      'initiative create': async (as: Credential) => {
        const made = await callAs(ctx.app, as, 'POST', `/maps/${mapId}/initiatives`, {
          title: `I ${Math.random()}`,
          status: 'active',
        });
        initiativeId = made.body.id;
        return made;
      },
      'commitment create': async (as: Credential) => {
        const made = await callAs(ctx.app, as, 'POST', `/maps/${mapId}/commitments`, {
          actorId,
          initiativeId,
          role: 'owner',
          status: 'agreed',
        });
        factId = made.body.id;
        return made;
      },
      'commitment update': (as: Credential) =>
        callAs(ctx.app, as, 'PATCH', `/maps/${mapId}/commitments/${factId}`, { note: 'n' }),
      'commitment delete': (as: Credential) =>
        callAs(ctx.app, as, 'DELETE', `/maps/${mapId}/commitments/${factId}`),
      'layout update': (as: Credential) =>
        callAs(ctx.app, as, 'PUT', `/maps/${mapId}/layout`, {
          positions: { [actorId]: { x: Math.random(), y: 1 } },
        }),
      'map update': (as: Credential) =>
        callAs(ctx.app, as, 'PATCH', `/maps/${mapId}`, { description: `d ${Math.random()}` }),
      'actor delete': (as: Credential) =>
        callAs(ctx.app, as, 'DELETE', `/maps/${mapId}/actors/${actorId}`),
    };
    for (const [as, type] of [
      [session, 'user'],
      [token, 'token'],
    ] as const) {
      for (const [kind, write] of Object.entries(kinds)) {
        const response = (await write(as)) as { status: number };
        expect(response.status, `${kind} as ${type}`).toBeLessThan(300);
        const [latest] = (await history(mapId, '?limit=1')).items;
        expect(`${latest.entityType} ${latest.op}`, kind).toBe(kind);
        expect(latest.by, `${kind} as ${type}`).toEqual({
          type,
          id: eva.user.id,
          name: 'Eva Editor',
        });
      }
      const [last] = (await history(mapId, '?limit=1')).items;
      const undone = await callAs(ctx.app, as, 'POST', `/maps/${mapId}/history/${last.id}/revert`);
      expect(undone.status).toBe(200);
      expect(undone.body.changes[0]).toMatchObject({
        cause: 'revert',
        by: { type, id: eva.user.id },
      });
    }
    // Her session and her token are both her: `userId` finds the writes of both.
    const hers = await history(mapId, `?userId=${eva.user.id}&limit=500`);
    expect(new Set(hers.items.map((c: { by: { type: string } }) => c.by.type))).toEqual(
      new Set(['user', 'token']),
    );
    expect(hers.items.every((c: { by: { id: string } }) => c.by.id === eva.user.id)).toBe(true);
    expect(hers.items.length).toBeGreaterThanOrEqual(2 * Object.keys(kinds).length);

    const seeded = `seeded-${Date.now()}`;
    await loadDemoMap(ctx.db, { mapId: seeded, ownerId: ctx.user.user.id });
    const [mapCreate] = (await history(seeded, `?entityId=${seeded}`)).items;
    expect(mapCreate).toMatchObject({
      op: 'create',
      by: { type: 'system', id: null, name: 'Samspil' },
    });
  });

  it('a share link writes nothing and sees no history; a viewer sees it but cannot revert', async () => {
    const mapId = await createMap(ctx.app);
    const actor = await buildActor(ctx.app, mapId);
    const link = await call(ctx.app, 'POST', `/maps/${mapId}/share-links`, { label: 'x' });
    const share = { token: link.body.token as string };
    expect(
      (
        await callAs(ctx.app, share, 'POST', `/maps/${mapId}/actors`, {
          name: 'n',
          sector: 'other',
        })
      ).status,
    ).toBe(403);
    expect((await callAs(ctx.app, share, 'GET', `/maps/${mapId}/history`)).status).toBe(403);
    const vera = await createUser(ctx.app);
    await call(ctx.app, 'POST', `/maps/${mapId}/members`, { email: vera.email, role: 'viewer' });
    const seen = await callAs(ctx.app, { token: vera.token }, 'GET', `/maps/${mapId}/history`);
    expect(seen.status).toBe(200);
    const change = seen.body.items.find((c: { entityId: string }) => c.entityId === actor.id);
    const refused = await callAs(
      ctx.app,
      { token: vera.token },
      'POST',
      `/maps/${mapId}/history/${change.id}/revert`,
    );
    expect(refused.status).toBe(403);
    expect(seen.body.items.some((c: { by: { type: string } }) => c.by.type === 'share')).toBe(
      false,
    );
  });
});
