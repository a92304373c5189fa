import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MapRepository } from '../../api/src/repositories/map-repository.ts';
import {
  buildTestApp,
  call,
  callAs,
  createMap,
  createUser,
  grantRole,
  type Json,
  type TestContext,
} from '../helpers/app.ts';
import { buildActor, buildInitiative } from '../helpers/factories.ts';

/**
 * Saved views (`/maps/:mapId/views`): a name for what someone looks at on a map, its state kept
 * whole and given back exactly, written like every other entity of the map (versions, If-Match,
 * the revision, the history) and read by anyone who may read the map.
 */

let ctx: TestContext;
beforeAll(async () => {
  ctx = await buildTestApp();
});
afterAll(() => ctx.close());

const revision = (mapId: string) => new MapRepository(ctx.db).revision(mapId);

const countOverBolt = (cypher: string, params: Record<string, unknown>) =>
  ctx.db.read(async (tx) => Number((await tx.run(cypher, params)).records[0]!.get(0)));

async function mapWithParties() {
  const mapId = await createMap(ctx.app, 'Gadehavegård');
  const a = await buildActor(ctx.app, mapId, { name: 'AKB Taastrup', sector: 'housing' });
  const b = await buildActor(ctx.app, mapId, { name: 'Byrådet', sector: 'political' });
  const initiative = await buildInitiative(ctx.app, mapId);
  return { mapId, a, b, initiative };
}

describe('saved views', () => {
  it('are created, read, listed, changed and deleted, the state round-tripping exactly', async () => {
    const { mapId, a, b, initiative } = await mapWithParties();
    const state = {
      view: 'grid',
      sectors: ['housing', 'political'],
      statuses: ['active'],
      show: ['plans', 'forums'],
      sizeBy: 'betweenness',
      gaps: true,
      asOf: '2019-06-01',
      focus: [a.id],
      depth: 2,
      picked: [b.id, a.id],
      select: initiative.id,
    };
    const created = await call(ctx.app, 'POST', `/maps/${mapId}/views`, {
      name: '  Boligsektoren og byrådet  ',
      description: 'Til styregruppemødet',
      state,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.headers.etag).toBe('"1"');
    expect(created.body).toMatchObject({
      mapId,
      version: 1,
      name: 'Boligsektoren og byrådet',
      description: 'Til styregruppemødet',
    });
    // Given back as it was given: the picks in their order, nothing added or dropped.
    expect(created.body.state).toEqual(state);
    const id = created.body.id as string;

    const read = await call(ctx.app, 'GET', `/maps/${mapId}/views/${id}`);
    expect(read.status).toBe(200);
    expect(read.body).toEqual(created.body);
    const list = await call(ctx.app, 'GET', `/maps/${mapId}/views`);
    expect(list.body).toEqual({ items: [created.body], nextCursor: null });

    const patched = await call(
      ctx.app,
      'PATCH',
      `/maps/${mapId}/views/${id}`,
      { name: 'Kun boligsektoren', state: { sectors: ['housing'] }, description: null },
      { 'if-match': '"1"' },
    );
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    expect(patched.headers.etag).toBe('"2"');
    // A state is written whole: what the new one leaves out is gone.
    expect(patched.body).toMatchObject({
      version: 2,
      name: 'Kun boligsektoren',
      description: null,
      state: { sectors: ['housing'] },
    });
    expect(Object.keys(patched.body.state)).toEqual(['sectors']);
    const renamed = await call(ctx.app, 'PATCH', `/maps/${mapId}/views/${id}`, {
      name: 'Boligsektoren',
    });
    expect(renamed.body.state).toEqual({ sectors: ['housing'] });

    const stale = await call(ctx.app, 'DELETE', `/maps/${mapId}/views/${id}`, undefined, {
      'if-match': '2',
    });
    expect(stale.status).toBe(412);
    expect(stale.body.error).toBe('stale_version');
    const deleted = await call(ctx.app, 'DELETE', `/maps/${mapId}/views/${id}`, undefined, {
      'if-match': '3',
    });
    expect(deleted.status).toBe(204);
    const gone = await call(ctx.app, 'GET', `/maps/${mapId}/views/${id}`);
    expect(gone.status).toBe(404);
    expect((await call(ctx.app, 'GET', `/maps/${mapId}/views`)).body.items).toEqual([]);
  });

  it('raise the map revision once per write and are recorded in the history, which can undo them', async () => {
    const mapId = await createMap(ctx.app);
    const start = await revision(mapId);
    const created = await call(ctx.app, 'POST', `/maps/${mapId}/views`, {
      name: 'Alle',
      state: {},
    });
    expect(created.status).toBe(201);
    expect(await revision(mapId)).toBe(start! + 1);
    const id = created.body.id as string;
    await call(ctx.app, 'PATCH', `/maps/${mapId}/views/${id}`, { state: { gaps: true } });
    expect(await revision(mapId)).toBe(start! + 2);
    // A refused write leaves the revision as it was.
    const refused = await call(ctx.app, 'PATCH', `/maps/${mapId}/views/${id}`, {
      state: { gaps: 'yes' },
    });
    expect(refused.status).toBe(400);
    expect(await revision(mapId)).toBe(start! + 2);
    await call(ctx.app, 'DELETE', `/maps/${mapId}/views/${id}`);
    expect(await revision(mapId)).toBe(start! + 3);

    const history = await call(ctx.app, 'GET', `/maps/${mapId}/history?entityId=${id}`);
    expect(
      history.body.items.map((change: Json) => [change.entityType, change.op, change.fields]),
    ).toEqual([
      ['view', 'delete', expect.arrayContaining(['name', 'state'])],
      ['view', 'update', ['state']],
      ['view', 'create', expect.arrayContaining(['name', 'state'])],
    ]);
    const reverted = await call(
      ctx.app,
      'POST',
      `/maps/${mapId}/history/${history.body.items[0].id}/revert`,
    );
    expect(reverted.status, JSON.stringify(reverted.body)).toBe(200);
    const back = await call(ctx.app, 'GET', `/maps/${mapId}/views/${id}`);
    expect(back.status).toBe(200);
    expect(back.body).toMatchObject({ name: 'Alle', state: { gaps: true } });
  });

  it.each([
    ['no name', { state: {} }, 'name'],
    ['a blank name', { name: ' \u200b ', state: {} }, 'name'],
    ['a name too long', { name: 'x'.repeat(201), state: {} }, 'name'],
    ['no state', { name: 'Alle' }, 'state'],
    ['a state that is not an object', { name: 'Alle', state: 'sector=housing' }, 'state'],
    ['an unknown part of the state', { name: 'Alle', state: { zoom: 2 } }, 'state'],
    ['an unknown view', { name: 'Alle', state: { view: 'sankey' } }, 'state/view'],
    ['an unknown sector', { name: 'Alle', state: { sectors: ['pirates'] } }, 'state/sectors/0'],
    ['a day that does not exist', { name: 'Alle', state: { asOf: '2019-02-30' } }, 'state/asOf'],
    ['a depth of three', { name: 'Alle', state: { depth: 3 } }, 'state/depth'],
    ['a pick that is no id', { name: 'Alle', state: { picked: ['a b'] } }, 'state/picked/0'],
    ['the same pick twice', { name: 'Alle', state: { picked: ['a', 'a'] } }, 'state/picked'],
    ['an unknown field', { name: 'Alle', state: {}, colour: 'red' }, ''],
  ])('refuse %s with 400 and the field in the details', async (_what, body, path) => {
    const mapId = await createMap(ctx.app);
    const response = await call(ctx.app, 'POST', `/maps/${mapId}/views`, body);
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({
      error: 'validation_failed',
      message: expect.any(String),
      details: expect.any(Array),
    });
    const paths = (response.body.details as Json[]).map((detail) => String(detail.path));
    expect(
      paths.some((p) => p.replace(/^body\/?/, '').startsWith(path)),
      paths.join(),
    ).toBe(true);
    expect((await call(ctx.app, 'GET', `/maps/${mapId}/views`)).body.items).toEqual([]);
  });

  it('refuse a change that would clear the name or the state, or changes nothing', async () => {
    const mapId = await createMap(ctx.app);
    const { id } = (await call(ctx.app, 'POST', `/maps/${mapId}/views`, { name: 'A', state: {} }))
      .body;
    for (const body of [{ name: null }, { state: null }, {}, { name: '   ' }]) {
      const response = await call(ctx.app, 'PATCH', `/maps/${mapId}/views/${id}`, body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(response.body.error).toBe('validation_failed');
    }
    expect((await call(ctx.app, 'GET', `/maps/${mapId}/views/${id}`)).body.version).toBe(1);
  });

  it('answer 404 for a view the map does not have, and for a map that does not exist', async () => {
    const mapId = await createMap(ctx.app);
    const other = await createMap(ctx.app);
    const elsewhere = (
      await call(ctx.app, 'POST', `/maps/${other}/views`, { name: 'B', state: {} })
    ).body;
    for (const id of ['01J0000000000000000000NONE', elsewhere.id]) {
      for (const [method, body] of [
        ['GET', undefined],
        ['PATCH', { name: 'C' }],
        ['DELETE', undefined],
      ] as const) {
        const response = await call(ctx.app, method, `/maps/${mapId}/views/${id}`, body);
        expect(response.status, `${method} ${id}`).toBe(404);
        expect(response.body).toMatchObject({
          error: 'not_found',
          details: [{ what: 'view', id }],
        });
      }
    }
    const noMap = await call(ctx.app, 'GET', '/maps/no-such-map/views');
    expect(noMap.status).toBe(404);
    expect(noMap.body.error).toBe('map_not_found');
    const noMapWrite = await call(ctx.app, 'POST', '/maps/no-such-map/views', {
      name: 'D',
      state: {},
    });
    expect(noMapWrite.status).toBe(404);
  });

  it('are read by a viewer, who may not save, change or delete one (403)', async () => {
    const mapId = await createMap(ctx.app);
    const viewer = await createUser(ctx.app, { name: 'Læser' });
    await grantRole(ctx.app, mapId, viewer, 'viewer');
    const as = { token: viewer.token };
    const { id } = (
      await call(ctx.app, 'POST', `/maps/${mapId}/views`, { name: 'Alle', state: { gaps: true } })
    ).body;
    expect((await callAs(ctx.app, as, 'GET', `/maps/${mapId}/views`)).body.items).toHaveLength(1);
    expect((await callAs(ctx.app, as, 'GET', `/maps/${mapId}/views/${id}`)).status).toBe(200);
    const before = await revision(mapId);
    for (const [method, url, body] of [
      ['POST', `/maps/${mapId}/views`, { name: 'Mine', state: {} }],
      ['PATCH', `/maps/${mapId}/views/${id}`, { name: 'Mine' }],
      ['DELETE', `/maps/${mapId}/views/${id}`, undefined],
    ] as const) {
      const response = await callAs(ctx.app, as, method, url, body);
      expect(response.status, method).toBe(403);
      expect(response.body).toMatchObject({ error: 'forbidden', message: expect.any(String) });
    }
    expect(await revision(mapId)).toBe(before);
    expect((await call(ctx.app, 'GET', `/maps/${mapId}/views/${id}`)).body.name).toBe('Alle');
  });

  it('are found by name, stay out of the graph, and go with their map', async () => {
    const { mapId, a } = await mapWithParties();
    for (const name of ['Boligsektoren', 'Byrådet i fokus', 'Replay 2019']) {
      await call(ctx.app, 'POST', `/maps/${mapId}/views`, { name, state: { focus: [a.id] } });
    }
    const found = await call(ctx.app, 'GET', `/maps/${mapId}/views?q=byr%C3%A5det`);
    expect(found.body.items.map((view: Json) => view.name)).toEqual(['Byrådet i fokus']);
    // The actor of the same name is no view.
    const actors = await call(ctx.app, 'GET', `/maps/${mapId}/actors?q=byr%C3%A5det`);
    expect(actors.body.items.map((actor: Json) => actor.name)).toEqual(['Byrådet']);

    const graph = await call(ctx.app, 'GET', `/maps/${mapId}/graph`);
    expect(graph.body.nodes.some((node: Json) => node.data.kind === 'view')).toBe(false);
    expect(graph.body.nodes).toHaveLength(3);

    const views = () =>
      countOverBolt('MATCH (v:View) WHERE v.mapId = $mapId RETURN count(v)', { mapId });
    expect(await views()).toBe(3);
    expect((await call(ctx.app, 'DELETE', `/maps/${mapId}`)).status).toBe(204);
    await expect.poll(views, { timeout: 30_000 }).toBe(0);
  });
});
