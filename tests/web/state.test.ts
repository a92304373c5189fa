import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ApiClient, fieldErrorsOf } from '../../web/src/lib/api.ts';
import { describeProblem, toBody, toFormValues } from '../../web/src/lib/forms.ts';
import { AnalysisStore } from '../../web/src/lib/state/analysis.svelte.ts';
import { EditorState } from '../../web/src/lib/state/editor.svelte.ts';
import { FilterState } from '../../web/src/lib/state/filters.svelte.ts';
import { LOCALE_STORAGE_KEY, LocaleState } from '../../web/src/lib/state/locale.svelte.ts';
import { MapStore } from '../../web/src/lib/state/map-store.svelte.ts';
import { formatRoute, parseRoute } from '../../web/src/lib/state/router.svelte.ts';
import type { BackingTarget, Gap } from '../../web/src/lib/types.ts';
import { fundedShare, missingCount, sortBacking } from '../../web/src/lib/backing.ts';
import { buildTestApp, call, createMap, signIn, type TestContext } from '../helpers/app.ts';
import { buildActor, buildCommitment, buildInitiative } from '../helpers/factories.ts';

/**
 * `fetch` answered by the real app (and the real Neo4j) through `inject`, without a socket, as
 * a browser signed in with `session` sends it: with the session cookie and the page's origin.
 */
function injectFetch(
  app: FastifyInstance,
  session: string,
  rewrite: (url: string) => string = (url) => url,
): typeof fetch {
  return (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = rewrite(typeof input === 'string' ? input : input.toString());
    const response = await app.inject({
      method: (init?.method ?? 'GET') as 'GET',
      url,
      headers: {
        ...(init?.headers as Record<string, string>),
        cookie: `samspil_session=${session}`,
        origin: 'http://localhost',
      },
      payload: init?.body as string | undefined,
    });
    return new Response(response.statusCode === 204 ? null : response.body, {
      status: response.statusCode,
      headers: { 'content-type': String(response.headers['content-type'] ?? 'application/json') },
    });
  }) as typeof fetch;
}

let ctx: TestContext;
let api: ApiClient;
let session: string;
beforeAll(async () => {
  ctx = await buildTestApp();
  session = await signIn(ctx.app, ctx.user.email, ctx.user.password);
  api = new ApiClient('/api/v1', injectFetch(ctx.app, session));
});
afterAll(() => ctx.close());

describe('FilterState', () => {
  it('toggles values, counts active filters and clears them', () => {
    const filters = new FilterState();
    filters.toggle('sectors', 'housing');
    filters.toggle('statuses', 'active');
    filters.toggle('sectors', 'residents');
    expect(filters.spec.sectors).toEqual(['housing', 'residents']);
    expect(filters.activeCount).toBe(3);
    filters.toggle('sectors', 'housing');
    expect(filters.has('sectors', 'housing')).toBe(false);
    filters.clear();
    expect(filters.activeCount).toBe(0);
    expect(filters.spec.statuses).toEqual([]);
  });

  it('reveals a hidden node: switches its kind on and clears filters that hide it', () => {
    const filters = new FilterState();
    filters.toggle('sectors', 'housing');
    expect(filters.show.goals).toBe(false);
    expect(filters.reveal({ kind: 'goal' }, false)).toBe(true);
    expect(filters.show.goals).toBe(true);
    expect(filters.activeCount).toBe(0);
    filters.toggle('statuses', 'active');
    expect(filters.reveal({ kind: 'actor' }, true)).toBe(false);
    expect(filters.activeCount).toBe(1);
  });
});

describe('LocaleState', () => {
  const storage = () => {
    const values = new Map<string, string>();
    return {
      getItem: (key: string) => values.get(key) ?? null,
      setItem: (key: string, value: string) => void values.set(key, value),
      values,
    };
  };

  it('speaks Danish by default and remembers a switch', () => {
    const store = storage();
    const locale = new LocaleState(store);
    expect(locale.lang).toBe('da');
    expect(locale.t('nav.backing')).toBe('Opbakning');
    locale.set('en');
    expect(locale.t('nav.backing')).toBe('Backing');
    expect(locale.label('sector', 'residents')).toBe('Residents');
    expect(store.values.get(LOCALE_STORAGE_KEY)).toBe('en');
    expect(new LocaleState(store).lang).toBe('en');
  });

  it('ignores a stored value that is not a language', () => {
    const store = storage();
    store.setItem(LOCALE_STORAGE_KEY, 'fr');
    expect(new LocaleState(store).lang).toBe('da');
  });
});

describe('routes', () => {
  it('parse and format map views, selections and the map list', () => {
    expect(parseRoute('#/maps')).toEqual({ name: 'maps' });
    expect(parseRoute('#/maps/abc/backing')).toEqual({
      name: 'map',
      mapId: 'abc',
      view: 'backing',
    });
    expect(parseRoute('#/maps/abc/nonsense')).toEqual({ name: 'map', mapId: 'abc', view: 'map' });
    expect(parseRoute('', '?map=xyz')).toEqual({ name: 'map', mapId: 'xyz', view: 'map' });
    expect(parseRoute('')).toEqual({ name: 'home' });
    const route = { name: 'map', mapId: 'm1', view: 'grid', select: 'a1' } as const;
    expect(parseRoute(formatRoute(route))).toEqual(route);
  });
});

describe('forms', () => {
  it('send only changed fields on edit, null to clear, and a target as initiativeId or planId', () => {
    const initial = toFormValues('actors', {
      name: 'AKB',
      sector: 'housing',
      influence: 4,
      tags: ['a'],
      areaIds: [],
    });
    const edited = { ...initial, influence: '', tags: 'a, b', name: 'AKB Taastrup' };
    expect(toBody('actors', edited, initial)).toEqual({
      name: 'AKB Taastrup',
      influence: null,
      tags: ['a', 'b'],
    });
    const commitment = toFormValues('commitments', { actorId: 'x', planId: 'p' });
    expect(commitment.target).toBe('plan:p');
    expect(
      toBody('commitments', {
        ...commitment,
        role: 'owner',
        status: 'agreed',
        amount: '15.000.000',
      }),
    ).toMatchObject({
      actorId: 'x',
      planId: 'p',
      amount: 15_000_000,
    });
  });

  it("put known validation problems in the user's language and pass others through", async () => {
    const da = new LocaleState(null);
    const mapId = await createMap(ctx.app);
    const blank = await call(ctx.app, 'POST', `/maps/${mapId}/actors`, {
      name: ' \u200b ',
      sector: 'municipal',
    });
    expect(blank.status).toBe(400);
    expect(describeProblem(da.t, blank.body.details[0])).toBe('Skal udfyldes');
    expect(
      describeProblem(da.t, { message: 'must be <= 5', keyword: 'maximum', params: { limit: 5 } }),
    ).toBe('Må højst være 5');
    expect(describeProblem(da.t, { message: 'no actor "x" in this map' })).toBe(
      'no actor "x" in this map',
    );
  });

  it("put the API's own checks in the user's language by their keyword", () => {
    const da = new LocaleState(null);
    expect(
      describeProblem(da.t, { message: 'no area "x" in this map', keyword: 'unknown_reference' }),
    ).toBe('Findes ikke (længere) på dette kort');
    expect(
      describeProblem(da.t, {
        message: 'must not be before startDate (2026-01-01)',
        keyword: 'date_order',
        params: { after: 'startDate' },
      }),
    ).toBe('Må ikke ligge før Start');
    expect(describeProblem(da.t, { message: 'would close a cycle', keyword: 'cycle' })).toMatch(
      /ring/,
    );
  });

  it('read field errors from either path style', () => {
    expect(
      fieldErrorsOf([
        { path: 'body/name', message: 'a' },
        { path: '/initiativeId', message: 'b' },
        { path: 'body/source/url', message: 'c' },
      ]),
    ).toEqual({
      name: 'a',
      initiativeId: 'b',
      source: 'c',
    });
  });
});

describe('backing table order', () => {
  const target = (
    title: string,
    budget: number | null,
    secured: number,
    missing: number,
    claims = 0,
  ): BackingTarget => ({
    target: {
      type: 'initiative',
      id: title,
      title,
      status: 'active',
      budget,
      startDate: null,
      endDate: null,
      live: true,
    },
    claims: Array.from({ length: claims }, () => ({}) as BackingTarget['claims'][number]),
    bySector: [],
    funding: {
      budget,
      currency: 'DKK',
      byStatus: { proposed: 0, agreed: secured, formalised: 0 },
      secured,
      shortfall: null,
      coverage: null,
      text: '',
    },
    flags: {
      political: { state: 'backed', missing: false, text: '', actors: [] },
      resident: { state: 'backed', missing: false, text: '', actors: [] },
      economic: { state: 'backed', missing: false, text: '', actors: [] },
      missingPolitical: missing > 0,
      missingResident: missing > 1,
      missingEconomic: missing > 2,
    },
  });
  const rows = [
    target('Bolig', 100, 50, 0, 3),
    target('Anlæg', null, 0, 3, 1),
    target('Cykelsti', 100, 10, 1, 5),
  ];

  it('sorts by share funded (least first, no budget last), by missing backing, by claims and by title', () => {
    expect(fundedShare(rows[0]!)).toBe(0.5);
    expect(fundedShare(rows[1]!)).toBeNull();
    expect(sortBacking(rows, 'funding', 'da').map((row) => row.target.title)).toEqual([
      'Cykelsti',
      'Bolig',
      'Anlæg',
    ]);
    expect(sortBacking(rows, 'flags', 'da').map((row) => row.target.title)).toEqual([
      'Anlæg',
      'Cykelsti',
      'Bolig',
    ]);
    expect(sortBacking(rows, 'claims', 'da').map((row) => row.target.title)).toEqual([
      'Cykelsti',
      'Bolig',
      'Anlæg',
    ]);
    expect(sortBacking(rows, 'title', 'da').map((row) => row.target.title)).toEqual([
      'Anlæg',
      'Bolig',
      'Cykelsti',
    ]);
    expect(sortBacking(rows, 'order', 'da')).toEqual(rows);
    expect(missingCount(rows[1]!)).toBe(3);
  });
});

describe('MapStore against the real API', () => {
  it('opens a map with its graph and layout, and tells the places chosen by hand', async () => {
    const mapId = await createMap(ctx.app, 'Store map');
    const actor = await buildActor(ctx.app, mapId, { name: 'Kommunen' });
    const other = await buildActor(ctx.app, mapId, { name: 'Skolen' });
    await call(ctx.app, 'PUT', `/maps/${mapId}/layout`, {
      positions: { [actor.id]: { x: 5, y: 6, pinned: true }, [other.id]: { x: 1, y: 2 } },
    });
    const store = new MapStore(api);
    await store.open(mapId);
    expect(store.status).toBe('ready');
    expect(store.map?.name).toBe('Store map');
    expect(store.node(actor.id)?.label).toBe('Kommunen');
    expect(store.positions).toEqual({
      [actor.id]: { x: 5, y: 6, pinned: true },
      [other.id]: { x: 1, y: 2 },
    });
    expect(store.pinned).toEqual({ [actor.id]: { x: 5, y: 6, pinned: true } });
  });

  it('saves places on top of what colleagues placed meanwhile', async () => {
    const mapId = await createMap(ctx.app);
    const [a, b, c, d] = await Promise.all([
      buildActor(ctx.app, mapId),
      buildActor(ctx.app, mapId),
      buildActor(ctx.app, mapId),
      buildActor(ctx.app, mapId),
    ]);
    await call(ctx.app, 'PUT', `/maps/${mapId}/layout`, {
      positions: { [a.id]: { x: 1, y: 1, pinned: true }, [d.id]: { x: 9, y: 9 } },
    });
    const store = new MapStore(api, 10_000);
    await store.open(mapId);
    // A colleague places b after this store loaded.
    await call(ctx.app, 'PUT', `/maps/${mapId}/layout`, {
      positions: {
        [a.id]: { x: 1, y: 1, pinned: true },
        [b.id]: { x: 2, y: 2 },
        [d.id]: { x: 9, y: 9 },
      },
    });
    // c dragged (pinned where it was dropped), a let go (it stays, unpinned), d forgotten.
    store.pin({ [c.id]: { x: 30.4, y: 40.6 }, [a.id]: null });
    store.place({ [d.id]: null });
    await store.flushLayout();
    const saved = await call(ctx.app, 'GET', `/maps/${mapId}/layout`);
    expect(saved.body.positions).toEqual({
      [a.id]: { x: 1, y: 1 },
      [b.id]: { x: 2, y: 2 },
      [c.id]: { x: 30, y: 41, pinned: true },
    });
  });

  it('replaces the whole layout and gives back the one it replaced, for an undo', async () => {
    const mapId = await createMap(ctx.app);
    const [a, b] = await Promise.all([buildActor(ctx.app, mapId), buildActor(ctx.app, mapId)]);
    const first = { [a.id]: { x: 1, y: 1 }, [b.id]: { x: 2, y: 2, pinned: true } };
    await call(ctx.app, 'PUT', `/maps/${mapId}/layout`, { positions: first });
    const store = new MapStore(api, 10_000);
    await store.open(mapId);
    const previous = store.replaceLayout({ [a.id]: { x: 50, y: 60 }, [b.id]: first[b.id] });
    expect(previous).toEqual(first);
    await store.flushLayout();
    expect((await call(ctx.app, 'GET', `/maps/${mapId}/layout`)).body.positions[a.id]).toEqual({
      x: 50,
      y: 60,
    });
    store.replaceLayout(previous);
    await store.flushLayout();
    expect((await call(ctx.app, 'GET', `/maps/${mapId}/layout`)).body.positions).toEqual(first);
  });

  it('reports an unknown map as an error, not as an empty map', async () => {
    const store = new MapStore(api);
    await store.open('no-such-map');
    expect(store.status).toBe('error');
    expect(store.error?.code).toBe('map_not_found');
    expect(store.error?.status).toBe(404);
  });

  it('replays the graph at an earlier date', async () => {
    const mapId = await createMap(ctx.app);
    const actor = await buildActor(ctx.app, mapId);
    const initiative = await buildInitiative(ctx.app, mapId);
    await buildCommitment(ctx.app, mapId, {
      actorId: actor.id,
      initiativeId: initiative.id,
      from: '2024-01-01',
    });
    const store = new MapStore(api);
    await store.open(mapId);
    expect(store.graph.edges.some((edge) => edge.data.kind === 'commitment')).toBe(true);
    await store.setAsOf('2023-06-01');
    expect(store.graph.edges.some((edge) => edge.data.kind === 'commitment')).toBe(false);
  });
});

describe('AnalysisStore against the real API', () => {
  it('keeps the API’s order and takes its counts from the summary', async () => {
    const mapId = await createMap(ctx.app);
    await buildInitiative(ctx.app, mapId, { title: 'Kvarterhus', status: 'active' });
    await buildActor(ctx.app, mapId, { name: 'Forening' });
    const store = new AnalysisStore(api);
    await store.refresh(mapId, { lang: 'da' });
    expect(store.gaps.status).toBe('ready');
    const report = (await call(ctx.app, 'GET', `/maps/${mapId}/gaps?lang=da`)).body;
    expect(store.gaps.value.map((gap) => gap.id)).toEqual(report.gaps.map((gap: Gap) => gap.id));
    expect(store.counts).toEqual(report.summary.bySeverity);
    expect(store.total).toBe(report.summary.total);
    const first = store.gaps.value[0]!;
    expect(store.byElement.get(first.subject.id)).toContain(first);
  });

  it('pages through gaps, filters by severity on the server and survives a change mid-list', async () => {
    const mapId = await createMap(ctx.app);
    for (let i = 0; i < 5; i++) await buildActor(ctx.app, mapId, { name: `Forening ${i}` });
    await buildInitiative(ctx.app, mapId, { title: 'Kvarterhus', status: 'active' });
    const limited = new ApiClient(
      '/api/v1',
      injectFetch(ctx.app, session, (url) => url.replace('limit=500', 'limit=2')),
    );
    const store = new AnalysisStore(limited);
    await store.refresh(mapId, { lang: 'en' });
    expect(store.gaps.value).toHaveLength(2);
    expect(store.total).toBe(7);
    await store.loadMore();
    expect(store.gaps.value).toHaveLength(4);
    await store.filter('low');
    expect(store.gaps.value.every((gap) => gap.severity === 'low')).toBe(true);
    expect(store.listSummary?.total).toBe(5);
    // The header keeps counting the whole map.
    expect(store.total).toBe(7);
    // The map changes while the list is half read: the next page starts the list afresh.
    await buildActor(ctx.app, mapId, { name: 'Forening 5' });
    await store.loadMore();
    expect(store.gaps.status).toBe('ready');
    expect(store.gaps.value).toHaveLength(2);
    expect(store.listSummary?.total).toBe(6);
  });

  it('loads alliances and metrics only while they are needed', async () => {
    const mapId = await createMap(ctx.app);
    await buildActor(ctx.app, mapId);
    const requests: string[] = [];
    const counting = new ApiClient(
      '/api/v1',
      injectFetch(ctx.app, session, (url) => {
        requests.push(new URL(url, 'http://x').pathname.split('/').pop()!);
        return url;
      }),
    );
    const store = new AnalysisStore(counting);
    await store.refresh(mapId, { lang: 'en' });
    expect(requests).toEqual(['gaps']);
    const release = store.need('metrics');
    await vi.waitFor(() => expect(store.metrics.status).toBe('ready'));
    expect(Object.keys(store.betweenness()!)).toHaveLength(1);
    // While needed, a refresh reloads them; once released, only the gaps.
    await store.refresh(mapId, { lang: 'en' });
    expect(requests.filter((r) => r === 'metrics')).toHaveLength(2);
    release();
    await store.refresh(mapId, { lang: 'en' });
    expect(requests.filter((r) => r === 'metrics')).toHaveLength(2);
    expect(requests.filter((r) => r === 'gaps')).toHaveLength(3);
    expect(requests).not.toContain('alliances');
  });
});

describe('EditorState against the real API', () => {
  function editor(mapId: string) {
    const changes: number[] = [];
    const state = new EditorState(api, {
      mapId: () => mapId,
      changed: () => void changes.push(Date.now()),
      text: {
        saved: () => 'saved',
        created: (c) => `created ${c}`,
        deleted: (c) => `deleted ${c}`,
        undone: () => 'undone',
      },
    });
    return { state, changes };
  }

  it('shows the API validation messages next to the fields and saves nothing', async () => {
    const mapId = await createMap(ctx.app);
    const { state, changes } = editor(mapId);
    state.openCreate('actors');
    const saved = await state.submit({
      ...toFormValues('actors'),
      name: '',
      sector: 'housing',
      influence: '9',
    });
    expect(saved).toBeNull();
    expect(state.form).not.toBeNull();
    expect(Object.keys(state.fieldErrors).sort()).toEqual(
      expect.arrayContaining(['influence', 'name']),
    );
    expect(changes).toHaveLength(0);
    expect((await call(ctx.app, 'GET', `/maps/${mapId}/actors`)).body.items).toHaveLength(0);
  });

  it('creates, then edits with If-Match; a stale version offers the latest', async () => {
    const mapId = await createMap(ctx.app);
    const { state, changes } = editor(mapId);
    state.openCreate('actors');
    const created = await state.submit({
      ...toFormValues('actors'),
      name: 'AKB',
      sector: 'housing',
    });
    expect(created?.id).toBeTruthy();
    expect(state.form).toBeNull();
    expect(state.toast?.message).toBe('created actors');
    expect(changes).toHaveLength(1);

    await state.openEdit('actors', created!.id);
    expect(state.form?.version).toBe(1);
    // Someone else edits in the meantime.
    await call(ctx.app, 'PATCH', `/maps/${mapId}/actors/${created!.id}`, { influence: 2 });
    const stale = await state.submit({ ...state.form!.initial, influence: '5' });
    expect(stale).toBeNull();
    expect(state.stale).toBe(true);
    await state.reloadLatest();
    expect(state.stale).toBe(false);
    expect(state.form?.version).toBe(2);
    expect(state.form?.initial.influence).toBe('2');
    const saved = await state.submit({ ...state.form!.initial, influence: '5' });
    expect(saved?.influence).toBe(5);
    expect(saved?.version).toBe(3);

    // The save offers an undo, which sets the value back through the change history.
    await state.undoToast();
    const now = (await call(ctx.app, 'GET', `/maps/${mapId}/actors/${created!.id}`)).body;
    expect(now).toMatchObject({ influence: 2, version: 4 });
  });

  it('shows a duplicate (409) as a message on the form', async () => {
    const mapId = await createMap(ctx.app);
    const actor = await buildActor(ctx.app, mapId);
    const initiative = await buildInitiative(ctx.app, mapId);
    await buildCommitment(ctx.app, mapId, {
      actorId: actor.id,
      initiativeId: initiative.id,
      role: 'owner',
    });
    const { state } = editor(mapId);
    state.openCreate('commitments', { actorId: actor.id, initiativeId: initiative.id });
    await state.submit({ ...state.form!.initial, role: 'owner', status: 'agreed' });
    expect(state.formError).toMatch(/already exists|overlapping/i);
  });

  it('deletes after confirmation and undoes it under the same ids, with the facts the delete took along', async () => {
    const mapId = await createMap(ctx.app);
    const actor = await buildActor(ctx.app, mapId, { name: 'Realdania', sector: 'foundation' });
    const initiative = await buildInitiative(ctx.app, mapId, { title: 'Kvarterhus' });
    const commitment = await buildCommitment(ctx.app, mapId, {
      actorId: actor.id,
      initiativeId: initiative.id,
      role: 'funder',
      amount: 15_000_000,
    });
    const { state } = editor(mapId);
    state.askDelete('actors', actor.id, 'Realdania');
    expect(await state.confirmDelete()).toBe(true);
    expect((await call(ctx.app, 'GET', `/maps/${mapId}/actors/${actor.id}`)).status).toBe(404);
    expect((await call(ctx.app, 'GET', `/maps/${mapId}/commitments`)).body.items).toHaveLength(0);
    expect(state.toast?.undo).toBeTypeOf('function');

    await state.undoToast();
    expect(state.toast?.message).toBe('undone');
    const actors = (await call(ctx.app, 'GET', `/maps/${mapId}/actors`)).body.items;
    expect(actors).toHaveLength(1);
    expect(actors[0]).toMatchObject({ id: actor.id, name: 'Realdania', sector: 'foundation' });
    const commitments = (await call(ctx.app, 'GET', `/maps/${mapId}/commitments`)).body.items;
    expect(commitments).toEqual([
      expect.objectContaining({
        id: commitment.id,
        actorId: actor.id,
        initiativeId: initiative.id,
        role: 'funder',
        amount: 15_000_000,
      }),
    ]);
  });
});
