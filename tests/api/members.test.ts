import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildTestApp,
  call,
  callAs,
  createMap,
  createUser,
  type TestContext,
} from '../helpers/app.ts';
import { buildActor, buildInitiative } from '../helpers/factories.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await buildTestApp();
});
afterAll(() => ctx.close());

describe('members', () => {
  it('an owner adds people with roles; a map keeps at least one owner', async () => {
    const mapId = await createMap(ctx.app);
    const anna = await createUser(ctx.app, { name: 'Anna' });
    const added = await call(ctx.app, 'POST', `/maps/${mapId}/members`, {
      email: anna.email,
      role: 'viewer',
    });
    expect(added.status).toBe(201);
    expect(added.body).toEqual({
      member: expect.objectContaining({ userId: anna.user.id, role: 'viewer', invited: false }),
      invitationUrl: null,
    });
    const again = await call(ctx.app, 'POST', `/maps/${mapId}/members`, {
      email: anna.email,
      role: 'editor',
    });
    expect(again.status).toBe(409);
    expect(again.body.error).toBe('already_member');

    const listed = await callAs(ctx.app, { token: anna.token }, 'GET', `/maps/${mapId}/members`);
    expect(
      listed.body.items.map((m: { name: string; role: string }) => `${m.name}:${m.role}`),
    ).toEqual(['Test Admin:owner', 'Anna:viewer']);
    const byViewer = await callAs(
      ctx.app,
      { token: anna.token },
      'PATCH',
      `/maps/${mapId}/members/${anna.user.id}`,
      {
        role: 'owner',
      },
    );
    expect(byViewer.status).toBe(403);

    const me = ctx.user.user.id;
    const demote = await call(ctx.app, 'PATCH', `/maps/${mapId}/members/${me}`, { role: 'editor' });
    expect(demote.status).toBe(409);
    expect(demote.body.error).toBe('last_owner');
    expect((await call(ctx.app, 'DELETE', `/maps/${mapId}/members/${me}`)).status).toBe(409);

    const promoted = await call(ctx.app, 'PATCH', `/maps/${mapId}/members/${anna.user.id}`, {
      role: 'owner',
    });
    expect(promoted.body.role).toBe('owner');
    expect((await call(ctx.app, 'DELETE', `/maps/${mapId}/members/${me}`)).status).toBe(204);
    // Gone from the map: it is now as unknown to the admin as any map they have no role on.
    expect((await call(ctx.app, 'GET', `/maps/${mapId}`)).body.error).toBe('map_not_found');
  });

  it('two owners demoting each other at once leave one owner', async () => {
    const mapId = await createMap(ctx.app);
    const bo = await createUser(ctx.app);
    await call(ctx.app, 'POST', `/maps/${mapId}/members`, { email: bo.email, role: 'owner' });
    const [a, b] = await Promise.all([
      call(ctx.app, 'PATCH', `/maps/${mapId}/members/${bo.user.id}`, { role: 'viewer' }),
      callAs(ctx.app, { token: bo.token }, 'PATCH', `/maps/${mapId}/members/${ctx.user.user.id}`, {
        role: 'viewer',
      }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const members = (await callAs(ctx.app, { token: bo.token }, 'GET', `/maps/${mapId}/members`))
      .body;
    expect(members.items.filter((m: { role: string }) => m.role === 'owner')).toHaveLength(1);
  });

  it('GET /maps lists only your maps, with your role; a map you are not on is a 404', async () => {
    const mine = await createMap(ctx.app, 'Mine');
    const carl = await createUser(ctx.app);
    await call(ctx.app, 'POST', `/maps/${mine}/members`, { email: carl.email, role: 'editor' });
    const notHis = await createMap(ctx.app, 'Not his');
    const maps = await callAs(ctx.app, { token: carl.token }, 'GET', '/maps');
    expect(maps.body.items).toEqual([expect.objectContaining({ id: mine, access: 'editor' })]);
    const searched = await callAs(ctx.app, { token: carl.token }, 'GET', '/maps?q=his');
    expect(searched.body.items).toEqual([]);
    for (const path of [`/maps/${notHis}`, `/maps/${notHis}/graph`, `/maps/${notHis}/actors`]) {
      const response = await callAs(ctx.app, { token: carl.token }, 'GET', path);
      expect(response.status, path).toBe(404);
      expect(response.body.error).toBe('map_not_found');
    }
    expect(
      (await callAs(ctx.app, { token: carl.token }, 'POST', '/maps', { name: 'No' })).status,
    ).toBe(403);
  });
});

describe('share links', () => {
  it('read one map, read-only, without members or history; revoked or expired get 401', async () => {
    const mapId = await createMap(ctx.app, 'Shared');
    const other = await createMap(ctx.app, 'Other');
    const actor = await buildActor(ctx.app, mapId);
    await buildInitiative(ctx.app, mapId);
    const made = await call(ctx.app, 'POST', `/maps/${mapId}/share-links`, { label: 'Borgermøde' });
    expect(made.status).toBe(201);
    const url = new URL(made.body.url);
    expect(url.hash).toBe(`#/maps/${mapId}?share=${made.body.token}`);
    expect(made.body).toMatchObject({ label: 'Borgermøde', active: true, revokedAt: null });
    const share = { token: made.body.token as string };

    for (const path of [
      '',
      '/graph',
      '/gaps',
      '/alliances',
      '/backing',
      '/metrics',
      '/actors',
      '/layout',
    ]) {
      const response = await callAs(ctx.app, share, 'GET', `/maps/${mapId}${path}`);
      expect(response.status, path).toBe(200);
    }
    expect((await callAs(ctx.app, share, 'GET', `/maps/${mapId}`)).body.access).toBe('link');
    for (const path of ['/history', '/members', '/share-links']) {
      const response = await callAs(ctx.app, share, 'GET', `/maps/${mapId}${path}`);
      expect(response.status, path).toBe(403);
    }
    const write = await callAs(ctx.app, share, 'PATCH', `/maps/${mapId}/actors/${actor.id}`, {
      name: 'Changed by a link',
    });
    expect(write.status).toBe(403);
    expect((await call(ctx.app, 'GET', `/maps/${mapId}/actors/${actor.id}`)).body.name).toBe(
      actor.name,
    );
    expect((await callAs(ctx.app, share, 'GET', `/maps/${other}`)).body.error).toBe(
      'map_not_found',
    );
    expect((await callAs(ctx.app, share, 'GET', '/maps')).status).toBe(403);

    const listed = await call(ctx.app, 'GET', `/maps/${mapId}/share-links`);
    expect(JSON.stringify(listed.body)).not.toContain(made.body.token);
    expect(
      (await call(ctx.app, 'DELETE', `/maps/${mapId}/share-links/${made.body.id}`)).status,
    ).toBe(204);
    const revoked = await callAs(ctx.app, share, 'GET', `/maps/${mapId}`);
    expect(revoked.status).toBe(401);
    expect(revoked.body.error).toBe('unauthenticated');
    const after = (await call(ctx.app, 'GET', `/maps/${mapId}/share-links`)).body.items[0];
    expect(after).toMatchObject({ id: made.body.id, active: false });
    expect(after.revokedAt).not.toBeNull();

    const soon = new Date(Date.now() + 1500).toISOString();
    const brief = await call(ctx.app, 'POST', `/maps/${mapId}/share-links`, {
      label: 'Kort',
      expiresAt: soon,
    });
    expect(
      (await callAs(ctx.app, { token: brief.body.token }, 'GET', `/maps/${mapId}`)).status,
    ).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 2000));
    expect(
      (await callAs(ctx.app, { token: brief.body.token }, 'GET', `/maps/${mapId}`)).status,
    ).toBe(401);
    const past = await call(ctx.app, 'POST', `/maps/${mapId}/share-links`, {
      label: 'Past',
      expiresAt: '2020-01-01T00:00:00Z',
    });
    expect(past.status).toBe(400);
  });

  it('go with their map, and so do its roles', async () => {
    const mapId = await createMap(ctx.app);
    const made = await call(ctx.app, 'POST', `/maps/${mapId}/share-links`, { label: 'x' });
    expect((await call(ctx.app, 'DELETE', `/maps/${mapId}`)).status).toBe(204);
    const left = await ctx.db.read(async (tx) => {
      const result = await tx.run(
        `OPTIONAL MATCH (l:ShareLink {mapId: $mapId}) WITH count(l) AS links
         OPTIONAL MATCH ()-[r:HAS_ROLE]->(:Map {id: $mapId}) RETURN links, count(r) AS roles`,
        { mapId },
      );
      return result.records[0]!.toObject();
    });
    expect({ links: Number(left.links), roles: Number(left.roles) }).toEqual({
      links: 0,
      roles: 0,
    });
    expect(
      (await callAs(ctx.app, { token: made.body.token }, 'GET', `/maps/${mapId}`)).status,
    ).toBe(401);
  });
});
