import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededId } from '../../seed/ids.ts';
import { loadDemoMap } from '../../seed/load.ts';
import { graphAt } from '../../web/src/lib/graph/replay.ts';
import type { GraphData } from '../../web/src/lib/types.ts';
import { buildTestApp, call, type TestContext } from '../helpers/app.ts';

/**
 * The web app loads the map once and replays it at a date itself (so that nodes keep their
 * places): it must show what `GET /graph?asOf=` answers, on the demo map at dates across its
 * history, planning lead time included.
 */

let ctx: TestContext;
let mapId: string;

beforeAll(async () => {
  ctx = await buildTestApp();
  mapId = `replay-${randomBytes(6).toString('hex')}`;
  await loadDemoMap(ctx.db, { mapId, ownerId: ctx.user.user.id });
});

afterAll(async () => {
  await ctx?.close();
});

const ids = (graph: GraphData) => ({
  nodes: graph.nodes.map(({ data }) => data.id).sort(),
  edges: graph.edges.map(({ data }) => data.id).sort(),
});

describe('replay on the web', () => {
  it('shows at each date what the API answers for that date', async () => {
    const full = (await call(ctx.app, 'GET', `/maps/${mapId}/graph`)).body as GraphData;
    const map = (await call(ctx.app, 'GET', `/maps/${mapId}`)).body;
    const lead = map.settings.planningLeadDays;
    for (const date of [
      '2015-01-01',
      '2019-06-01',
      '2023-12-31',
      '2024-06-01',
      '2026-12-01',
      '2031-01-01',
    ]) {
      const served = (await call(ctx.app, 'GET', `/maps/${mapId}/graph?asOf=${date}`)).body;
      expect(ids(graphAt(full, date, lead)), date).toEqual(ids(served));
    }
  });

  it('leaves out an initiative before its planning lead time and after its end', async () => {
    const full = (await call(ctx.app, 'GET', `/maps/${mapId}/graph`)).body as GraphData;
    const later = seededId(mapId, 'tg-boligsocial-2025'); // 2025-01-01 to 2028-12-31
    const has = (date: string, lead: number) =>
      graphAt(full, date, lead).nodes.some(({ data }) => data.id === later);
    expect(has('2019-06-01', 365)).toBe(false);
    expect(has('2024-06-01', 365)).toBe(true);
    expect(has('2024-06-01', 100)).toBe(false);
    expect(has('2029-01-01', 365)).toBe(false);
  });
});
