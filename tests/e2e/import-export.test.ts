import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../api/src/db/database.ts';
import { EXPORT_FORMATS } from '../../graph-schema/index.ts';
import { loadDemoMap } from '../../seed/load.ts';
import {
  call,
  callerOf,
  credentialHeaders,
  signIn,
  signInAsAdmin,
  type Json,
  type TestUser,
} from '../helpers/app.ts';
import { kumuWorkbook } from '../interchange/kumu-files.ts';
import {
  type E2eServer,
  openPage,
  screenshot,
  startServer,
  waitForMap,
  type WatchedPage,
} from './browser.ts';

/**
 * The import wizard and the export menu in the production build, served by the real API over
 * the real Neo4j, in headless Chromium.
 */

let db: Database;
let app: FastifyInstance;
let server: E2eServer;
let browser: Browser;
let base: string;
let current: WatchedPage | null = null;
let admin: TestUser;
let session = '';

const poll = <T>(read: () => Promise<T> | T) =>
  expect.poll(read, { timeout: 30_000, interval: 100 });

/** A fresh browser signed in as the administrator (the session cookie a returning user has). */
async function signedIn(viewport?: { width: number; height: number }): Promise<WatchedPage> {
  current = await openPage(browser, viewport);
  await current.page.context().addCookies([{ name: 'samspil_session', value: session, url: base }]);
  return current;
}

async function open(url: string): Promise<WatchedPage> {
  await signedIn();
  await current!.page.goto(url);
  return current!;
}

const nodeCount = async (page: Page) =>
  Number(await page.locator('[data-graph-ready=true]').getAttribute('data-node-count'));

/** Every text the wizard's progress line shows from now on, collected in the page. */
async function recordProgress(page: Page): Promise<() => Promise<string[]>> {
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { progressSeen: string[] }).progressSeen = seen;
    new MutationObserver(() => {
      const text = document.querySelector('[data-testid=import-progress]')?.textContent?.trim();
      if (text && seen.at(-1) !== text) seen.push(text);
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  return () => page.evaluate(() => (window as unknown as { progressSeen: string[] }).progressSeen);
}

/**
 * How many actors and initiatives the report in the wizard says the import creates: the kinds
 * the map always shows (the others are behind its "show on the map" filters).
 */
async function shownToCreate(wizard: Locator): Promise<number> {
  let sum = 0;
  for (const kind of ['actor', 'initiative']) {
    const row = wizard.locator(`[data-testid=import-counts] tr[data-kind=${kind}] td`);
    if (await row.count()) sum += Number(await row.first().textContent());
  }
  return sum;
}

async function newDemoMap(): Promise<string> {
  const mapId = `e2e-io-${randomBytes(5).toString('hex')}`;
  await loadDemoMap(db, { mapId, ownerId: admin.user.id });
  return mapId;
}

beforeAll(async () => {
  server = await startServer();
  ({ db, app, base, browser } = server);
  admin = await signInAsAdmin(app);
  session = await signIn(app, admin.email, admin.password);
});

afterEach(async () => {
  const errors = current?.errors() ?? [];
  await current?.close();
  current = null;
  expect(errors).toEqual([]);
});

afterAll(() => server?.close());

describe('export menu', { timeout: 180_000 }, () => {
  it('offers every format and downloads the files the API writes, named after the map', async () => {
    const mapId = await newDemoMap();
    const { page } = await open(`${base}/#/maps/${mapId}`);
    await waitForMap(page);
    await page.locator('[data-testid=export-menu] summary').click();
    const formats = page.locator('[data-testid=export-menu] button[data-format]');
    expect(
      await formats.evaluateAll((items) => items.map((item) => item.getAttribute('data-format'))),
    ).toEqual([...EXPORT_FORMATS]);

    const [xlsx] = await Promise.all([
      page.waitForEvent('download'),
      formats.locator('text=Excel').first().click(),
    ]);
    expect(xlsx.suggestedFilename()).toMatch(/^Høje-Taastrup.*\d{4}-\d{2}-\d{2}\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(readFileSync((await xlsx.path())!) as never);
    const actors = (await call(app, 'GET', `/maps/${mapId}/actors?limit=1000`)).body
      .items as Json[];
    const sheet = workbook.getWorksheet('Aktører')!;
    const names = sheet
      .getColumn((sheet.getRow(1).values as unknown[]).indexOf('Navn'))
      .values.slice(2)
      .filter((value) => value !== null && value !== undefined);
    expect([...names].sort()).toEqual(actors.map((actor) => actor.name).sort());
    // The menu closes once the file is handed over.
    await poll(() => page.locator('[data-testid=export-menu]').getAttribute('open')).toBeNull();

    await page.locator('[data-testid=export-menu] summary').click();
    const [json] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('[data-testid=export-menu] button[data-format=json]').click(),
    ]);
    expect(json.suggestedFilename()).toMatch(/\.json$/);
    const backup = JSON.parse(readFileSync((await json.path())!, 'utf8')) as Json;
    expect(backup.map.id).toBe(mapId);
    expect((backup.content.actors as Json[]).map((actor) => actor.id).sort()).toEqual(
      actors.map((actor) => actor.id).sort(),
    );
  });

  it('says so in the menu when the map cannot be exported', async () => {
    const mapId = await newDemoMap();
    const watched = await open(`${base}/#/maps/${mapId}`);
    const { page } = watched;
    await waitForMap(page);
    watched.expectFailedRequest('/export');
    // The new map's computed places may still be on their way to the shared layout, and its first
    // analysis may still be computing: gone with the map, that save and those answers are refused.
    for (const part of ['/layout', '/gaps', '/alliances']) watched.expectFailedRequest(part);
    await call(app, 'DELETE', `/maps/${mapId}`);
    await page.locator('[data-testid=export-menu] summary').click();
    await page.locator('[data-testid=export-menu] button[data-format=kumu]').click();
    await poll(() => page.locator('[data-testid=export-error]').textContent()).toBeTruthy();
    expect(await page.locator('[data-testid=export-menu]').getAttribute('open')).not.toBeNull();
  });
});

describe('at laptop sizes', { timeout: 180_000 }, () => {
  it.each([
    [1440, 900],
    [1280, 720],
  ])('the export menu and the wizard fit a %i×%i window', async (width, height) => {
    const mapId = await newDemoMap();
    const { page } = await signedIn({ width, height });
    await page.goto(`${base}/#/maps/${mapId}`);
    await waitForMap(page);
    const inside = async (selector: string) => {
      const box = (await page.locator(selector).boundingBox())!;
      return box.x >= 0 && box.y >= 0 && box.x + box.width <= width && box.y + box.height <= height;
    };
    // An owner's header (history, members, sharing, the user menu) wraps at these widths; the
    // menu's button stays in sight wherever it wraps to.
    expect(await inside('[data-testid=export-menu] summary')).toBe(true);
    await page.locator('[data-testid=export-menu] summary').click();
    await screenshot(page, `io-export-menu-${width}x${height}`);
    expect(await inside('[data-testid=export-menu] .menu')).toBe(true);
    await page.locator('[data-testid=open-import]').click();
    const wizard = page.locator('[data-testid=import-wizard]');
    await wizard.locator('[data-testid=import-file]').setInputFiles({
      name: 'kumu.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: await kumuWorkbook(),
    });
    await wizard.locator('[data-testid=import-check]').click();
    await wizard.locator('[data-testid=mapping-elements]').waitFor();
    await screenshot(page, `io-wizard-mapping-${width}x${height}`);
    expect(await inside('[data-testid=import-wizard]')).toBe(true);
    await wizard.locator('[data-testid=import-apply-mapping]').click();
    await wizard.locator('[data-testid=import-counts]').waitFor();
    await screenshot(page, `io-wizard-report-${width}x${height}`);
    expect(await inside('[data-testid=import-wizard]')).toBe(true);
  });
});

describe('import wizard', { timeout: 180_000 }, () => {
  it('imports a Kumu workbook: upload, change the type mapping, read the report, import; custom fields show in the details', async () => {
    const mapId = await newDemoMap();
    const { page } = await open(`${base}/#/maps/${mapId}`);
    await waitForMap(page);
    await page.locator('[data-testid=export-menu] summary').click();
    await page.locator('[data-testid=open-import]').click();
    const wizard = page.locator('[data-testid=import-wizard]');
    await wizard.waitFor();
    await wizard.locator('[data-testid=import-file]').setInputFiles({
      name: 'kumu.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: await kumuWorkbook(),
    });
    await wizard.locator('[data-testid=import-check]').click();
    const elements = wizard.locator('[data-testid=mapping-elements]');
    await elements.waitFor();
    const project = elements.locator('select[data-type="Project"]');
    expect(await project.inputValue()).toBe('actor');
    await project.selectOption('initiative');
    await elements
      .locator('tr', { has: page.locator('select[data-type="Project"]') })
      .locator('select[data-field=status]')
      .selectOption('planned');
    const funding = wizard.locator('[data-testid=mapping-connections] select[data-type="Funding"]');
    await funding.selectOption('commitment');
    await wizard
      .locator('[data-testid=mapping-connections] tr', {
        has: page.locator('select[data-type="Funding"]'),
      })
      .locator('select[data-field=role]')
      .selectOption('funder');
    await screenshot(page, 'io-02-mapping');
    await wizard.locator('[data-testid=import-apply-mapping]').click();
    const counts = wizard.locator('[data-testid=import-counts]');
    await counts.waitFor();
    expect(await counts.locator('tr[data-kind=initiative] td').first().textContent()).toBe('1');
    expect(await counts.locator('tr[data-kind=commitment] td').first().textContent()).toBe('1');
    // Warnings (elements made for connection ends, merged rows) are marked; nothing is an error.
    const problems = wizard.locator('[data-testid=import-problems] tr[data-level]');
    expect(
      await problems.evaluateAll((rows) => rows.map((row) => row.getAttribute('data-level'))),
    ).not.toContain('error');
    expect(
      await wizard.locator('[data-testid=import-problems] tr.warning').count(),
    ).toBeGreaterThan(0);
    await screenshot(page, 'io-03-report');
    const created = await shownToCreate(wizard);
    expect(created).toBeGreaterThan(1);
    const before = await nodeCount(page);
    const progress = await recordProgress(page);
    await wizard.locator('[data-testid=import-run]').click();
    await wizard.locator('[data-testid=import-done]').waitFor();
    expect((await progress())[0]).toMatch(/^Sender filen: \d+ %/);
    expect(await wizard.locator('[data-testid=import-done]').textContent()).toMatch(/oprettet/);
    await wizard.locator('[data-testid=import-finish]').click();
    await poll(() => nodeCount(page)).toBe(before + created);

    const initiatives = (await call(app, 'GET', `/maps/${mapId}/initiatives?q=Byfornyelse`)).body
      .items;
    expect(initiatives).toEqual([
      expect.objectContaining({ title: 'Byfornyelse', status: 'planned' }),
    ]);
    const jeff = (await call(app, 'GET', `/maps/${mapId}/actors?q=Jeff`)).body.items[0] as Json;
    // A fresh load, as a shared link to the element opens it.
    await page.goto(`${base}/#/maps/${mapId}?select=${jeff.id}`);
    await page.reload();
    await waitForMap(page);
    const details = page.locator('[data-testid=details]');
    await poll(() => details.textContent()).toContain('Egne felter');
    // Each custom field's name and value sit side by side, on one line of the panel.
    const pair = await details.locator('dt.custom', { hasText: 'Organization' }).evaluate((dt) => {
      const dd = dt.nextElementSibling!;
      return {
        value: dd.textContent?.trim(),
        sameLine:
          Math.abs(dt.getBoundingClientRect().top - dd.getBoundingClientRect().top) < 4 &&
          dt.getBoundingClientRect().right <= dd.getBoundingClientRect().left,
      };
    });
    expect(pair).toEqual({ value: 'Kumu', sameLine: true });
    await screenshot(page, 'io-04-custom-fields');
  });

  it('highlights the rows with errors, imports the rest when asked, and undoes the import', async () => {
    const mapId = await newDemoMap();
    const watched = await open(`${base}/#/maps/${mapId}`);
    const { page } = watched;
    await waitForMap(page);
    watched.expectFailedRequest('/import');
    await page.locator('[data-testid=export-menu] summary').click();
    await page.locator('[data-testid=open-import]').click();
    const wizard = page.locator('[data-testid=import-wizard]');
    const csv = 'Navn;Sektor;Indflydelse\nE2E Forening;civil_society;2\nE2E Fejl;mars;9\n';
    await wizard
      .locator('[data-testid=import-file]')
      .setInputFiles({ name: 'Aktører.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await wizard.locator('[data-testid=import-check]').click();
    const errors = wizard.locator('[data-testid=import-problems] tr.error');
    await poll(() => errors.count()).toBe(2);
    expect(await errors.first().textContent()).toContain('mars');
    expect(await wizard.locator('[data-testid=import-run]').isDisabled()).toBe(true);
    await screenshot(page, 'io-05-errors');
    await wizard.locator('[data-testid=import-skip-invalid]').check();
    await wizard.locator('[data-testid=import-run]').click();
    await wizard.locator('[data-testid=import-done]').waitFor();
    const names = async () =>
      ((await call(app, 'GET', `/maps/${mapId}/actors?q=E2E`)).body.items as Json[]).map(
        (a) => a.name,
      );
    expect(await names()).toEqual(['E2E Forening']);
    await wizard.locator('[data-testid=import-undo]').click();
    await poll(names).toEqual([]);
  });

  it('makes a new map from a backup from the list of maps', async () => {
    const mapId = await newDemoMap();
    const backup = (
      await app.inject({
        method: 'GET',
        url: `/api/v1/maps/${mapId}/export?format=json`,
        headers: credentialHeaders(callerOf(app)),
      })
    ).rawPayload;
    // The original as the map shows it (the filters hide some kinds), to compare the copy with.
    const { page } = await open(`${base}/#/maps/${mapId}`);
    await waitForMap(page);
    const shown = await nodeCount(page);
    expect(shown).toBeGreaterThan(50);
    await page.goto(`${base}/#/maps`);
    await page.locator('[data-testid=import-new-map]').click();
    const wizard = page.locator('[data-testid=import-wizard]');
    await wizard
      .locator('[data-testid=import-file]')
      .setInputFiles({ name: 'backup.json', mimeType: 'application/json', buffer: backup });
    const name = `Gendannet ${randomBytes(3).toString('hex')}`;
    await wizard.locator('#import-name').fill(name);
    await wizard.locator('[data-testid=import-check]').click();
    await wizard.locator('[data-testid=import-counts]').waitFor();
    await wizard.locator('[data-testid=import-run]').click();
    await wizard.locator('[data-testid=import-done]').waitFor();
    await wizard.locator('[data-testid=import-finish]').click();
    await waitForMap(page);
    await poll(() => page.locator('.map-name').textContent()).toBe(name);
    await poll(() => nodeCount(page)).toBe(shown);
  });

  it('follows a large file through the server’s phases', { timeout: 300_000 }, async () => {
    const rows = Array.from({ length: 2000 }, (_, i) => `Stor forening ${i};civil_society;2`);
    const csv = `Navn;Sektor;Indflydelse\n${rows.join('\n')}\n`;
    const { page } = await open(`${base}/#/maps`);
    await page.locator('[data-testid=import-new-map]').click();
    const wizard = page.locator('[data-testid=import-wizard]');
    await wizard
      .locator('[data-testid=import-file]')
      .setInputFiles({ name: 'Aktører.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await wizard.locator('[data-testid=import-check]').click();
    await wizard.locator('[data-testid=import-counts]').waitFor();
    expect(await wizard.locator('tr[data-kind=actor] td').first().textContent()).toBe('2000');
    const progress = await recordProgress(page);
    await wizard.locator('[data-testid=import-run]').click();
    await wizard.locator('[data-testid=import-done]').waitFor({ timeout: 180_000 });
    const seen = await progress();
    expect(seen[0]).toMatch(/^Sender filen/);
    expect(seen.some((text) => /^(Tjekker 2000 rækker|Gemmer \d+ af 2000)/.test(text))).toBe(true);
    await wizard.locator('[data-testid=import-finish]').click();
    await waitForMap(page, 60_000);
    expect(await nodeCount(page)).toBe(2000);
  });
});
