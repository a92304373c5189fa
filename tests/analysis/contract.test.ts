import { randomUUID } from 'node:crypto';
import type { TSchema } from 'typebox';
import { Compile } from 'typebox/compile';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AlliancesResponseSchema,
  BackingListSchema,
  GapReportSchema,
  NetworkMetricsSchema,
  TargetBackingSchema,
} from '../../graph-schema/analysis.ts';
import { GAP_KINDS, GraphResponseSchema, type GapKind } from '../../graph-schema/index.ts';
import { seededId } from '../../seed/ids.ts';
import { loadDemoMap } from '../../seed/load.ts';
import { buildTestApp, call, type TestContext } from '../helpers/app.ts';

/**
 * Real answers of every analysis endpoint and of `/graph` on the demo map, in both languages,
 * checked against their schemas with TypeBox's own validator. The API sends these
 * answers through JSON.stringify without looking at the schemas, so this is what keeps the
 * contract and the answers the same.
 */

let ctx: TestContext;
let mapId: string;
const id = (key: string) => seededId(mapId, key);

beforeAll(async () => {
  ctx = await buildTestApp();
  mapId = seededId('test', randomUUID());
  await loadDemoMap(ctx.db, { mapId, ownerId: ctx.user.user.id });
});
afterAll(() => ctx.close());

/** Fails with the validator's own errors, so a drifting field is named. */
function expectValid(schema: TSchema, body: unknown, what: string): void {
  const validator = Compile(schema);
  if (!validator.Check(body)) {
    const errors = validator.Errors(body).slice(0, 5);
    throw new Error(`${what} does not match its schema: ${JSON.stringify(errors, null, 1)}`);
  }
}

async function get(path: string) {
  const response = await call(ctx.app, 'GET', `/maps/${mapId}/${path}`);
  expect(response.status, path).toBe(200);
  return response.body;
}

describe.each(['da', 'en'])('the analysis answers in %s', (lang) => {
  it.each(['2026-11-28', '2019-06-01'])('match their schemas at %s', async (asOf) => {
    const query = `asOf=${asOf}&lang=${lang}`;
    // Every page of gaps, a few at a time, so the cursors and the last page are checked too.
    const kinds = new Set<GapKind>();
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await get(`gaps?${query}&limit=7${cursor ? `&cursor=${cursor}` : ''}`);
      expectValid(GapReportSchema, page, `/gaps page ${pages}`);
      for (const gap of page.gaps) kinds.add(gap.kind);
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBeGreaterThan(3);
    expectValid(GapReportSchema, await get(`gaps?${query}`), '/gaps');
    expectValid(AlliancesResponseSchema, await get(`alliances?${query}&limit=100`), '/alliances');
    expectValid(NetworkMetricsSchema, await get(`metrics?asOf=${asOf}`), '/metrics');
    expectValid(BackingListSchema, await get(`backing?${query}`), '/backing');
    for (const target of ['p-taastrupgaard', 'p-strategisk', 'charlotteskolen-site']) {
      expectValid(TargetBackingSchema, await get(`backing/${id(target)}?${query}`), target);
    }
    expectValid(GraphResponseSchema, await get(`graph?asOf=${asOf}`), '/graph at a date');
    // The demo map exercises most kinds of gap, each with its own shape of details.
    expect(kinds.size, [...kinds].join(', ')).toBeGreaterThanOrEqual(asOf > '2020' ? 11 : 6);
  });
});

describe('the graph', () => {
  it('matches its schema with every fact, and with only those valid at a date', async () => {
    const all = await get('graph');
    expectValid(GraphResponseSchema, all, '/graph');
    const then = await get('graph?asOf=2019-06-01');
    expect(then.edges.length).toBeLessThan(all.edges.length);
    expectValid(GraphResponseSchema, await get('graph?include=actors,initiatives'), '/graph');
  });
});

describe('the schemas', () => {
  it('are closed: an answer with an extra or a missing field, or a wrong detail, fails', async () => {
    const body = await get('gaps?asOf=2026-11-28&kind=uncoordinated_partners');
    expectValid(GapReportSchema, body, '/gaps');
    const validator = Compile(GapReportSchema);
    const gap = body.gaps[0];
    const withExtra = { ...body, gaps: [{ ...gap, colour: 'red' }] };
    const withoutMessage = { ...body, gaps: [{ ...gap, message: undefined }] };
    const wrongDetails = { ...body, gaps: [{ ...gap, details: { status: 'active' } }] };
    const wrongKind = { ...body, gaps: [{ ...gap, kind: 'isolated_actor' }] };
    for (const broken of [withExtra, withoutMessage, wrongDetails, wrongKind]) {
      expect(validator.Check(broken)).toBe(false);
    }
    const metrics = await get('metrics?asOf=2026-11-28');
    expect(Compile(NetworkMetricsSchema).Check({ ...metrics, extra: 1 })).toBe(false);
  });

  it('cover every gap kind', () => {
    const titles = GapReportSchema.properties.gaps.items.anyOf.map(
      (member: object) => (member as { title?: string }).title,
    );
    expect(titles).toEqual(GAP_KINDS.map((kind) => `Gap(${kind})`));
  });
});
