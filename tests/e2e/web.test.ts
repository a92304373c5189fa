import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../api/src/db/database.ts';
import { seededId } from '../../seed/ids.ts';
import { loadDemoMap } from '../../seed/load.ts';
import { call, signInAsAdmin, type TestUser } from '../helpers/app.ts';
import {
  type E2eServer,
  openPage,
  screenshot,
  startServer,
  waitForMap,
  type WatchedPage,
} from './browser.ts';

/**
 * The web app end to end: the production build served by the real API over the real Neo4j,
 * driven in headless Chromium. Each run loads the Høje-Taastrup demo map under a fresh id.
 */

let db: Database;
let app: FastifyInstance;
let server: E2eServer;
let browser: Browser;
let base: string;
let mapId: string;
let current: WatchedPage | null = null;
let admin: TestUser;
let session = '';

const id = (key: string) => seededId(mapId, key);
/** The browser waits on a shared, busy machine: give asynchronous updates time to land. */
const poll = <T>(read: () => Promise<T> | T) =>
  expect.poll(read, { timeout: 30_000, interval: 100 });
const mapUrl = (view = '', select?: string) =>
  `${base}/#/maps/${mapId}${view ? `/${view}` : ''}${select ? `?select=${select}` : ''}`;

/**
 * A fresh browser that opens `url` signed in. It signs in through the page once (see
 * `beforeAll`) and every later browser carries that session's cookie, as a returning user's
 * does; signing in anew for each test would soon meet the sign-in limit, as it should.
 */
async function open(url: string, failing: string[] = []): Promise<WatchedPage> {
  current = await openPage(browser);
  for (const part of failing) current.expectFailedRequest(part);
  await current.page.context().addCookies([{ name: 'samspil_session', value: session, url: base }]);
  await current.page.goto(url);
  return current;
}

async function signInThroughPage(page: WatchedPage['page'], email: string, password: string) {
  const form = page.locator('[data-testid=sign-in-form]');
  await form.waitFor({ timeout: 30_000 });
  await form.locator('#sign-in-email').fill(email);
  await form.locator('#sign-in-password').fill(password);
  await form.locator('button[type=submit]').click();
  await page.locator('[data-testid=user-menu]').waitFor({ timeout: 30_000 });
}

beforeAll(async () => {
  server = await startServer();
  ({ db, app, base, browser } = server);
  admin = await signInAsAdmin(app);
  mapId = `e2e-${randomBytes(6).toString('hex')}`;
  await loadDemoMap(db, { mapId, ownerId: admin.user.id });
  const first = await openPage(browser);
  first.expectFailedRequest('/api/v1/auth/me');
  await first.page.goto(`${base}/`);
  await signInThroughPage(first.page, admin.email, admin.password);
  session = (await first.page.context().cookies()).find((c) => c.name === 'samspil_session')!.value;
  expect(first.errors()).toEqual([]);
  await first.close();
});

afterEach(async () => {
  // Every test fails on any console error or uncaught exception in the browser.
  const errors = current?.errors() ?? [];
  await current?.close();
  current = null;
  expect(errors).toEqual([]);
});

afterAll(() => server?.close());

describe('web app', () => {
  it('loads the demo map with its gap counts, in Danish', async () => {
    const { page } = await open(mapUrl());
    await waitForMap(page);
    await poll(() => page.locator('.map-name').textContent()).toContain('Høje-Taastrup');
    expect(await page.getAttribute('html', 'lang')).toBe('da');
    expect(await page.locator('nav a[aria-current=page]').textContent()).toBe('Kort');
    const graph = page.locator('[data-graph-ready=true]');
    expect(Number(await graph.getAttribute('data-node-count'))).toBeGreaterThan(50);
    const high = page.locator('.counter[data-severity=high] .count');
    await poll(() => high.textContent()).toMatch(/^\d+$/);
    const gaps = (await call(app, 'GET', `/maps/${mapId}/gaps?lang=da`)).body;
    expect(Number(await high.textContent())).toBe(gaps.summary.bySeverity.high);
    await screenshot(page, '01-map');
  });

  it('opens the start page on a map or the list of maps, from which the demo map opens', async () => {
    const { page } = await open(`${base}/`);
    await page.waitForSelector('#maps-title, [data-graph-ready]');
    if (await page.locator('#maps-title').count()) {
      await page.locator(`a[href="#/maps/${mapId}"]`).click();
    }
    await waitForMap(page);
    expect(await page.locator('.map-name').textContent()).toContain('Høje-Taastrup');
  });

  it('marks gaps on the map and focuses the map on a gap from the list', async () => {
    const { page } = await open(mapUrl());
    await waitForMap(page);
    await page.locator('[data-testid=gap-overlay]').check();
    const cards = page.locator('[role=tabpanel] [data-gap-id]');
    await poll(() => cards.count()).toBeGreaterThan(10);
    // The list is sorted by severity: no high after a medium, no medium after a low.
    const severities = await page.locator('[role=tabpanel] [data-gap-id] .pill').allTextContents();
    const rank = severities.map((text) => ['Høj', 'Middel', 'Lav'].indexOf(text.trim()));
    expect(rank).toEqual([...rank].sort((a, b) => a - b));
    await screenshot(page, '02-gap-overlay');

    const target = page.locator(`[data-gap-kind=powerful_opposition]`).first();
    await target.click();
    const graph = page.locator('[data-graph-ready=true]');
    const gapId = await target.getAttribute('data-gap-id');
    const gap = (await call(app, 'GET', `/maps/${mapId}/gaps?lang=da`)).body.gaps.find(
      (item: { id: string }) => item.id === gapId,
    );
    await poll(() => graph.getAttribute('data-selected')).toBe(gap.subject.id);
    const focus = (await graph.getAttribute('data-focus'))!.split(' ');
    expect(focus).toEqual(
      expect.arrayContaining([gap.subject.id, ...gap.related.map((ref: { id: string }) => ref.id)]),
    );
    await poll(() => target.getAttribute('class')).toContain('active');
    await page.waitForTimeout(600); // the zoom animation
    await screenshot(page, '03-gap-focused');
  });

  it('edits an actor and keeps the change after a reload', async () => {
    const akb = id('akb');
    const { page } = await open(mapUrl());
    await waitForMap(page);
    await page.locator('#map-search').fill('Boligselskabet AKB');
    await page.locator('#map-search').press('Enter');
    await poll(() => page.locator('[data-testid=details-title]').textContent()).toContain('AKB');
    await page.locator('[data-testid=details] [data-testid=edit]').click();
    const form = page.locator('[data-testid=entity-form]');
    await form.waitFor();
    const description = `Ændret i e2e ${Date.now()}`;
    await form.locator('#field-description').fill(description);
    await form.locator('#field-interest').selectOption('3');
    await screenshot(page, '04-edit-form');
    await form.locator('[data-testid=save]').click();
    await form.waitFor({ state: 'detached' });
    await poll(() => page.locator('[data-testid=details]').textContent()).toContain(description);

    const stored = (await call(app, 'GET', `/maps/${mapId}/actors/${akb}`)).body;
    expect(stored).toMatchObject({ description, interest: 3, version: 2 });

    await page.goto(mapUrl('', akb));
    await page.reload();
    await waitForMap(page);
    await poll(() => page.locator('[data-testid=details]').textContent()).toContain(description);
  });

  it('offers the latest version when someone else saved first (412)', async () => {
    const kab = id('kab');
    const watched = await open(mapUrl('', kab));
    const { page } = watched;
    await waitForMap(page);
    await page.locator('[data-testid=details] [data-testid=edit]').click();
    const form = page.locator('[data-testid=entity-form]');
    await form.waitFor();
    // A colleague saves the same actor while the form is open.
    const colleague = `Kollegas beskrivelse ${Date.now()}`;
    const before = (await call(app, 'GET', `/maps/${mapId}/actors/${kab}`)).body;
    expect(
      (await call(app, 'PATCH', `/maps/${mapId}/actors/${kab}`, { description: colleague })).status,
    ).toBe(200);

    watched.expectFailedRequest('/actors/');
    await form.locator('#field-description').fill('Min egen ændring');
    await form.locator('[data-testid=save]').click();
    await form.locator('[data-testid=stale]').waitFor();
    expect(await form.locator('[data-testid=save]').isDisabled()).toBe(true);
    const stored = (await call(app, 'GET', `/maps/${mapId}/actors/${kab}`)).body;
    expect(stored).toMatchObject({ description: colleague, version: before.version + 1 });

    await form.locator('[data-testid=stale] button').click();
    await poll(() => form.locator('#field-description').inputValue()).toBe(colleague);
    await poll(() => form.locator('[data-testid=stale]').count()).toBe(0);
  });

  it('shows the API validation message next to the field', async () => {
    const watched = await open(mapUrl('list'));
    const { page } = watched;
    await page.locator('[data-testid=list-table]').waitFor();
    await page.locator('.row-button').first().click();
    await page.locator('[data-testid=details] [data-testid=edit]').click();
    const form = page.locator('[data-testid=entity-form]');
    await form.waitFor();
    watched.expectFailedRequest('/actors/');
    await form.locator('#field-name').fill('   ');
    await form.locator('[data-testid=save]').click();
    const message = form.locator('[data-field-error=name]');
    await message.waitFor();
    // The API says `must match pattern "\S"`; the form says it in the user's language.
    expect(await message.textContent()).toBe('Skal udfyldes');
    expect(await form.locator('#field-name').getAttribute('aria-invalid')).toBe('true');
    await screenshot(page, '05-validation');
  });

  it('creates a commitment and the gap it closes disappears', async () => {
    const initiative = id('billige-boliger');
    const gapsBefore = (await call(app, 'GET', `/maps/${mapId}/gaps?lang=da`)).body.gaps as {
      id: string;
      kind: string;
      subject: { id: string };
    }[];
    const unowned = gapsBefore.find(
      (gap) => gap.kind === 'unowned_initiative' && gap.subject.id === initiative,
    );
    expect(unowned).toBeDefined();

    const { page } = await open(mapUrl('', initiative));
    await waitForMap(page);
    const card = page.locator(`[role=tabpanel] [data-gap-id="${unowned!.id}"]`);
    await page.locator('#tab-gaps').click();
    await card.waitFor();

    await page.locator('#tab-details').click();
    await poll(() => page.locator('[data-testid=details-title]').textContent()).toContain(
      'Billige',
    );
    await page.locator('[data-add=commitments]').click();
    const form = page.locator('[data-testid=entity-form][data-collection=commitments]');
    await form.waitFor();
    expect(await form.locator('#field-target').inputValue()).toBe(`initiative:${initiative}`);
    await form.locator('#field-actorId').selectOption(id('kommune'));
    await form.locator('#field-role').selectOption('owner');
    await form.locator('#field-status').selectOption('agreed');
    await form.locator('[data-testid=save]').click();
    await form.waitFor({ state: 'detached' });

    await page.locator('#tab-gaps').click();
    // The list refreshes after the save: the card was there before, and goes.
    await poll(() => card.count()).toBe(0);
    await page.locator('[role=tabpanel] [data-gap-id]').first().waitFor();
    const after = (await call(app, 'GET', `/maps/${mapId}/gaps?lang=da`)).body.gaps as {
      id: string;
    }[];
    expect(after.some((gap) => gap.id === unowned!.id)).toBe(false);
    await screenshot(page, '06-gap-closed');
  });

  it('switches to English, translating labels and gap messages, and remembers it', async () => {
    const { page } = await open(mapUrl());
    await waitForMap(page);
    await page.locator('#tab-gaps').click();
    const firstMessage = page.locator('[role=tabpanel] [data-gap-id] .message').first();
    await firstMessage.waitFor();
    const gapId = await page
      .locator('[role=tabpanel] [data-gap-id]')
      .first()
      .getAttribute('data-gap-id');
    const danish = await firstMessage.textContent();

    await page.locator('[data-lang=en]').click();
    await poll(() => page.locator('nav a[data-view=backing]').textContent()).toBe('Backing');
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    const english = page.locator(`[role=tabpanel] [data-gap-id="${gapId}"] .message`);
    await poll(() => english.textContent()).not.toBe(danish);
    const expected = (await call(app, 'GET', `/maps/${mapId}/gaps?lang=en`)).body.gaps.find(
      (gap: { id: string }) => gap.id === gapId,
    );
    expect(await english.textContent()).toBe(expected.message);
    await screenshot(page, '07-english');

    await page.reload();
    await waitForMap(page);
    expect(await page.locator('nav a[data-view=map]').textContent()).toBe('Map');
    await page.locator('[data-lang=da]').click();
    await poll(() => page.locator('nav a[data-view=map]').textContent()).toBe('Kort');
  });

  it('shows who backs the Gadehavegård plan, with the funding against its budget', async () => {
    const plan = id('p-gadehavegaard');
    const { page } = await open(mapUrl());
    await waitForMap(page);
    await page.locator('nav a[data-view=backing]').click();
    await page.locator('[data-testid=backing-table]').waitFor();
    await page.locator('[data-testid=backing-search]').fill('Gadehavegård');
    const row = page.locator(`tr[data-target-id="${plan}"]`);
    await row.waitFor();
    const backing = (await call(app, 'GET', `/maps/${mapId}/backing/${plan}?lang=da`)).body;
    const owners = backing.claims.filter(
      (claim: { role: string; via: unknown }) => claim.role === 'owner' && !claim.via,
    );
    expect(owners.length).toBeGreaterThan(0);
    const rowText = (await row.textContent())!;
    for (const owner of owners) expect(rowText).toContain(owner.actor.name);
    expect(await row.locator('[data-testid=funding]').count()).toBe(1);
    expect(await row.locator('[data-flag=political]').getAttribute('data-state')).toBe(
      backing.flags.political.state,
    );
    await row.locator('button.title').click();
    await page.locator('.detail-row').waitFor();
    expect(await page.locator('.detail-row').textContent()).toContain(backing.funding.text);
    await screenshot(page, '08-backing');
  });

  it('moves an actor on the power–interest grid and saves its values', async () => {
    const actor = id('kroppedal');
    const before = (await call(app, 'GET', `/maps/${mapId}/actors/${actor}`)).body;
    const { page } = await open(mapUrl('grid'));
    const chip = page.locator(`[data-actor-chip="${actor}"]`);
    await chip.waitFor();
    const influence = before.influence === 5 ? 4 : 5;
    const interest = before.interest === 5 ? 4 : 5;
    const cell = page.locator(
      `[data-cell][data-influence="${influence}"][data-interest="${interest}"]`,
    );
    const from = (await chip.boundingBox())!;
    const to = (await cell.boundingBox())!;
    await page.mouse.move(from.x + 10, from.y + from.height / 2);
    await page.mouse.down();
    await page.mouse.move(to.x + to.width / 2, to.y + to.height - 12, { steps: 8 });
    await page.mouse.up();
    await poll(
      async () => (await call(app, 'GET', `/maps/${mapId}/actors/${actor}`)).body,
    ).toMatchObject({ influence, interest, version: before.version + 1 });
    await poll(() => cell.locator(`[data-actor-chip="${actor}"]`).count()).toBe(1);
    await screenshot(page, '09-power-interest');
  });

  it('explains an unknown map instead of showing a blank screen', async () => {
    const { page } = await open(`${base}/#/maps/no-such-map`, ['/maps/no-such-map']);
    const alert = page.locator('[role=alert]');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('Kortet findes ikke');
    expect(await page.locator('a[href="#/maps"]').count()).toBeGreaterThan(0);
  });
});
