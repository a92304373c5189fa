import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, call, createMap, type Json, type TestContext } from '../helpers/app.ts';
import {
  buildActor,
  buildArea,
  buildGoal,
  buildInitiative,
  buildPlan,
} from '../helpers/factories.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await buildTestApp();
});
afterAll(() => ctx.close());

/** One valid body per collection, a field to change, and a filter that selects it. */
const COLLECTIONS = [
  {
    collection: 'actors',
    body: {
      name: 'AKB Taastrup',
      sector: 'housing',
      type: 'Boligorganisation',
      influence: 4,
      interest: 5,
      tags: ['almen'],
    },
    patch: { influence: 5 },
    filter: 'sector=housing',
  },
  {
    collection: 'initiatives',
    body: {
      title: 'Kvarterhus',
      status: 'planned',
      budget: 15_000_000,
      startDate: '2024-01-01',
      endDate: '2027-12-31',
      priority: 4,
    },
    patch: { status: 'active' },
    filter: 'status=planned',
  },
  {
    collection: 'plans',
    body: { title: 'Gadehavegård udviklingsplan', status: 'active', budget: 850_000_000 },
    patch: { title: 'Gadehavegård helhedsplan' },
    filter: 'status=active',
  },
  {
    collection: 'goals',
    body: { title: 'Flere i job', theme: 'velfærd' },
    patch: { theme: 'jobs' },
    filter: 'theme=velfærd',
  },
  {
    collection: 'areas',
    body: { name: 'Taastrupgaard' },
    patch: { description: '917 familieboliger' },
    filter: null,
  },
  {
    collection: 'forums',
    body: { name: 'Styregruppen', kind: 'steering_group' },
    patch: { kind: 'board' },
    filter: 'kind=steering_group',
  },
] as const;

describe.each(COLLECTIONS)('$collection', ({ collection, body, patch, filter }) => {
  it('creates, reads, lists, updates and deletes', async () => {
    const mapId = await createMap(ctx.app);
    const created = await call(ctx.app, 'POST', `/maps/${mapId}/${collection}`, body);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ ...body, mapId, version: 1 });
    expect(created.body.id).toMatch(/^[0-9A-Z]{26}$/);
    expect(created.headers.etag).toBe('"1"');

    const read = await call(ctx.app, 'GET', `/maps/${mapId}/${collection}/${created.body.id}`);
    expect(read.status).toBe(200);
    expect(read.body).toEqual(created.body);

    const list = await call(
      ctx.app,
      'GET',
      `/maps/${mapId}/${collection}${filter ? `?${filter}` : ''}`,
    );
    expect(list.status).toBe(200);
    expect(list.body.items.map((item: { id: string }) => item.id)).toEqual([created.body.id]);

    const updated = await call(
      ctx.app,
      'PATCH',
      `/maps/${mapId}/${collection}/${created.body.id}`,
      patch,
      {
        'if-match': '1',
      },
    );
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ ...body, ...patch, version: 2 });
    expect(Date.parse(updated.body.updatedAt)).toBeGreaterThanOrEqual(
      Date.parse(created.body.updatedAt),
    );

    const stale = await call(
      ctx.app,
      'DELETE',
      `/maps/${mapId}/${collection}/${created.body.id}`,
      undefined,
      {
        'if-match': '1',
      },
    );
    expect(stale.status).toBe(412);
    expect(stale.body.error).toBe('stale_version');

    const deleted = await call(
      ctx.app,
      'DELETE',
      `/maps/${mapId}/${collection}/${created.body.id}`,
      undefined,
      {
        'if-match': '2',
      },
    );
    expect(deleted.status).toBe(204);
    expect(
      (await call(ctx.app, 'GET', `/maps/${mapId}/${collection}/${created.body.id}`)).status,
    ).toBe(404);
  });

  it('answers 404 for an unknown id and an unknown map', async () => {
    const mapId = await createMap(ctx.app);
    const unknownId = await call(
      ctx.app,
      'GET',
      `/maps/${mapId}/${collection}/01ARZ3NDEKTSV4RRFFQ69G5FAV`,
    );
    expect(unknownId.status).toBe(404);
    expect(unknownId.body.error).toBe('not_found');
    const patchUnknown = await call(
      ctx.app,
      'PATCH',
      `/maps/${mapId}/${collection}/01ARZ3NDEKTSV4RRFFQ69G5FAV`,
      patch,
    );
    expect(patchUnknown.status).toBe(404);
    const unknownMap = await call(
      ctx.app,
      'POST',
      `/maps/01ARZ3NDEKTSV4RRFFQ69G5FAV/${collection}`,
      body,
    );
    expect(unknownMap.status).toBe(404);
    expect(unknownMap.body.error).toBe('map_not_found');
  });

  it('refuses an unknown field and an empty patch, changing nothing', async () => {
    const mapId = await createMap(ctx.app);
    const unknownField = await call(ctx.app, 'POST', `/maps/${mapId}/${collection}`, {
      ...body,
      colour: 'red',
    });
    expect(unknownField.status).toBe(400);
    expect(unknownField.body.details).toContainEqual(
      expect.objectContaining({ path: 'body/colour' }),
    );
    const created = await call(ctx.app, 'POST', `/maps/${mapId}/${collection}`, body);
    const empty = await call(
      ctx.app,
      'PATCH',
      `/maps/${mapId}/${collection}/${created.body.id}`,
      {},
    );
    expect(empty.status).toBe(400);
    const list = await call(ctx.app, 'GET', `/maps/${mapId}/${collection}`);
    expect(list.body.items).toHaveLength(1);
    expect(list.body.items[0].version).toBe(1);
  });
});

describe('bad input', () => {
  const cases: [string, string | Record<string, unknown>, string][] = [
    ['malformed JSON', '{"name": "AKB", ', 'malformed_json'],
    ['a wrong type', { name: 'AKB', sector: 'housing', influence: '4' }, 'validation_failed'],
    [
      'an out-of-range value',
      { name: 'AKB', sector: 'housing', influence: 6 },
      'validation_failed',
    ],
    ['an unknown enum value', { name: 'AKB', sector: 'pirates' }, 'validation_failed'],
    ['a missing required field', { sector: 'housing' }, 'validation_failed'],
    ['a blank name', { name: '   ', sector: 'housing' }, 'validation_failed'],
    [
      'a malformed source',
      { name: 'AKB', sector: 'housing', source: { kind: 'rumour' } },
      'validation_failed',
    ],
    ['a JSON array', [] as unknown as Record<string, unknown>, 'validation_failed'],
  ];
  it.each(cases)('answers 400 for %s and stores nothing', async (_, payload, code) => {
    const mapId = await createMap(ctx.app);
    const response = await call(ctx.app, 'POST', `/maps/${mapId}/actors`, payload);
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({
      error: code,
      message: expect.any(String),
      details: expect.any(Array),
    });
    expect((await call(ctx.app, 'GET', `/maps/${mapId}/actors`)).body.items).toEqual([]);
  });

  it('names the allowed values of an enum', async () => {
    const mapId = await createMap(ctx.app);
    const response = await call(ctx.app, 'POST', `/maps/${mapId}/initiatives`, {
      title: 'X',
      status: 'done',
    });
    expect(response.body.details[0]).toMatchObject({ path: 'body/status' });
    expect(response.body.details[0].message).toContain('completed');
  });

  it('refuses a date that does not exist and dates in the wrong order', async () => {
    const mapId = await createMap(ctx.app);
    const impossible = await call(ctx.app, 'POST', `/maps/${mapId}/initiatives`, {
      title: 'X',
      status: 'idea',
      startDate: '2025-02-30',
    });
    expect(impossible.status).toBe(400);
    const reversed = await call(ctx.app, 'POST', `/maps/${mapId}/initiatives`, {
      title: 'X',
      status: 'idea',
      startDate: '2026-01-01',
      endDate: '2025-01-01',
    });
    expect(reversed.status).toBe(400);
    expect(reversed.body.details[0]).toMatchObject({
      path: '/endDate',
      keyword: 'date_order',
      params: { after: 'startDate' },
    });
  });

  it('answers 400 for a malformed If-Match and a bad query parameter', async () => {
    const mapId = await createMap(ctx.app);
    const actor = await buildActor(ctx.app, mapId);
    const badHeader = await call(
      ctx.app,
      'PATCH',
      `/maps/${mapId}/actors/${actor.id}`,
      { influence: 2 },
      {
        'if-match': 'yesterday',
      },
    );
    expect(badHeader.status).toBe(400);
    expect(badHeader.body.error).toBe('invalid_if_match');
    expect((await call(ctx.app, 'GET', `/maps/${mapId}/actors/${actor.id}`)).body.version).toBe(1);
    for (const query of ['limit=0', 'limit=abc', 'sector=pirates', 'cursor=bm9wZQ', 'colour=red']) {
      const response = await call(ctx.app, 'GET', `/maps/${mapId}/actors?${query}`);
      expect(response.status, query).toBe(400);
      expect(response.body.error, query).toMatch(/validation_failed|invalid_cursor/);
    }
  });

  it('answers 404 in the error shape for an unknown route', async () => {
    const response = await call(ctx.app, 'GET', '/nowhere');
    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({ error: 'route_not_found', details: [] });
  });
});

describe('structural links', () => {
  it('sets and replaces links as id arrays', async () => {
    const mapId = await createMap(ctx.app);
    const [north, south] = [await buildArea(ctx.app, mapId), await buildArea(ctx.app, mapId)];
    const goal = await buildGoal(ctx.app, mapId);
    const plan = await buildPlan(ctx.app, mapId);
    const before = await buildInitiative(ctx.app, mapId);
    const initiative = await buildInitiative(ctx.app, mapId, {
      areaIds: [north.id],
      goalIds: [goal.id],
      planId: plan.id,
      dependsOn: [before.id],
    });
    expect(initiative).toMatchObject({
      areaIds: [north.id],
      goalIds: [goal.id],
      planId: plan.id,
      dependsOn: [before.id],
    });
    const moved = await call(ctx.app, 'PATCH', `/maps/${mapId}/initiatives/${initiative.id}`, {
      areaIds: [south.id],
      planId: null,
    });
    expect(moved.body).toMatchObject({ areaIds: [south.id], planId: null, goalIds: [goal.id] });
    const byArea = await call(ctx.app, 'GET', `/maps/${mapId}/initiatives?areaId=${south.id}`);
    expect(byArea.body.items.map((item: { id: string }) => item.id)).toEqual([initiative.id]);
  });

  it('refuses a reference to an entity of another map or of the wrong kind', async () => {
    const mapId = await createMap(ctx.app);
    const otherMap = await createMap(ctx.app);
    const foreignArea = await buildArea(ctx.app, otherMap);
    const localGoal = await buildGoal(ctx.app, mapId);
    const crossMap = await call(ctx.app, 'POST', `/maps/${mapId}/actors`, {
      name: 'X',
      sector: 'other',
      areaIds: [foreignArea.id],
    });
    expect(crossMap.status).toBe(400);
    expect(crossMap.body).toMatchObject({
      error: 'unknown_reference',
      details: [{ path: '/areaIds/0', keyword: 'unknown_reference' }],
    });
    const wrongKind = await call(ctx.app, 'POST', `/maps/${mapId}/initiatives`, {
      title: 'X',
      status: 'idea',
      planId: localGoal.id,
    });
    expect(wrongKind.status).toBe(400);
    expect((await call(ctx.app, 'GET', `/maps/${mapId}/actors`)).body.items).toEqual([]);
    expect((await call(ctx.app, 'GET', `/maps/${mapId}/initiatives`)).body.items).toEqual([]);
    // The other map's area is untouched and still has no actors.
    expect(
      (await call(ctx.app, 'GET', `/maps/${otherMap}/actors?areaId=${foreignArea.id}`)).body.items,
    ).toEqual([]);
  });

  it('refuses PART_OF and DEPENDS_ON links that would close a cycle', async () => {
    const mapId = await createMap(ctx.app);
    const municipality = await buildActor(ctx.app, mapId);
    const centre = await buildActor(ctx.app, mapId, { parentId: municipality.id });
    const team = await buildActor(ctx.app, mapId, { parentId: centre.id });
    const cycle = await call(ctx.app, 'PATCH', `/maps/${mapId}/actors/${municipality.id}`, {
      parentId: team.id,
    });
    expect(cycle.status).toBe(400);
    expect(cycle.body).toMatchObject({
      error: 'cycle',
      details: [{ path: '/parentId', keyword: 'cycle' }],
    });
    const self = await call(ctx.app, 'PATCH', `/maps/${mapId}/actors/${team.id}`, {
      parentId: team.id,
    });
    expect(self.status).toBe(400);
    expect(
      (await call(ctx.app, 'GET', `/maps/${mapId}/actors/${municipality.id}`)).body,
    ).toMatchObject({
      parentId: null,
      version: 1,
    });

    const strategic = await buildPlan(ctx.app, mapId);
    const areaPlan = await buildPlan(ctx.app, mapId, { parentId: strategic.id });
    expect(
      (
        await call(ctx.app, 'PATCH', `/maps/${mapId}/plans/${strategic.id}`, {
          parentId: areaPlan.id,
        })
      ).status,
    ).toBe(400);

    const a = await buildInitiative(ctx.app, mapId);
    const b = await buildInitiative(ctx.app, mapId, { dependsOn: [a.id] });
    const c = await buildInitiative(ctx.app, mapId, { dependsOn: [b.id] });
    const loop = await call(ctx.app, 'PATCH', `/maps/${mapId}/initiatives/${a.id}`, {
      dependsOn: [c.id],
    });
    expect(loop.status).toBe(400);
    expect(loop.body.error).toBe('cycle');
    expect(
      (await call(ctx.app, 'GET', `/maps/${mapId}/initiatives/${a.id}`)).body.dependsOn,
    ).toEqual([]);
  });
});

describe('lists', () => {
  it('pages with limit and cursor, in a stable order, without gaps or repeats', async () => {
    const mapId = await createMap(ctx.app);
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) ids.push((await buildGoal(ctx.app, mapId)).id);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { status: number; body: Json } = await call(
        ctx.app,
        'GET',
        `/maps/${mapId}/goals?limit=3${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(3);
      seen.push(...page.body.items.map((item: { id: string }) => item.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...ids].sort());
  });

  it('searches names by word prefix, within the map only', async () => {
    const mapId = await createMap(ctx.app);
    const otherMap = await createMap(ctx.app);
    const museum = await buildActor(ctx.app, mapId, {
      name: 'Kroppedal Museum',
      sector: 'culture',
    });
    await buildActor(ctx.app, mapId, { name: 'Høje-Taastrup Kommune' });
    await buildActor(ctx.app, otherMap, { name: 'Kroppedal Museum', sector: 'culture' });
    for (const q of ['kropp', 'Museum', 'kroppedal mus']) {
      const found = await call(ctx.app, 'GET', `/maps/${mapId}/actors?q=${encodeURIComponent(q)}`);
      expect(
        found.body.items.map((item: { id: string }) => item.id),
        q,
      ).toEqual([museum.id]);
    }
    const taastrup = await call(
      ctx.app,
      'GET',
      `/maps/${mapId}/actors?q=${encodeURIComponent('høje-taastrup')}`,
    );
    expect(taastrup.body.items).toHaveLength(1);
    const operators = await call(
      ctx.app,
      'GET',
      `/maps/${mapId}/actors?q=${encodeURIComponent('*:* OR (a')}`,
    );
    expect(operators.status).toBe(200);
    expect(operators.body.items).toEqual([]);
  });
});

describe('strings that look like Cypher', () => {
  it('are stored literally and touch nothing else', async () => {
    const mapId = await createMap(ctx.app);
    const bystander = await buildActor(ctx.app, mapId, { name: 'Bystander' });
    const nasty = [
      "x'}) MATCH (n) DETACH DELETE n //",
      '"; MATCH (n) SET n.name = "pwned" RETURN n; //',
      '$mapId } ) WITH 1 AS x CALL db.clearQueryCaches()',
      '`Actor` :Map {id: "x"}',
    ];
    for (const name of nasty) {
      const created = await call(ctx.app, 'POST', `/maps/${mapId}/actors`, {
        name,
        sector: 'other',
        tags: [name],
      });
      expect(created.status).toBe(201);
      const read = await call(ctx.app, 'GET', `/maps/${mapId}/actors/${created.body.id}`);
      expect(read.body.name).toBe(name);
      expect(read.body.tags).toEqual([name]);
    }
    const all = await call(ctx.app, 'GET', `/maps/${mapId}/actors?limit=100`);
    expect(all.body.items).toHaveLength(nasty.length + 1);
    expect(
      (await call(ctx.app, 'GET', `/maps/${mapId}/actors/${bystander.id}`)).body,
    ).toMatchObject({
      name: 'Bystander',
      version: 1,
    });
    expect((await call(ctx.app, 'GET', `/maps/${mapId}`)).status).toBe(200);
  });
});
