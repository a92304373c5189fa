import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GAP_KINDS } from '../../graph-schema/index.ts';
import { buildTestApp, call, createMap, type TestContext } from '../helpers/app.ts';
import { buildActor, buildCommitment, buildInitiative, buildStance } from '../helpers/factories.ts';
import { addDays, AS_OF, gapsOf, getGaps, theGap, type GapBody } from './helpers.ts';

/** `GET /gaps` as an API: filters, summary, languages, stable ids, dates and bad input. */

let ctx: TestContext;
let mapId: string;
let unowned: { id: string };
let sceptic: { id: string };

beforeAll(async () => {
  ctx = await buildTestApp();
  // A small map with gaps of several kinds and severities.
  mapId = await createMap(ctx.app);
  unowned = await buildInitiative(ctx.app, mapId, { title: 'Skolegrunden', status: 'active' });
  const planned = await buildInitiative(ctx.app, mapId, {
    title: 'Kvarterhus',
    status: 'idea',
    budget: 1000,
  });
  sceptic = await buildActor(ctx.app, mapId, {
    name: 'Udvalget',
    sector: 'political',
    influence: 5,
  });
  await buildStance(ctx.app, mapId, {
    actorId: sceptic.id,
    initiativeId: planned.id,
    position: 'sceptical',
  });
  const owner = await buildActor(ctx.app, mapId, { name: 'Boligselskabet' });
  await buildCommitment(ctx.app, mapId, {
    actorId: owner.id,
    initiativeId: planned.id,
    from: addDays(AS_OF, -30),
  });
});
afterAll(() => ctx.close());

describe('GET /gaps', () => {
  it('ranks by severity and summarises by kind and severity, every kind present', async () => {
    const body = await getGaps(ctx.app, mapId);
    const ranks = body.gaps.map((gap) => ['high', 'medium', 'low'].indexOf(gap.severity));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(Object.keys(body.summary.byKind).sort()).toEqual([...GAP_KINDS].sort());
    expect(body.summary.total).toBe(body.gaps.length);
    for (const kind of GAP_KINDS) expect(body.summary.byKind[kind]).toBe(gapsOf(body, kind).length);
    const high = body.gaps.filter((gap) => gap.severity === 'high').length;
    expect(body.summary.bySeverity.high).toBe(high);
    expect(body.asOf).toBe(AS_OF);
  });

  it('filters by kind (one or several) and by severity', async () => {
    const one = await getGaps(ctx.app, mapId, { kind: 'unowned_initiative' });
    expect(one.gaps.length).toBeGreaterThan(0);
    expect(one.gaps.every((gap) => gap.kind === 'unowned_initiative')).toBe(true);
    expect(one.summary.total).toBe(one.gaps.length);
    const two = await getGaps(ctx.app, mapId, {
      kind: ['unowned_initiative', 'powerful_opposition'],
    });
    expect(new Set(two.gaps.map((gap) => gap.kind))).toEqual(
      new Set(['unowned_initiative', 'powerful_opposition']),
    );
    const low = await getGaps(ctx.app, mapId, { severity: 'low' });
    expect(low.gaps.length).toBeGreaterThan(0);
    expect(low.gaps.every((gap) => gap.severity === 'low')).toBe(true);
    const all = await getGaps(ctx.app, mapId);
    expect(low.gaps.map((gap) => gap.id)).toEqual(
      all.gaps.filter((gap) => gap.severity === 'low').map((gap) => gap.id),
    );
  });

  it('speaks Danish by default, English on request, and follows Accept-Language', async () => {
    const danish = await getGaps(ctx.app, mapId, { kind: 'unowned_initiative' });
    const english = await getGaps(ctx.app, mapId, { kind: 'unowned_initiative', lang: 'en' });
    const byHeader = await getGaps(
      ctx.app,
      mapId,
      { kind: 'unowned_initiative' },
      { 'accept-language': 'en-GB,en;q=0.8' },
    );
    const overridden = await getGaps(
      ctx.app,
      mapId,
      { kind: 'unowned_initiative', lang: 'da' },
      { 'accept-language': 'en' },
    );
    const d = theGap(danish, 'unowned_initiative', unowned.id);
    const e = theGap(english, 'unowned_initiative', unowned.id);
    expect(danish.lang).toBe('da');
    expect(d.message).toBe('»Skolegrunden« har ingen ejer');
    expect(e.message).toBe('“Skolegrunden” has no owner');
    expect(e.explanation).not.toBe(d.explanation);
    expect(e.suggestion).toBeTruthy();
    expect(theGap(byHeader, 'unowned_initiative', unowned.id).message).toBe(e.message);
    expect(theGap(overridden, 'unowned_initiative', unowned.id).message).toBe(d.message);
    // The same finding has the same id in both languages.
    expect(e.id).toBe(d.id);
  });

  it('keeps a finding’s id across dates and edits', async () => {
    const before = theGap(await getGaps(ctx.app, mapId), 'unowned_initiative', unowned.id);
    const renamed = await call(ctx.app, 'PATCH', `/maps/${mapId}/initiatives/${unowned.id}`, {
      title: 'Skolegrunden i Hedehusene',
      status: 'planned',
    });
    expect(renamed.status).toBe(200);
    const after = theGap(
      await getGaps(ctx.app, mapId, { asOf: addDays(AS_OF, 200) }),
      'unowned_initiative',
      unowned.id,
    );
    expect(after.id).toBe(before.id);
    expect(after.subject.name).toBe('Skolegrunden i Hedehusene');
    // Another map's copy of a finding has another id.
    const other = await createMap(ctx.app);
    const copy = await buildInitiative(ctx.app, other, { title: 'Skolegrunden' });
    expect(theGap(await getGaps(ctx.app, other), 'unowned_initiative', copy.id).id).not.toBe(
      before.id,
    );
  });

  it('looks at asOf: a commitment that starts later does not count yet', async () => {
    const owned = gapsOf(
      await getGaps(ctx.app, mapId, { asOf: addDays(AS_OF, -31) }),
      'unowned_initiative',
    );
    expect(owned.map((gap) => gap.subject.name)).toContain('Kvarterhus');
    const now = gapsOf(await getGaps(ctx.app, mapId), 'unowned_initiative');
    expect(now.map((gap) => gap.subject.name)).not.toContain('Kvarterhus');
  });

  it('defaults asOf to today', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const fresh = await createMap(ctx.app);
    const work = await buildInitiative(ctx.app, fresh);
    const owner = await buildActor(ctx.app, fresh);
    await buildCommitment(ctx.app, fresh, {
      actorId: owner.id,
      initiativeId: work.id,
      from: addDays(today, 1),
    });
    const response = await call(ctx.app, 'GET', `/maps/${fresh}/gaps?kind=unowned_initiative`);
    expect(response.body.asOf).toBe(today);
    expect(response.body.gaps.map((gap: { subject: { id: string } }) => gap.subject.id)).toEqual([
      work.id,
    ]);
  });

  it('pages through the gaps with limit and cursor; every page carries the whole summary', async () => {
    const paged = await createMap(ctx.app);
    for (let i = 0; i < 11; i++) await buildActor(ctx.app, paged, { name: `Forening ${i}` });
    await buildInitiative(ctx.app, paged, { title: 'Skolegrunden' });
    const all = await getGaps(ctx.app, paged);
    expect(all.gaps.length).toBeGreaterThan(12);
    expect(all.nextCursor).toBeNull();
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const page: GapBody = await getGaps(ctx.app, paged, {
        limit: '5',
        ...(cursor ? { cursor } : {}),
      });
      expect(page.gaps.length).toBeLessThanOrEqual(5);
      expect(page.summary).toEqual(all.summary);
      ids.push(...page.gaps.map((gap) => gap.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(ids).toEqual(all.gaps.map((gap) => gap.id));
    // Filters narrow the summary and the pages alike.
    const low = await getGaps(ctx.app, paged, { severity: 'low', limit: '4' });
    expect(low.summary.total).toBe(11);
    expect(low.summary.bySeverity).toEqual({ high: 0, medium: 0, low: 11 });
    expect(low.gaps).toHaveLength(4);
    expect(low.nextCursor).not.toBeNull();
  });

  it('answers 409 for a cursor from before a change, 400 for one of another query', async () => {
    const paged = await createMap(ctx.app);
    for (let i = 0; i < 4; i++) await buildActor(ctx.app, paged);
    const first = await getGaps(ctx.app, paged, { limit: '2' });
    const cursor = first.nextCursor!;
    const url = (query: string) => `/maps/${paged}/gaps?asOf=${AS_OF}&${query}`;
    expect((await call(ctx.app, 'GET', url(`limit=2&cursor=${cursor}`))).status).toBe(200);
    const otherQuery = await call(ctx.app, 'GET', url(`severity=low&cursor=${cursor}`));
    expect(otherQuery.status).toBe(400);
    expect(otherQuery.body.error).toBe('invalid_cursor');
    const forged = await call(ctx.app, 'GET', url('cursor=bm9wZQ'));
    expect(forged.body.error).toBe('invalid_cursor');
    await buildActor(ctx.app, paged);
    const stale = await call(ctx.app, 'GET', url(`limit=2&cursor=${cursor}`));
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ error: 'stale_cursor' });
    expect(stale.body.message).toMatch(/first page/);
  });

  it.each([
    ['an unknown kind', 'kind=unowned'],
    ['an unknown severity', 'severity=critical'],
    ['a malformed date', 'asOf=28-11-2026'],
    ['an impossible date', 'asOf=2026-02-30'],
    ['an unknown language', 'lang=de'],
    ['an unknown parameter', 'colour=red'],
    ['a limit of 0', 'limit=0'],
    ['a limit above 5000', 'limit=5001'],
    ['an empty cursor', 'cursor='],
  ])('answers 400 for %s', async (_what, query) => {
    const response = await call(ctx.app, 'GET', `/maps/${mapId}/gaps?${query}`);
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ error: 'validation_failed' });
    expect(response.body.details.length).toBeGreaterThan(0);
  });

  it('answers 404 for an unknown map on every analysis endpoint', async () => {
    for (const path of ['gaps', 'alliances', 'backing', 'backing/nosuchtarget', 'metrics']) {
      const response = await call(ctx.app, 'GET', `/maps/01NOSUCHMAP000000000000000/${path}`);
      expect(response.status, path).toBe(404);
      expect(response.body.error, path).toBe('map_not_found');
    }
  });

  it('is documented in the OpenAPI description', async () => {
    const response = await ctx.app.inject({ url: '/docs/json' });
    const paths = response.json().paths;
    for (const path of ['gaps', 'alliances', 'backing', 'backing/{targetId}', 'metrics']) {
      expect(paths[`/api/v1/maps/{mapId}/${path}`], path).toBeDefined();
    }
    const kind = paths['/api/v1/maps/{mapId}/gaps'].get.parameters.find(
      (p: { name: string }) => p.name === 'kind',
    );
    expect(JSON.stringify(kind)).toContain('single_point_of_failure');
  });
});
