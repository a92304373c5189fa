import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { seededId } from '../../seed/ids.ts';
import { call, createUser, grantRole, signIn, type Json } from '../helpers/app.ts';
import { openPage, SCREENSHOTS, waitForMap, type WatchedPage } from './browser.ts';
import { startRig, type PaperRig } from './paper-harness.ts';

/**
 * Saved views from the header, end to end on the demo map: what is looked at (filters, picked
 * parties, the open element) is saved under a name, another view is chosen and the page
 * reloaded, and choosing the saved view again brings all of it back. The menu and its dialog
 * work from the keyboard, pass axe, and leave the header on one row.
 */

let rig: PaperRig;
let current: WatchedPage | null = null;
const poll = <T>(read: () => Promise<T> | T) =>
  expect.poll(read, { timeout: 60_000, interval: 100 });
const id = (key: string) => seededId(rig.mapId, key);

async function open(url: string, viewport?: { width: number; height: number }) {
  current = await rig.open(url, viewport);
  return current.page;
}

async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
}

async function axeProblems(page: Page, include: string): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page })
    .options({ rules: { 'target-size': { enabled: true } } })
    .include(include)
    .analyze();
  return violations
    .filter((violation) => violation.impact === 'critical' || violation.impact === 'serious')
    .map((violation) => `${violation.id}: ${violation.nodes.map((n) => n.target).join(' | ')}`);
}

const hash = (page: Page) => page.evaluate(() => decodeURIComponent(location.hash));
const menu = (page: Page) => page.locator('[data-testid=views-menu]');
const panel = (page: Page) => page.locator('[data-testid=views-panel]');

async function openMenu(page: Page): Promise<void> {
  await menu(page).click();
  await panel(page).waitFor();
  expect(await menu(page).getAttribute('aria-expanded')).toBe('true');
}

async function choose(page: Page, name: string): Promise<void> {
  if ((await menu(page).getAttribute('aria-expanded')) !== 'true') await openMenu(page);
  await panel(page).locator('.choose', { hasText: name }).click();
  await panel(page).waitFor({ state: 'detached' });
}

/** The sectors the filter panel has ticked. */
const tickedSectors = (page: Page) =>
  page.locator('input[data-sector]').evaluateAll((inputs) =>
    (inputs as HTMLInputElement[])
      .filter((input) => input.checked)
      .map((input) => input.dataset.sector)
      .sort(),
  );

beforeAll(async () => {
  rig = await startRig();
});

afterEach(async () => {
  const errors = current?.errors() ?? [];
  await current?.close();
  current = null;
  expect(errors).toEqual([]);
});

afterAll(async () => {
  await rig?.close();
});

describe('saved views', { timeout: 240_000 }, () => {
  it('saves filters, picked parties and the open element, and brings them back after another view and a reload', async () => {
    const picks = [id('akb'), id('kommune')];
    const page = await open(rig.mapUrl() + `?pick=${picks.join(',')}`);
    await waitForMap(page, 60_000);
    await page.locator('[data-testid=toggle-filters]').click();
    await page.locator('input[data-sector=housing]').check();
    await page.locator('input[data-sector=municipal]').check();
    await page.locator('#map-search').fill('Boligselskabet AKB');
    await page.locator('#map-search').press('Enter');
    await poll(() => page.locator('[data-testid=details-title]').textContent()).toContain('AKB');
    await poll(() => hash(page)).toContain(`select=${id('akb')}`);
    expect(await page.locator('[data-picked-chip]').count()).toBe(2);

    // The demo map's views are listed; this one is saved from the keyboard.
    await openMenu(page);
    await poll(() => panel(page).locator('.choose').count()).toBe(3);
    expect(await axeProblems(page, '[data-testid=views-panel]')).toEqual([]);
    await panel(page).locator('[data-testid=save-view]').click();
    const dialog = page.locator('[data-testid=view-name-dialog]');
    await dialog.waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('view-name');
    expect(await axeProblems(page, '[data-testid=view-name-dialog]')).toEqual([]);
    await page.keyboard.type('AKB og kommunen');
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    await poll(() => page.locator('[data-testid=toast]').textContent()).toContain(
      'AKB og kommunen',
    );
    // The focus is back on the menu's button.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe(
      'views-menu',
    );

    const stored = (await call(rig.app, 'GET', `/maps/${rig.mapId}/views?q=kommunen`)).body
      .items as Json[];
    const saved = stored.find((view) => view.name === 'AKB og kommunen')!;
    expect(saved.state).toMatchObject({
      view: 'map',
      select: id('akb'),
      focus: [id('akb')],
      picked: expect.arrayContaining(picks),
    });
    expect([...saved.state.sectors].sort()).toEqual(['housing', 'municipal']);

    // Another view, then a reload: that view's state is what the page shows.
    await choose(page, 'Gadehavegård-planen i 2019');
    await poll(() => hash(page)).toContain('asOf=2019-06-01');
    await poll(() => page.locator('[data-picked-chip]').count()).toBe(0);
    await page.reload();
    await waitForMap(page, 60_000);
    await poll(() => hash(page)).toContain(`plan=${id('p-gadehavegaard')}`);
    expect(await hash(page)).not.toContain('select=');
    expect(await page.locator('[data-picked-chip]').count()).toBe(0);

    // The saved view again: filters, picks, focus and the open element are back.
    await choose(page, 'AKB og kommunen');
    await poll(() => page.locator('[data-testid=details-title]').textContent()).toContain('AKB');
    await poll(() => page.locator('[data-picked-chip]').count()).toBe(2);
    const now = await hash(page);
    expect(now).toContain('sector=housing,municipal');
    expect(now).toContain(`select=${id('akb')}`);
    expect(now).not.toContain('asOf=');
    expect(now).not.toContain('plan=');
    await poll(async () =>
      (await page.locator('[data-graph-ready=true]').getAttribute('data-focus'))?.split(' '),
    ).toEqual([id('akb')]);
    if (!(await page.locator('input[data-sector=housing]').isVisible())) {
      await page.locator('[data-testid=toggle-filters]').click();
    }
    expect(await tickedSectors(page)).toEqual(['housing', 'municipal']);
    // The menu marks the view that is on screen.
    await openMenu(page);
    expect(await panel(page).locator('.choose[aria-current=true]').textContent()).toContain(
      'AKB og kommunen',
    );
    await shot(page, 'views-menu-1440');
  });

  it('opens, moves and closes from the keyboard, renames and deletes with an undo', async () => {
    const page = await open(rig.mapUrl());
    await waitForMap(page, 60_000);
    await menu(page).focus();
    await page.keyboard.press('Enter');
    await panel(page).locator('.choose').first().waitFor();
    await page.keyboard.press('ArrowDown');
    expect(await page.evaluate(() => document.activeElement?.className)).toContain('choose');
    await page.keyboard.press('Escape');
    await panel(page).waitFor({ state: 'detached' });
    expect(await menu(page).getAttribute('aria-expanded')).toBe('false');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe(
      'views-menu',
    );

    // Renaming: a blank name is refused where it is typed, a real one is saved.
    const target = (await call(rig.app, 'GET', `/maps/${rig.mapId}/views`)).body.items.find(
      (view: Json) => view.name === 'Boligorganisationerne og kommunen',
    );
    await openMenu(page);
    await panel(page).locator(`[data-rename="${target.id}"]`).click();
    const dialog = page.locator('[data-testid=view-name-dialog]');
    await dialog.waitFor();
    expect(await page.locator('#view-name').inputValue()).toBe(target.name);
    await page.locator('#view-name').fill('   ');
    await page.keyboard.press('Enter');
    await dialog.locator('[data-field-error=name]').waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('view-name');
    expect(await page.locator('#view-description').inputValue()).toBe(target.description);
    await page.locator('#view-description').fill('Til mødet med boligselskaberne');
    await page.locator('#view-name').fill('Bolig og kommune');
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    await poll(async () => {
      const { body } = await call(rig.app, 'GET', `/maps/${rig.mapId}/views/${target.id}`);
      return [body.name, body.description];
    }).toEqual(['Bolig og kommune', 'Til mødet med boligselskaberne']);
    await openMenu(page);
    const renamed = panel(page).locator('.choose', { hasText: 'Bolig og kommune' });
    expect(await renamed.count()).toBe(1);
    expect(await renamed.locator('.description').textContent()).toBe(
      'Til mødet med boligselskaberne',
    );

    // Deleting: gone at once, and the message offers to undo it.
    await panel(page).locator(`[data-delete="${target.id}"]`).click();
    const toast = page.locator('[data-testid=toast]');
    await poll(() => toast.textContent()).toContain('slettet');
    expect((await call(rig.app, 'GET', `/maps/${rig.mapId}/views/${target.id}`)).status).toBe(404);
    await toast.getByRole('button', { name: 'Fortryd' }).click();
    await poll(
      async () => (await call(rig.app, 'GET', `/maps/${rig.mapId}/views/${target.id}`)).status,
    ).toBe(200);
    await openMenu(page);
    expect(await panel(page).locator('.choose', { hasText: 'Bolig og kommune' }).count()).toBe(1);
  });

  it('says so when a map has no saved views, and lets a viewer choose but not save', async () => {
    const empty = (await call(rig.app, 'POST', '/maps', { name: 'Tomt kort' })).body.id as string;
    const page = await open(`${rig.base}/#/maps/${empty}`);
    await openMenu(page);
    await panel(page).locator('[data-testid=views-empty]').waitFor();
    expect(await panel(page).textContent()).toContain('Ingen gemte visninger endnu');
    expect(await panel(page).locator('[data-testid=save-view]').count()).toBe(1);
    expect(await axeProblems(page, '[data-testid=views-panel]')).toEqual([]);
    await current!.close();

    const reader = await createUser(rig.app, { name: 'Læser' });
    await grantRole(rig.app, rig.mapId, reader, 'viewer');
    const cookie = await signIn(rig.app, reader.email, reader.password);
    current = await openPage(rig.browser, { width: 1440, height: 900 });
    await current.page
      .context()
      .addCookies([{ name: 'samspil_session', value: cookie, url: rig.base }]);
    await current.page.goto(rig.mapUrl());
    const viewer = current.page;
    await waitForMap(viewer, 60_000);
    await openMenu(viewer);
    await poll(() => panel(viewer).locator('.choose').count()).toBeGreaterThanOrEqual(3);
    expect(
      await panel(viewer).locator('[data-testid=save-view], [data-rename], [data-delete]').count(),
    ).toBe(0);
    await choose(viewer, 'Gadehavegårds fire parter');
    await poll(() => viewer.locator('[data-picked-chip]').count()).toBe(4);
    // A party deleted since the view was saved is left out, not shown as a bare id.
    const stale = await call(rig.app, 'POST', `/maps/${rig.mapId}/views`, {
      name: 'Med en slettet part',
      state: { picked: [id('vibo'), 'deleted-since-01'], select: 'deleted-since-02' },
    });
    expect(stale.status).toBe(201);
    await choose(viewer, 'Med en slettet part');
    await poll(() => viewer.locator('[data-picked-chip]').count()).toBe(1);
    expect(await viewer.locator(`[data-picked-chip="${id('vibo')}"]`).count()).toBe(1);
    expect(await hash(viewer)).not.toContain('deleted-since');
  });

  for (const viewport of [
    { width: 1280, height: 720 },
    { width: 1440, height: 900 },
    { width: 390, height: 844 },
  ]) {
    it(`keeps the header as it was at ${viewport.width} × ${viewport.height}, the menu on the screen`, async () => {
      const page = await open(rig.mapUrl(), viewport);
      await waitForMap(page, 60_000);
      await page.locator('[data-severity=high]').waitFor({ timeout: 60_000 });
      await shot(page, `views-header-${viewport.width}`);
      const header = await page.evaluate(() => {
        const element = document.querySelector('header.header')!;
        const tops = [...element.children]
          .map((child) => child.getBoundingClientRect())
          .filter((box) => box.width > 0)
          .map((box) => Math.round(box.top + box.height / 2));
        return {
          spread: Math.max(...tops) - Math.min(...tops),
          page: document.documentElement.scrollWidth,
          name: document.querySelector('header .map-name')!.getBoundingClientRect().width,
        };
      });
      if (viewport.width >= 1280) {
        expect(header.spread).toBeLessThanOrEqual(4);
        // The map's name keeps the room it had before the views' button came: a few words of it.
        expect(header.name).toBeGreaterThan(viewport.width === 1280 ? 100 : 160);
      }
      expect(header.page).toBeLessThanOrEqual(viewport.width);
      await openMenu(page);
      const box = (await panel(page).boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(viewport.width);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
        viewport.width,
      );
      await shot(page, `views-menu-open-${viewport.width}`);
      await panel(page).locator('[data-testid=save-view]').click();
      await page.locator('[data-testid=view-name-dialog]').waitFor();
      await shot(page, `views-dialog-${viewport.width}`);
      await page.keyboard.press('Escape');
      await page.locator('[data-testid=view-name-dialog]').waitFor({ state: 'detached' });
    });
  }
});
