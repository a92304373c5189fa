import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { seededId } from '../../seed/ids.ts';
import { call, type Json } from '../helpers/app.ts';
import { waitForMap, type WatchedPage } from './browser.ts';
import { PAPER, startRig, type PaperRig } from './paper-harness.ts';

/**
 * Every view and dialog under axe-core (0 critical, 0 serious, touch targets of 24 px included),
 * the phone width, dialogs that fit, the focus after a refused save, provenance that never says
 * "verified" of an example, and the message that names the gaps an edit closed and opened.
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
  mkdirSync(PAPER, { recursive: true });
  await page.screenshot({ path: join(PAPER, `${name}.png`) });
}

/** axe's critical and serious findings on the page as it is, with WCAG 2.2's target size. */
async function axeProblems(page: Page, include?: string): Promise<string[]> {
  let builder = new AxeBuilder({ page }).options({ rules: { 'target-size': { enabled: true } } });
  if (include) builder = builder.include(include);
  const { violations } = await builder.analyze();
  return violations
    .filter((violation) => violation.impact === 'critical' || violation.impact === 'serious')
    .map(
      (violation) =>
        `${violation.id}: ${violation.nodes
          .slice(0, 3)
          .map((node) => node.target.join(' '))
          .join(' | ')}`,
    );
}

/** The width of a faded end of the view tabs' row on a phone (1.75rem). */
const FADE_PX = 28;

/** The view tabs' row and each tab, where they are on the screen. */
async function viewTabs(page: Page) {
  return page.evaluate(() => {
    const nav = document.querySelector('header nav')!;
    const strip = nav.getBoundingClientRect();
    return {
      strip: { left: strip.left, right: strip.right },
      fadedStart: nav.hasAttribute('data-more-start'),
      fadedEnd: nav.hasAttribute('data-more-end'),
      mask: getComputedStyle(nav).maskImage,
      tabs: [...nav.querySelectorAll<HTMLElement>('a[data-view]')].map((tab) => {
        const box = tab.getBoundingClientRect();
        return {
          view: tab.dataset.view!,
          current: tab.getAttribute('aria-current') === 'page',
          focused: document.activeElement === tab,
          left: box.left,
          right: box.right,
        };
      }),
    };
  });
}

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

describe('axe-core', { timeout: 180_000 }, () => {
  it('finds nothing critical or serious on any view', async () => {
    const page = await open(rig.mapUrl());
    await waitForMap(page, 60_000);
    await page.locator('.gaps [data-gap-id]').first().waitFor({ timeout: 60_000 });
    expect(await page.locator('h1').count()).toBeGreaterThan(0);
    expect(await axeProblems(page)).toEqual([]);

    await page.locator('#tab-alliances').click();
    await page.locator('.score-help').waitFor({ timeout: 60_000 });
    expect(await axeProblems(page)).toEqual([]);

    for (const view of ['backing', 'grid', 'list']) {
      await page.locator(`nav a[data-view=${view}]`).click();
      const ready = {
        backing: '[data-testid=backing-table]',
        grid: '[data-cell]',
        list: '[data-testid=list-table]',
      }[view]!;
      await page.locator(ready).first().waitFor({ timeout: 60_000 });
      expect(await page.locator('h1').count(), view).toBeGreaterThan(0);
      expect(await axeProblems(page), view).toEqual([]);
    }

    await page.goto(`${rig.base}/#/maps`);
    await page.locator('h1').first().waitFor();
    expect(await axeProblems(page), 'maps').toEqual([]);
  });

  it('finds nothing critical or serious in any dialog', async () => {
    const page = await open(rig.mapUrl());
    await waitForMap(page, 60_000);
    await page.locator('[data-testid=create-menu]').click();
    const items = await page
      .locator('[data-create]')
      .evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-create')!));
    expect(items.length).toBeGreaterThanOrEqual(5);
    expect(await axeProblems(page, '.create'), 'create menu').toEqual([]);
    for (const collection of items) {
      if (!(await page.locator('[data-create]').first().isVisible())) {
        await page.locator('[data-testid=create-menu]').click();
      }
      await page.locator(`[data-create=${collection}]`).click();
      const form = page.locator(`[data-testid=entity-form][data-collection=${collection}]`);
      await form.waitFor();
      expect(await axeProblems(page, '[data-testid=entity-form]'), collection).toEqual([]);
      await page.keyboard.press('Escape');
      await form.waitFor({ state: 'detached' });
    }

    await page.locator('#map-search').fill('Boligselskabet AKB');
    await page.locator('#map-search').press('Enter');
    await page.locator('[data-testid=details] [data-testid=delete]').click();
    await page.locator('[data-testid=confirm-delete]').waitFor();
    expect(await axeProblems(page), 'confirm').toEqual([]);
  });
});

describe('every screen', { timeout: 180_000 }, () => {
  it('has no sideways scrolling at 390 × 844 in the list, backing, grid and meeting views', async () => {
    const page = await open(rig.mapUrl('list'), { width: 390, height: 844 });
    for (const view of ['list', 'backing', 'grid', 'meeting']) {
      await page.goto(rig.mapUrl(view));
      const ready = {
        backing: '[data-testid=backing-table]',
        grid: '[data-cell]',
        list: '[data-testid=list-table]',
        meeting: '.meeting-page .option',
      }[view]!;
      await page.locator(ready).first().waitFor({ timeout: 60_000 });
      await shot(page, `phone-${view}`);
      const widths = await page.evaluate(() => ({
        page: document.documentElement.scrollWidth,
        main: document.querySelector('main')!.getBoundingClientRect().width,
      }));
      expect(widths.page, view).toBeLessThanOrEqual(390);
      // The view uses the width it has: no 40 px column.
      expect(widths.main, view).toBeGreaterThan(360);
      // The view tabs scroll within their row; the current one is wholly on the screen.
      const tabs = await viewTabs(page);
      expect(tabs.strip.left, view).toBeGreaterThanOrEqual(0);
      expect(tabs.strip.right, view).toBeLessThanOrEqual(390);
      const currentTab = tabs.tabs.find((tab) => tab.current)!;
      expect(currentTab.view).toBe(view);
      expect(currentTab.left, view).toBeGreaterThanOrEqual(tabs.strip.left);
      expect(currentTab.right, view).toBeLessThanOrEqual(tabs.strip.right);
    }

    // On the map, the strip shows that more tabs lie to the right (a faded end), and every tab is
    // reached by keyboard, brought wholly into sight as it takes the focus.
    await page.goto(rig.mapUrl());
    await waitForMap(page, 60_000);
    const start = await viewTabs(page);
    expect(start.tabs.some((tab) => tab.right > start.strip.right)).toBe(true);
    expect(start.fadedEnd).toBe(true);
    expect(start.mask).toContain('gradient');
    await page.locator('nav a[data-view=map]').focus();
    const reached: string[] = [];
    for (;;) {
      const now = await viewTabs(page);
      const focused = now.tabs.find((tab) => tab.focused);
      if (!focused) break;
      reached.push(focused.view);
      // Clear of a faded end, too.
      const fadeStart = now.fadedStart ? FADE_PX : 0;
      const fadeEnd = now.fadedEnd ? FADE_PX : 0;
      expect(focused.left, focused.view).toBeGreaterThanOrEqual(now.strip.left + fadeStart - 1);
      expect(focused.right, focused.view).toBeLessThanOrEqual(now.strip.right - fadeEnd + 1);
      await page.keyboard.press('Tab');
    }
    expect(reached).toEqual(['map', 'backing', 'grid', 'list', 'meeting']);
    const end = await viewTabs(page);
    expect(end.fadedStart).toBe(true);
    expect(end.fadedEnd).toBe(false);
    await shot(page, 'phone-tabs-scrolled');
    // The list's details come up over the list, and go with their close button.
    await page.goto(rig.mapUrl('list'));
    await page.locator('.row-button').first().click();
    await page.locator('[data-testid=details-title]').waitFor();
    await shot(page, 'phone-list-details');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      390,
    );
    await page.locator('.drawer-close').click();
    await poll(() => page.locator('[data-testid=details-title]').count()).toBe(0);
  });

  for (const viewport of [
    { width: 1280, height: 720 },
    { width: 1440, height: 900 },
  ]) {
    it(`keeps the header on one row at ${viewport.width} × ${viewport.height}, signed in as owner`, async () => {
      const page = await open(rig.mapUrl(), viewport);
      await waitForMap(page, 60_000);
      await page.locator('[data-severity=high]').waitFor({ timeout: 60_000 });
      await page.locator('header.header [data-testid=user-menu]').waitFor();
      await shot(page, `header-${viewport.width}`);
      const rows = await page.evaluate(() => {
        const header = document.querySelector('header.header')!;
        const tops = [...header.children]
          .map((child) => child.getBoundingClientRect())
          .filter((box) => box.width > 0)
          .map((box) => Math.round(box.top + box.height / 2));
        return { spread: Math.max(...tops) - Math.min(...tops), wide: header.scrollWidth };
      });
      expect(rows.spread).toBeLessThanOrEqual(4);
      expect(rows.wide).toBeLessThanOrEqual(viewport.width);

      // The map's dialogs are in the one menu, and the open menu stays on the screen.
      await page.locator('[data-testid=user-menu] summary').click();
      for (const item of ['open-history', 'open-members', 'open-share']) {
        expect(await page.locator(`[data-testid=${item}]`).isVisible(), item).toBe(true);
      }
      await shot(page, `header-menu-${viewport.width}`);
      const menu = await page
        .locator('[data-testid=user-menu] .menu')
        .evaluate((element) => element.getBoundingClientRect().right);
      expect(menu).toBeLessThanOrEqual(viewport.width);
      expect(await axeProblems(page, 'header.header')).toEqual([]);
    });
  }

  for (const viewport of [
    { width: 1280, height: 720 },
    { width: 1440, height: 900 },
  ]) {
    it(`fits every form inside its dialog at ${viewport.width} × ${viewport.height}`, async () => {
      const page = await open(rig.mapUrl(), viewport);
      await waitForMap(page, 60_000);
      await page.locator('[data-testid=create-menu]').click();
      const items = await page
        .locator('[data-create]')
        .evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-create')!));
      for (const collection of items) {
        if (!(await page.locator('[data-create]').first().isVisible())) {
          await page.locator('[data-testid=create-menu]').click();
        }
        await page.locator(`[data-create=${collection}]`).click();
        const form = page.locator(`[data-testid=entity-form][data-collection=${collection}]`);
        await form.waitFor();
        if (collection === 'commitments') await shot(page, `form-${collection}-${viewport.width}`);
        const fit = await form.evaluate((dialog) => {
          const box = dialog.getBoundingClientRect();
          const fields = dialog.querySelector('.fields')!;
          const sticking = [...dialog.querySelectorAll('input, select, textarea, label')]
            .filter((element) => element.getBoundingClientRect().width > 0)
            .filter((element) => element.getBoundingClientRect().right > box.right + 0.5)
            .map((element) => element.id || element.textContent?.trim().slice(0, 30));
          return {
            inside:
              box.left >= 0 &&
              box.right <= window.innerWidth &&
              box.top >= 0 &&
              box.bottom <= window.innerHeight,
            sideways: fields.scrollWidth - fields.clientWidth,
            sticking,
          };
        });
        expect(fit, collection).toEqual({ inside: true, sideways: 0, sticking: [] });
        await page.keyboard.press('Escape');
        await form.waitFor({ state: 'detached' });
      }
    });
  }

  it('moves the focus to the first bad field after a refused save', async () => {
    current = await rig.open(rig.mapUrl());
    const { page } = current;
    await waitForMap(page, 60_000);
    current.expectFailedRequest('/actors');
    await page.locator('[data-testid=create-menu]').click();
    await page.locator('[data-create=actors]').click();
    const form = page.locator('[data-testid=entity-form][data-collection=actors]');
    await form.waitFor();
    await form.locator('#field-name').fill('   ');
    await form.locator('[data-testid=save]').click();
    await form.locator('[data-field-error=name]').waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('field-name');
  });
});

describe('feedback and provenance', { timeout: 180_000 }, () => {
  it('never calls an illustrative claim verified, and shows backing by examples as such', async () => {
    const { items } = (await call(rig.app, 'GET', `/maps/${rig.mapId}/backing?lang=da`)).body as {
      items: Json[];
    };
    const illustrative = items.flatMap((item) =>
      item.claims.filter((claim: Json) => claim.illustrative),
    );
    expect(illustrative.length).toBeGreaterThan(0);
    for (const claim of illustrative)
      expect(claim.reliability).not.toMatch(/bekræftet|verificeret [0-9]/i);
    expect(illustrative.every((claim: Json) => /ikke verificeret/.test(claim.reliability))).toBe(
      true,
    );

    const page = await open(rig.mapUrl('backing'));
    await page.locator('[data-testid=backing-table]').waitFor({ timeout: 60_000 });
    const metas = await page
      .locator('.claim.illustrative .meta')
      .evaluateAll((nodes) => nodes.map((node) => node.textContent ?? ''));
    expect(metas.length).toBeGreaterThan(0);
    for (const meta of metas) expect(meta).not.toMatch(/Verificeret/);

    // A flag backed only by examples shows as such, on screen and in the API's words.
    const onlyExamples = items.flatMap((item) =>
      (['political', 'resident', 'economic'] as const)
        .filter((name) => /^Kun illustrativ/.test(item.flags[name].text))
        .map((name) => ({ target: item.target.id as string, name })),
    );
    expect(onlyExamples.length).toBeGreaterThan(0);
    for (const { target, name } of onlyExamples) {
      const flag = page.locator(`tr[data-target-id="${target}"] [data-flag=${name}]`);
      expect(await flag.getAttribute('data-shown')).toBe('illustrative');
    }
    const real = items.flatMap((item) =>
      (['political', 'resident', 'economic'] as const)
        .filter((name) => item.flags[name].state === 'backed')
        .filter((name) => !/^Kun illustrativ/.test(item.flags[name].text))
        .map((name) => ({ target: item.target.id as string, name })),
    );
    for (const { target, name } of real) {
      const flag = page.locator(`tr[data-target-id="${target}"] [data-flag=${name}]`);
      expect(await flag.getAttribute('data-shown')).toBe('backed');
    }
  });

  it("shows each claim's source in the details panel", async () => {
    const page = await open(`${rig.mapUrl()}?select=${id('p-gadehavegaard')}`);
    await waitForMap(page, 60_000);
    await poll(() => page.locator('[data-testid=details-title]').textContent()).toContain(
      'Gadehavegård',
    );
    const claims = page.locator('[data-testid=details] [data-testid=claim-source]');
    await claims.first().waitFor();
    const texts = await claims.evaluateAll((nodes) => nodes.map((node) => node.textContent ?? ''));
    expect(texts.length).toBeGreaterThan(0);
    for (const text of texts) expect(text.trim()).not.toBe('');
  });

  it('names the gaps a new commitment closed and opened, with links to them', async () => {
    const initiative = id('billige-boliger');
    const before = (await call(rig.app, 'GET', `/maps/${rig.mapId}/gaps?lang=da&limit=500`)).body
      .gaps as Json[];
    const unowned = before.find(
      (gap) => gap.kind === 'unowned_initiative' && gap.subject.id === initiative,
    );
    expect(unowned).toBeDefined();

    const page = await open(`${rig.mapUrl()}?select=${initiative}`);
    await waitForMap(page, 60_000);
    await poll(() => page.locator('[data-testid=details-title]').textContent()).toContain(
      'Billige',
    );
    // The gaps are in before the edit, as the message compares them with those after it.
    await page.locator('[data-severity=high]').waitFor({ timeout: 60_000 });
    await page.locator('[data-add=commitments]').click();
    const form = page.locator('[data-testid=entity-form][data-collection=commitments]');
    await form.waitFor();
    await form.locator('#field-actorId').selectOption(id('kommune'));
    await form.locator('#field-role').selectOption('owner');
    await form.locator('#field-status').selectOption('agreed');
    await form.locator('[data-testid=save]').click();
    await form.waitFor({ state: 'detached' });

    const closed = page.locator('[data-testid=toast] [data-testid=toast-closed]');
    await closed.waitFor({ timeout: 60_000 });
    const after = (await call(rig.app, 'GET', `/maps/${rig.mapId}/gaps?lang=da&limit=500`)).body
      .gaps as Json[];
    const gone = before.filter((gap) => !after.some((other) => other.id === gap.id));
    const come = after.filter((gap) => !before.some((other) => other.id === gap.id));
    expect(gone.map((gap) => gap.id)).toContain(unowned!.id);
    expect(await closed.textContent()).toContain(
      `Lukkede ${gone.length} ${gone.length === 1 ? 'mangel' : 'mangler'}`,
    );
    expect(await closed.locator(`[data-gap-id="${unowned!.id}"]`).count()).toBe(1);
    const opened = page.locator('[data-testid=toast] [data-testid=toast-opened]');
    expect(await opened.count()).toBe(come.length > 0 ? 1 : 0);
    for (const gap of come.slice(0, 3)) {
      expect(await opened.locator(`[data-gap-id="${gap.id}"]`).count()).toBe(1);
    }
    await shot(page, 'toast-gaps');

    // A gap that opened is a link to its card in the gap list.
    if (come.length > 0) {
      await opened.locator(`[data-gap-id="${come[0].id}"]`).click();
      await poll(() =>
        page.locator(`.gaps [data-gap-id="${come[0].id}"]`).getAttribute('class'),
      ).toContain('active');
    }
  });
});

describe('smaller defects', { timeout: 180_000 }, () => {
  it('shows a skeleton, not 0 / 0 / 0, while the gaps are on their way', async () => {
    current = await rig.open('about:blank');
    const { page } = current;
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/api/v1/maps/*/gaps*', async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(rig.mapUrl());
    const counts = page.locator('[data-testid=gap-counts]');
    await counts.locator('[data-skeleton]').first().waitFor({ timeout: 60_000 });
    expect(await counts.getAttribute('aria-busy')).toBe('true');
    expect(await counts.locator('[data-severity]').count()).toBe(0);
    expect(await counts.textContent()).not.toMatch(/\d/);
    release();
    await counts.locator('[data-severity=high]').waitFor({ timeout: 60_000 });
    expect(await counts.locator('[data-skeleton]').count()).toBe(0);
    expect(await counts.locator('[data-severity=high] .count').textContent()).toMatch(/^\d+$/);
  });

  it('asks nothing more of an unknown map and shows no counts', async () => {
    current = await rig.open('about:blank');
    const { page } = current;
    current.expectFailedRequest('/maps/no-such-map');
    const asked: string[] = [];
    page.on('request', (request) => {
      const url = new URL(request.url());
      // Who is signed in is asked once at the start, whatever the page.
      if (url.pathname.startsWith('/api/') && url.pathname !== '/api/v1/auth/me') {
        asked.push(url.pathname);
      }
    });
    await page.goto(`${rig.base}/#/maps/no-such-map`);
    await page.locator('[role=alert]').waitFor();
    await page.waitForTimeout(1500);
    // The map, its graph and its layout are asked at once; nothing after they failed.
    const paths = [...new Set(asked)].map((path) => path.replace('/api/v1/maps/no-such-map', ''));
    expect(paths.sort()).toEqual(['', '/graph', '/layout']);
    expect(await page.locator('[data-testid=gap-counts]').count()).toBe(0);
    expect(await page.locator('h1').count()).toBeGreaterThan(0);
    expect(await axeProblems(page)).toEqual([]);
  });

  it('opens the app for a page path typed without its #, and keeps JSON for the API', async () => {
    const page = await open(`${rig.base}/maps/${rig.mapId}`);
    await page.locator('header.header').waitFor();
    expect(await page.locator('body').textContent()).not.toContain('route_not_found');
    const api = await fetch(`${rig.base}/api/v1/no-such-route`, {
      headers: { accept: 'text/html' },
    });
    expect(api.status).toBe(404);
    expect((await api.json()).error).toBe('route_not_found');
    for (const path of ['/API/v1/no-such-route', '//api/v1/maps', '/docs/no-such-page']) {
      const other = await fetch(`${rig.base}${path}`, { headers: { accept: 'text/html' } });
      expect(other.status, path).toBe(404);
      expect((await other.json()).error, path).toBe('route_not_found');
    }
    const file = await fetch(`${rig.base}/no-such-file.js`, { headers: { accept: 'text/html' } });
    expect(file.status).toBe(404);
  });

  it('lists every match in the search, so "Gadehave" finds the Gadehavegård plan', async () => {
    const page = await open(rig.mapUrl());
    await waitForMap(page, 60_000);
    const graph = (await call(rig.app, 'GET', `/maps/${rig.mapId}/graph`)).body as Json;
    const fold = (text: string) => text.toLocaleLowerCase('da');
    const expected = graph.nodes.filter((node: Json) =>
      fold(node.data.label).includes('gadehave'),
    ).length;
    expect(expected).toBeGreaterThan(10);
    await page.locator('#map-search').fill('Gadehave');
    const results = page.locator('[data-testid=search-results] [role=option]');
    await poll(() => results.count()).toBe(expected);
    expect(
      await results.evaluateAll((nodes) => nodes.map((node) => node.textContent ?? '')),
    ).toContainEqual(expect.stringContaining('Udviklingsplan for Gadehavegård'));
  });
});
