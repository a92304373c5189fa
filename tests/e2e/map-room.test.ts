import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../api/src/db/database.ts';
import { seededId } from '../../seed/ids.ts';
import { loadDemoMap } from '../../seed/load.ts';
import { call, createUser, grantRole, signIn, signInAsAdmin } from '../helpers/app.ts';
import {
  type E2eServer,
  openPage,
  screenshot,
  SCREENSHOTS,
  startServer,
  waitForMap,
  type WatchedPage,
} from './browser.ts';

/**
 * The map in the meeting room, end to end: the production build served by the real API over the
 * real Neo4j, in headless Chromium, on the demo map loaded under a fresh id. What is read from
 * the page comes from the Cytoscape instance itself (`inspectMap` on the graph's element). The
 * browser is signed in as the map's owner (a session cookie, as a returning user's browser has),
 * unless a test says otherwise.
 */

interface LabelReport {
  id: string;
  kind: string;
  label: string;
  rank: number;
  fontPx: number;
  shown: boolean;
  box: { x1: number; y1: number; x2: number; y2: number };
  body: { x1: number; y1: number; x2: number; y2: number };
  position: { x: number; y: number };
  centre: { x: number; y: number };
}

let db: Database;
let app: FastifyInstance;
let server: E2eServer;
let browser: Browser;
let base: string;
let mapId: string;
let current: WatchedPage | null = null;
/** The owner's session cookie (see `beforeAll`). */
let session = '';

const id = (key: string) => seededId(mapId, key);
const poll = <T>(read: () => Promise<T> | T) =>
  expect.poll(read, { timeout: 30_000, interval: 100 });
const mapUrl = (query = '') => `${base}/#/maps/${mapId}${query ? `?${query}` : ''}`;
const CORE_KINDS = ['actor', 'initiative', 'plan'];

/** A fresh browser on `url`, with `cookie` as its session (the owner's; `null`: none). */
async function open(
  url: string,
  viewport = { width: 1440, height: 900 },
  cookie: string | null = session,
): Promise<WatchedPage> {
  current = await openPage(browser, viewport);
  if (cookie) {
    await current.page
      .context()
      .addCookies([{ name: 'samspil_session', value: cookie, url: base }]);
  }
  await current.page.goto(url);
  return current;
}

async function labels(page: Page): Promise<{ zoom: number; labels: LabelReport[] }> {
  return page.evaluate(() => {
    const graph = document.getElementById('map-graph') as unknown as {
      inspectMap(): { zoom: number; labels: LabelReport[] };
    };
    return graph.inspectMap();
  });
}

/** Waits for the map and for the labels chosen once the first view settled. */
async function settledMap(page: Page): Promise<void> {
  await waitForMap(page, 60_000);
  await poll(
    async () => (await labels(page)).labels.filter((label) => label.shown).length,
  ).toBeGreaterThan(0);
  await page.waitForTimeout(400);
}

const overlapping = (shown: LabelReport[]) => {
  const pairs: string[] = [];
  for (let i = 0; i < shown.length; i++)
    for (let j = i + 1; j < shown.length; j++) {
      const a = shown[i]!.box;
      const b = shown[j]!.box;
      if (a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2)
        pairs.push(`${shown[i]!.label} / ${shown[j]!.label}`);
    }
  return pairs;
};

/** Drawn labels that lie over another node's shape, which they would hide. */
const covering = (shown: LabelReport[], all: LabelReport[]) => {
  const pairs: string[] = [];
  for (const label of shown)
    for (const other of all) {
      const a = label.box;
      const b = other.body;
      if (other.id !== label.id && a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2)
        pairs.push(`${label.label} on ${other.label}`);
    }
  return pairs;
};

beforeAll(async () => {
  server = await startServer();
  ({ db, app, base, browser } = server);
  const owner = await signInAsAdmin(app);
  mapId = `e2e-map-${randomBytes(6).toString('hex')}`;
  await loadDemoMap(db, { mapId, ownerId: owner.user.id });
  // Through the API rather than the page: web.test.ts and access.test.ts sign in on the page.
  session = await signIn(app, owner.email, owner.password);
});

afterEach(async () => {
  const errors = current?.errors() ?? [];
  await current?.close();
  current = null;
  expect(errors).toEqual([]);
});

afterAll(() => server?.close());

describe('the map in the meeting room', () => {
  it('keeps the same picture on every load, and saves it to the shared layout', async () => {
    const first = await open(mapUrl());
    await settledMap(first.page);
    const before = (await labels(first.page)).labels;
    expect(before.length).toBeGreaterThan(50);
    // The places computed on the first load are the map's layout now, for every colleague.
    await poll(
      async () =>
        Object.keys((await call(app, 'GET', `/maps/${mapId}/layout`)).body.positions).length,
    ).toBeGreaterThanOrEqual(before.length);
    await first.close();
    current = null;

    for (const round of [1, 2]) {
      const again = await open(mapUrl());
      await settledMap(again.page);
      const after = (await labels(again.page)).labels;
      const where = new Map(after.map((label) => [label.id, label.position]));
      const moved = before.filter((label) => {
        const now = where.get(label.id);
        return (
          !now ||
          Math.abs(now.x - label.position.x) > 0.5 ||
          Math.abs(now.y - label.position.y) > 0.5
        );
      });
      expect(
        moved.map((label) => label.label),
        `reload ${round}`,
      ).toEqual([]);
      await again.close();
      current = null;
    }
  });

  it('makes a new layout only when asked, and undoes it', async () => {
    const { page } = await open(mapUrl());
    await settledMap(page);
    const where = async () =>
      new Map((await labels(page)).labels.map((label) => [label.id, label.position]));
    const before = await where();
    const saved = (await call(app, 'GET', `/maps/${mapId}/layout`)).body.positions;
    await page.locator('[data-testid=relayout]').click();
    await poll(() => page.locator('[data-testid=undo-layout]').count()).toBe(1);
    await page.waitForTimeout(800);
    const after = await where();
    const moved = [...before].filter(([id, p]) => {
      const q = after.get(id)!;
      return Math.abs(q.x - p.x) > 1 || Math.abs(q.y - p.y) > 1;
    });
    expect(moved.length).toBeGreaterThan(before.size / 2);
    // The new picture is the map's picture for everyone.
    await poll(
      async () => (await call(app, 'GET', `/maps/${mapId}/layout`)).body.positions,
    ).not.toEqual(saved);
    await page.locator('[data-testid=undo-layout]').click();
    await page.waitForTimeout(800);
    const undone = await where();
    for (const [id, p] of before) {
      expect(Math.abs(undone.get(id)!.x - p.x), id).toBeLessThanOrEqual(1);
      expect(Math.abs(undone.get(id)!.y - p.y), id).toBeLessThanOrEqual(1);
    }
    await poll(
      async () => (await call(app, 'GET', `/maps/${mapId}/layout`)).body.positions,
    ).toEqual(saved);
  });

  it('shows a viewer and a share link the same picture, and neither writes the layout', async () => {
    // A map of its own, with no layout yet: the first to open it computes the places.
    const owner = (await call(app, 'GET', '/auth/me')).body.user;
    const fresh = `e2e-read-${randomBytes(6).toString('hex')}`;
    await loadDemoMap(db, { mapId: fresh, ownerId: owner.id });
    const viewer = await createUser(app);
    await grantRole(app, fresh, viewer, 'viewer');
    const viewerCookie = await signIn(app, viewer.email, viewer.password);
    const link = (await call(app, 'POST', `/maps/${fresh}/share-links`, { label: 'Projector' }))
      .body;
    const layoutWrites: string[] = [];
    const places = async (page: Page) =>
      new Map((await labels(page)).labels.map((label) => [label.id, label.position]));
    const layout = async () =>
      (await call(app, 'GET', `/maps/${fresh}/layout`)).body.positions as Record<string, unknown>;

    const asViewer = await open(`${base}/#/maps/${fresh}`, undefined, viewerCookie);
    asViewer.page.on('request', (request) => {
      if (request.method() !== 'GET' && request.url().includes('/layout'))
        layoutWrites.push(`viewer: ${request.method()} ${request.url()}`);
    });
    await settledMap(asViewer.page);
    const seenByViewer = await places(asViewer.page);
    expect(seenByViewer.size).toBeGreaterThan(50);
    // A new layout is the viewer's own: it changes their screen, not the map's layout.
    await asViewer.page.locator('[data-testid=relayout]').click();
    await poll(() => asViewer.page.locator('[data-testid=undo-layout]').count()).toBe(1);
    await asViewer.page.waitForTimeout(1500);
    await asViewer.close();
    current = null;

    const visitor = await open(`${base}/#/maps/${fresh}?share=${link.token}`, undefined, null);
    visitor.page.on('request', (request) => {
      if (request.method() !== 'GET' && request.url().includes('/layout'))
        layoutWrites.push(`share link: ${request.method()} ${request.url()}`);
    });
    await settledMap(visitor.page);
    await poll(() => visitor.page.locator('[data-testid=read-only]').count()).toBe(1);
    const seenByVisitor = await places(visitor.page);
    await visitor.page.waitForTimeout(1500);
    await visitor.close();
    current = null;

    expect(layoutWrites).toEqual([]);
    expect(await layout()).toEqual({});
    // Computed the same way everywhere, the places are the same on both screens.
    for (const [node, at] of seenByViewer) {
      const there = seenByVisitor.get(node)!;
      expect(Math.abs(there.x - at.x), node).toBeLessThanOrEqual(0.5);
      expect(Math.abs(there.y - at.y), node).toBeLessThanOrEqual(0.5);
    }

    // The owner's browser computes the same places and saves them for everyone.
    const asOwner = await open(`${base}/#/maps/${fresh}`);
    await settledMap(asOwner.page);
    await poll(async () => Object.keys(await layout()).length).toBeGreaterThanOrEqual(
      seenByViewer.size,
    );
    const saved = (await layout()) as Record<string, { x: number; y: number }>;
    for (const [node, at] of seenByViewer) {
      expect(Math.abs(saved[node]!.x - at.x), node).toBeLessThanOrEqual(1);
      expect(Math.abs(saved[node]!.y - at.y), node).toBeLessThanOrEqual(1);
    }
  });

  for (const size of [
    { width: 1440, height: 900, name: 'desktop' },
    { width: 1280, height: 720, name: 'projector' },
  ]) {
    it(`names the 30 most important parties legibly at first view on ${size.width}×${size.height}`, async () => {
      const { page } = await open(mapUrl(), size);
      await settledMap(page);
      const report = (await labels(page)).labels;
      const core = report.filter((label) => CORE_KINDS.includes(label.kind));
      const top = [...core].sort((a, b) => a.rank - b.rank).slice(0, 30);
      const shown = report.filter((label) => label.shown);
      await screenshot(page, `map-first-view-${size.width}x${size.height}`);
      expect(top.filter((label) => !label.shown).map((label) => label.label)).toEqual([]);
      expect(Math.min(...top.map((label) => label.fontPx))).toBeGreaterThanOrEqual(12);
      // Whatever is drawn is drawn readable, and no two drawn labels overlap.
      expect(Math.min(...shown.map((label) => label.fontPx))).toBeGreaterThanOrEqual(11);
      expect(overlapping(shown)).toEqual([]);
      // And every drawn label is on the canvas, not cut off at its edge.
      const canvas = (await page.locator('#map-graph').boundingBox())!;
      for (const label of shown) {
        expect(label.box.x1).toBeGreaterThanOrEqual(-0.5);
        expect(label.box.y1).toBeGreaterThanOrEqual(-0.5);
        expect(label.box.x2).toBeLessThanOrEqual(canvas.width + 0.5);
        expect(label.box.y2).toBeLessThanOrEqual(canvas.height + 0.5);
      }
    });
  }

  it('reaches the graph by keyboard, moves between nodes, selects, picks and focuses', async () => {
    const { page } = await open(mapUrl());
    await settledMap(page);
    // From the top of the page the graph is a few Tabs away (a skip link, then the graph), not
    // after every filter.
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    let tabs = 0;
    let skipped = false;
    while (tabs < 25) {
      await page.keyboard.press('Tab');
      tabs++;
      const active = await page.evaluate(() => document.activeElement?.className ?? '');
      if (!skipped && active.includes('skip-to-graph')) {
        await page.keyboard.press('Enter');
        skipped = true;
      }
      if (await page.evaluate(() => document.activeElement?.id === 'map-graph')) break;
    }
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('map-graph');
    expect(tabs).toBeLessThanOrEqual(15);
    // The skip link leaves the route alone.
    expect(await page.evaluate(() => location.hash)).toContain(`#/maps/${mapId}`);

    const graph = page.locator('[data-graph-ready=true]');
    await page.keyboard.press('n');
    await page.keyboard.press('Enter');
    await poll(() => graph.getAttribute('data-selected')).not.toBe('');
    const selected = (await graph.getAttribute('data-selected'))!;
    // A node chosen shows its neighbourhood.
    expect((await graph.getAttribute('data-focus'))!.split(' ')).toEqual([selected]);
    await poll(() => page.locator('[data-testid=focus-bar]').count()).toBe(1);

    // Picking by keyboard: Shift+Enter on the keyboard's node (actors only), moved on with N.
    const kinds = new Map((await labels(page)).labels.map((label) => [label.id, label.kind]));
    let picked: string[] = [];
    for (let i = 0; i < 12 && picked.length < 2; i++) {
      await page.keyboard.press('n');
      await page.keyboard.press('Shift+Enter');
      picked = ((await graph.getAttribute('data-picked')) ?? '').split(' ').filter(Boolean);
    }
    expect(picked.length).toBe(2);
    expect(picked.every((pick) => kinds.get(pick) === 'actor')).toBe(true);
    await poll(() => page.locator('[data-picked-chip]').count()).toBe(picked.length);
    await page.locator('[data-testid=focus-picked]').click();
    await poll(async () =>
      ((await graph.getAttribute('data-focus')) ?? '').split(' ').sort(),
    ).toEqual([...picked].sort());
    await page.waitForTimeout(500);
    await screenshot(page, 'map-keyboard-picked');
    await page.locator('#map-graph').focus();
    await page.keyboard.press('Escape');
    await poll(() => graph.getAttribute('data-focus')).toBe('');
  });

  it('builds a selection of actors with a shift-drawn box and with shift-click', async () => {
    const { page } = await open(mapUrl());
    await settledMap(page);
    const report = (await labels(page)).labels;
    const canvas = (await page.locator('#map-graph').boundingBox())!;
    // A box around the middle third of the canvas: the actors whose shapes are inside it.
    const box = {
      x1: canvas.x + canvas.width / 3,
      y1: canvas.y + canvas.height / 3,
      x2: canvas.x + (2 * canvas.width) / 3,
      y2: canvas.y + (2 * canvas.height) / 3,
    };
    await page.keyboard.down('Shift');
    await page.mouse.move(box.x1, box.y1);
    await page.mouse.down();
    await page.mouse.move((box.x1 + box.x2) / 2, (box.y1 + box.y2) / 2, { steps: 5 });
    await page.mouse.move(box.x2, box.y2, { steps: 5 });
    await page.mouse.up();
    await page.keyboard.up('Shift');
    const graph = page.locator('[data-graph-ready=true]');
    await poll(
      async () => ((await graph.getAttribute('data-picked')) ?? '').length,
    ).toBeGreaterThan(0);
    const picked = (await graph.getAttribute('data-picked'))!.split(' ');
    const kinds = new Map(report.map((label) => [label.id, label.kind]));
    // Only actors are picked, however many other kinds the box held.
    expect(picked.every((pick) => kinds.get(pick) === 'actor')).toBe(true);
    expect(await page.locator('[data-picked-chip]').count()).toBe(picked.length);

    // Shift-click on an actor outside the box adds it; a second shift-click takes it away. The
    // bar of picked parties now sits above the canvas: measure again.
    await page.waitForTimeout(300);
    const after = (await labels(page)).labels;
    const moved = (await page.locator('#map-graph').boundingBox())!;
    const outside = after.find(
      (label) =>
        label.kind === 'actor' &&
        label.shown &&
        !picked.includes(label.id) &&
        label.centre.x > 30 &&
        label.centre.x < moved.width - 30 &&
        label.centre.y > 30 &&
        label.centre.y < moved.height - 80,
    )!;
    const centre = { x: moved.x + outside.centre.x, y: moved.y + outside.centre.y };
    await shiftClick(page, centre.x, centre.y);
    await poll(async () => (await graph.getAttribute('data-picked'))!.split(' ')).toContain(
      outside.id,
    );
    await screenshot(page, 'map-box-selection');
    // One chip more may wrap the bar onto another row, which moves the canvas: measure again.
    await page.waitForTimeout(300);
    const again = (await labels(page)).labels.find((label) => label.id === outside.id)!;
    const canvasNow = (await page.locator('#map-graph').boundingBox())!;
    await shiftClick(page, canvasNow.x + again.centre.x, canvasNow.y + again.centre.y);
    await poll(async () => (await graph.getAttribute('data-picked'))!.split(' ')).not.toContain(
      outside.id,
    );
  });

  it('keeps filters, date, focus and picked parties in the URL, through a reload', async () => {
    const picks = [id('akb'), id('kommune'), id('tg-afdbest'), id('byraadet')];
    const query = `sector=housing,municipal,residents,political&asOf=2026-06-01&pick=${picks.join(',')}`;
    const { page } = await open(mapUrl(query));
    await settledMap(page);
    const graph = page.locator('[data-graph-ready=true]');
    const check = async () => {
      expect(await page.locator('[data-picked-chip]').count()).toBe(4);
      await poll(() => page.locator('.banner').textContent()).toContain('2026');
      const shown = (await labels(page)).labels;
      const sectors = new Set(
        shown.filter((label) => label.kind === 'actor').map((label) => label.id),
      );
      // Only actors of the four sectors are on the map.
      expect(sectors.has(id('lbf'))).toBe(false);
      expect(sectors.has(id('akb'))).toBe(true);
    };
    await check();
    await page.locator('[data-testid=focus-picked]').click();
    await poll(async () =>
      ((await graph.getAttribute('data-focus')) ?? '').split(' ').sort(),
    ).toEqual([...picks].sort());
    // The URL follows what is looked at, so a copied link carries it.
    await poll(() => page.evaluate(() => location.hash)).toContain('focus=');
    const link = await page.evaluate(() => location.href);
    await page.reload();
    await settledMap(page);
    await check();
    expect(((await graph.getAttribute('data-focus')) ?? '').split(' ').sort()).toEqual(
      [...picks].sort(),
    );
    await screenshot(page, 'map-url-state');
    // The same link in a fresh browser (a colleague) opens the same view.
    await current!.close();
    const colleague = await open(link);
    await settledMap(colleague.page);
    expect(await colleague.page.locator('[data-picked-chip]').count()).toBe(4);
    expect(
      ((await colleague.page.locator('[data-graph-ready=true]').getAttribute('data-focus')) ?? '')
        .split(' ')
        .sort(),
    ).toEqual([...picks].sort());
  });

  it('narrows the map, the gap list and the counts with the filters, and re-fits the view', async () => {
    const { page } = await open(mapUrl());
    await settledMap(page);
    const graph = page.locator('[data-graph-ready=true]');
    const all = Number(await graph.getAttribute('data-node-count'));
    const gaps = (await call(app, 'GET', `/maps/${mapId}/gaps?lang=da`)).body;
    const counter = (severity: string) =>
      page.locator(`.counter[data-severity=${severity}] .count`).textContent();
    await poll(() => counter('high')).toBe(String(gaps.summary.bySeverity.high));

    await page.locator('[data-testid=toggle-filters]').click();
    await page.locator('input[data-sector=residents]').check();
    await poll(async () => Number(await graph.getAttribute('data-node-count'))).toBeLessThan(all);
    await poll(() => page.locator('[data-testid=gaps-in-view]').count()).toBe(1);
    const text = (await page.locator('[data-testid=gaps-in-view]').textContent())!;
    const [, inView, total] = /(\d+) af (\d+)/.exec(text)!;
    expect(Number(total)).toBe(gaps.summary.total);
    expect(Number(inView)).toBeLessThan(gaps.summary.total);
    expect(Number(inView)).toBe(await page.locator('[role=tabpanel] [data-gap-id]').count());
    // The header counts are those of the gaps in view.
    const sum =
      Number(await counter('high')) +
      Number(await counter('medium')) +
      Number(await counter('low'));
    expect(sum).toBe(Number(inView));
    // The view fits what is left: every node on the canvas, spread over most of it.
    await page.waitForTimeout(800);
    const fitted = (await labels(page)).labels;
    const area = (await page.locator('#map-graph').boundingBox())!;
    const xs = fitted.map((label) => label.centre.x);
    const ys = fitted.map((label) => label.centre.y);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThanOrEqual(area.width);
    expect(Math.min(...ys)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...ys)).toBeLessThanOrEqual(area.height);
    // The same view as fitting by hand to what is left (and not to what was there before).
    const refitted = (await labels(page)).zoom;
    await page.locator('.canvas-controls button', { hasText: 'Tilpas visning' }).click();
    await page.waitForTimeout(800);
    const byHand = (await labels(page)).zoom;
    expect(Math.abs(refitted - byHand) / byHand).toBeLessThan(0.03);
    expect(await page.evaluate(() => location.hash)).toContain('sector=residents');
    await screenshot(page, 'map-filtered-residents');
  });

  it('replays the map at a date: what did not exist yet is not on it', async () => {
    const later = id('tg-boligsocial-2025');
    const { page } = await open(mapUrl('asOf=2019-06-01'));
    await settledMap(page);
    const ids = new Set((await labels(page)).labels.map((label) => label.id));
    expect(ids.has(later)).toBe(false);
    expect(ids.has(id('akb'))).toBe(true);
    await page.locator('.banner button').click();
    await poll(async () => (await labels(page)).labels.some((label) => label.id === later)).toBe(
      true,
    );
  });

  it('exports the view as a PNG and an SVG with title, date and legend', async () => {
    const { page } = await open(mapUrl('sector=housing,residents'));
    await settledMap(page);
    await page.locator('[data-testid=picture-menu]').click();
    await page.locator('[data-testid=picture-scale]').selectOption('2');
    const [png] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('[data-testid=picture-png]').click(),
    ]);
    const pngPath = join(SCREENSHOTS, 'map-picture.png');
    await png.saveAs(pngPath);
    const bytes = readFileSync(pngPath);
    expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
    const width = bytes.readUInt32BE(16);
    const height = bytes.readUInt32BE(20);
    const canvas = (await page.locator('#map-graph').boundingBox())!;
    // Twice the view, and room beside it for the legend and above it for the title.
    expect(width).toBeGreaterThan(canvas.width * 2);
    expect(height).toBeGreaterThan(canvas.height * 2);
    expect(png.suggestedFilename()).toMatch(/\.png$/);

    await page.locator('[data-testid=picture-menu]').click();
    const [svg] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('[data-testid=picture-svg]').click(),
    ]);
    const svgPath = join(SCREENSHOTS, 'map-picture.svg');
    await svg.saveAs(svgPath);
    const text = readFileSync(svgPath, 'utf8');
    expect(text).toMatch(/^<\?xml|^<svg/);
    expect(text).toContain('Høje-Taastrup');
    expect(text).toContain('Boligorganisation');
    expect(text).toContain('Beboere');
    // A label on the map is text in the drawing, not pixels.
    expect(text).toContain('>VIBO</text>');
    // The browser opens the drawing: it is a valid SVG.
    const opened = await page.evaluate(async (source) => {
      const image = new Image();
      image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(source)}`;
      await image.decode();
      return { width: image.naturalWidth, height: image.naturalHeight };
    }, text);
    expect(opened.width).toBeGreaterThan(200);
  });

  it('gives the map the whole width of a phone, with the panels as drawers', async () => {
    const { page } = await open(mapUrl(), { width: 390, height: 844 });
    await settledMap(page);
    // The map view and everything in it stay within the screen (the header above it is not
    // the map's: see the report of this branch).
    const widths = await page.evaluate(() => {
      const view = document.querySelector('.map-view')!;
      const right = Math.max(
        ...[view, ...Array.from(view.querySelectorAll('*'))]
          .filter((element) => !element.closest('[hidden]') && element.getClientRects().length)
          .map((element) => element.getBoundingClientRect().right),
      );
      return {
        view: view.scrollWidth,
        right,
        canvas: document.getElementById('map-graph')!.getBoundingClientRect().width,
      };
    });
    expect(widths.view).toBeLessThanOrEqual(390);
    expect(widths.right).toBeLessThanOrEqual(390.5);
    expect(widths.canvas).toBeGreaterThanOrEqual(380);
    await screenshot(page, 'map-phone');

    // The overview names what has room: no label over another, nor over another node's shape,
    // each readable and whole on the canvas; zooming in names more, as cleanly.
    const canvas = (await page.locator('#map-graph').boundingBox())!;
    const clean = (report: LabelReport[], when: string) => {
      const shown = report.filter((label) => label.shown);
      expect(overlapping(shown), when).toEqual([]);
      expect(covering(shown, report), when).toEqual([]);
      for (const label of shown) {
        expect(label.fontPx, `${when}: ${label.label}`).toBeGreaterThanOrEqual(11);
        expect(label.box.x1, `${when}: ${label.label}`).toBeGreaterThanOrEqual(-0.5);
        expect(label.box.y1, `${when}: ${label.label}`).toBeGreaterThanOrEqual(-0.5);
        expect(label.box.x2, `${when}: ${label.label}`).toBeLessThanOrEqual(canvas.width + 0.5);
        expect(label.box.y2, `${when}: ${label.label}`).toBeLessThanOrEqual(canvas.height + 0.5);
      }
      return shown.length;
    };
    const atOverview = clean((await labels(page)).labels, 'overview');
    expect(atOverview).toBeGreaterThan(0);
    const zoomIn = page.getByRole('button', { name: 'Zoom ind' });
    for (let step = 0; step < 3; step++) await zoomIn.click();
    await page.waitForTimeout(800);
    const zoomed = await labels(page);
    expect(clean(zoomed.labels, 'zoomed in')).toBeGreaterThan(atOverview);
    await screenshot(page, 'map-phone-zoomed');
    await page.locator('.canvas-controls button', { hasText: 'Tilpas visning' }).click();
    await page.waitForTimeout(800);
    await page.locator('[data-testid=toggle-panel]').click();
    const drawer = (await page.locator('#map-side-panel').boundingBox())!;
    expect(drawer.width).toBeGreaterThan(200);
    expect(drawer.x + drawer.width).toBeLessThanOrEqual(390.5);
    expect(
      await page.evaluate(() => document.querySelector('.map-view')!.scrollWidth),
    ).toBeLessThanOrEqual(390);
    await screenshot(page, 'map-phone-panel');
  });

  // Two widths with three scans each: on a loaded machine, longer than the default test timeout.
  it('has no critical or serious axe findings on the map view, its bars, drawers and menu', async () => {
    const picks = [id('akb'), id('kommune')];
    for (const viewport of [
      { width: 1440, height: 900 },
      { width: 390, height: 844 },
    ]) {
      const { page } = await open(mapUrl(`pick=${picks.join(',')}&focus=${id('akb')}`), viewport);
      await settledMap(page);
      // The map view only: the header above it is another part's (see this branch's report).
      const scan = async (what: string) => {
        const result = await new AxeBuilder({ page }).include('.map-view').analyze();
        const bad = result.violations
          .filter((violation) => violation.impact === 'critical' || violation.impact === 'serious')
          .map(
            (violation) =>
              `${violation.id}: ${violation.nodes.map((node) => node.target).join(', ')}`,
          );
        expect(bad, `${what} at ${viewport.width}`).toEqual([]);
      };
      await scan('map, focus and picked parties');
      await page.locator('[data-testid=picture-menu]').click();
      await page.locator('#picture-options').waitFor();
      await scan('picture menu');
      await page.keyboard.press('Escape');
      await page.locator('[data-testid=toggle-filters]').click();
      await page.locator('#map-filters').waitFor();
      await scan('filters drawer');
      await current!.close();
      current = null;
    }
  }, 180_000);
});

/** A click with Shift held (what Playwright's mouse does not take as an option). */
async function shiftClick(page: Page, x: number, y: number): Promise<void> {
  await page.keyboard.down('Shift');
  await page.mouse.click(x, y);
  await page.keyboard.up('Shift');
}
