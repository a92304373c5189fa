import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, call, createMap, type TestContext } from '../helpers/app.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await buildTestApp();
});
afterAll(() => ctx.close());

describe('smoke', () => {
  it('creates and reads an actor', async () => {
    const mapId = await createMap(ctx.app);
    const created = await call(ctx.app, 'POST', `/maps/${mapId}/actors`, { name: 'AKB Taastrup', sector: 'housing', influence: 4 });
    expect(created.status).toBe(201);
    const read = await call(ctx.app, 'GET', `/maps/${mapId}/actors/${created.body.id}`);
    expect(read.body).toMatchObject({ name: 'AKB Taastrup', sector: 'housing', influence: 4, version: 1, areaIds: [], parentId: null });
  });
});
