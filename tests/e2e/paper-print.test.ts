import { existsSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { call, type Json } from '../helpers/app.ts';
import { waitForMap, type WatchedPage } from './browser.ts';
import { inkShare, printToPdf, squash, startRig, type PaperRig } from './paper-harness.ts';

/**
 * The prints, as Chromium puts them on paper: the backing view on A4 landscape in a few pages,
 * the gap list as a plain list, the map on one page with its legend. The page images are left
 * in test-results/paper/ to be looked at.
 */

let rig: PaperRig;
let current: WatchedPage | null = null;

/** A4 landscape in points, as pdfinfo gives it. */
const A4_LANDSCAPE = { width: 842, height: 595 };
/** What print.css leaves of A4 landscape inside its 10 mm margins (277 × 190 mm), in CSS px. */
const PAGE_CONTENT_PX = {
  width: Math.floor((277 / 25.4) * 96),
  height: Math.floor((190 / 25.4) * 96),
};

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

function expectA4Landscape(printed: { width: number; height: number; images: string[] }): void {
  expect(Math.round(printed.width)).toBe(A4_LANDSCAPE.width);
  expect(Math.round(printed.height)).toBe(A4_LANDSCAPE.height);
  for (const image of printed.images) expect(existsSync(image)).toBe(true);
}

describe('paper', { timeout: 180_000 }, () => {
  it('prints the backing view on at most 6 A4 landscape pages, sectors without claims left out', async () => {
    current = await rig.open(rig.mapUrl('backing'));
    const { page } = current;
    await page.locator('[data-testid=backing-table]').waitFor({ timeout: 60_000 });
    const { items } = (await call(rig.app, 'GET', `/maps/${rig.mapId}/backing?lang=da`)).body as {
      items: Json[];
    };
    expect(items.length).toBeGreaterThanOrEqual(15);

    // On screen a sector gets a column only when a row has a claim of it.
    const withClaims = new Set<string>(
      items.flatMap((item) => item.claims.map((claim: Json) => claim.actor.sector as string)),
    );
    const columns = await page.locator('thead th.sector-col').count();
    expect(columns).toBe(withClaims.size);

    const printed = await printToPdf(page, 'backing');
    expectA4Landscape(printed);
    expect(printed.pages).toBeLessThanOrEqual(6);
    const text = squash(printed.pageTexts.join(' '));
    // Every row is on paper, under the heading that names the map.
    for (const item of items) expect(text).toContain(squash(item.target.title));
    expect(text).toContain('Opbakning fordelt på sektorer');
    // The rows share the pages: no page holds a single row of the table.
    const rowsPerPage = printed.pageTexts.map(
      (pageText) =>
        items.filter((item) => squash(pageText).includes(squash(item.target.title))).length,
    );
    expect(Math.min(...rowsPerPage.slice(0, -1))).toBeGreaterThan(1);
    // Sector names stand apart, never run into each other as in "BoligorganisationBeboere".
    expect(text).not.toMatch(/BOLIGORGANISATIONBEBOERE|BoligorganisationBeboere/);
    // The screen's controls stay off the paper.
    expect(text).not.toContain('Udskriv');
    expect(text).not.toContain('Sortér efter');
  });

  it('prints the gap list as a plain list of every gap in the list, without the map', async () => {
    current = await rig.open(rig.mapUrl());
    const { page } = current;
    await waitForMap(page, 60_000);
    await page.locator('.gaps [data-gap-id]').first().waitFor({ timeout: 60_000 });
    const { gaps } = (await call(rig.app, 'GET', `/maps/${rig.mapId}/gaps?lang=da&limit=500`))
      .body as { gaps: Json[] };
    expect(gaps.length).toBeGreaterThan(20);

    // The button marks the page for the list while it prints; the mark goes afterwards.
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { seen: string[] }).seen = seen;
      window.print = () => {
        seen.push(document.documentElement.dataset.print ?? '');
        window.dispatchEvent(new Event('afterprint'));
      };
    });
    await page.locator('button[data-testid=print-gaps]').click();
    expect(await page.evaluate(() => (window as unknown as { seen: string[] }).seen)).toEqual([
      'gaps',
    ]);
    expect(await page.evaluate(() => document.documentElement.dataset.print)).toBeUndefined();

    await page.evaluate(() => (document.documentElement.dataset.print = 'gaps'));
    const printed = await printToPdf(page, 'gap-list');
    expectA4Landscape(printed);
    const text = squash(printed.pageTexts.join(' '));
    expect(text).toContain(`Mangler – `);
    expect(text).toContain(`${gaps.length} mangler`);
    let from = 0;
    for (const gap of gaps) {
      const at = text.indexOf(squash(gap.message), from);
      expect(at, gap.message).toBeGreaterThanOrEqual(from);
      from = at;
    }
    // Nothing of the map or its panels: no legend, no buttons, no filters.
    expect(text).not.toContain('Signaturforklaring');
    expect(text).not.toContain('Vis på kortet');
    expect(text).not.toContain('Filtre');
  });

  it('prints the map on one landscape page with its legend beside it', async () => {
    current = await rig.open(rig.mapUrl());
    const { page } = current;
    await waitForMap(page, 60_000);
    const printed = await printToPdf(page, 'map');
    expectA4Landscape(printed);
    expect(printed.pages).toBe(1);
    const text = squash(printed.pageTexts[0]!);
    expect(text).toContain('Høje-Taastrup');
    expect(text).toContain('Signaturforklaring');
    // The whole legend is on the page, down to its last entry: what its frame cuts off is not
    // printed at all.
    const entries = await page
      .locator('main > .print-legend li')
      .evaluateAll((items) => items.map((item) => item.textContent ?? ''));
    expect(entries.length).toBeGreaterThan(20);
    let from = 0;
    for (const entry of entries.map(squash)) {
      const at = text.indexOf(entry, from);
      expect(at, entry).toBeGreaterThanOrEqual(from);
      from = at;
    }
    // The gap list and the panels are for the screen.
    expect(text).not.toContain('Vis på kortet');
    expect(text).not.toContain('Nulstil filtre');
    // The map is drawn on the page, not an empty frame: its left two thirds carry ink.
    expect(
      inkShare(printed.pdf, 1, { left: 0.1, top: 0.2, right: 0.65, bottom: 0.85 }),
    ).toBeGreaterThan(0.02);
    // On paper the graph's layers keep inside their frame, clear of the legend.
    await page.emulateMedia({ media: 'print' });
    const overflow = await page.evaluate(() => {
      const frame = document.querySelector('.map-view .canvas')!.getBoundingClientRect();
      return [...document.querySelectorAll('.map-view .graph canvas')].some((canvas) => {
        const box = canvas.getBoundingClientRect();
        return box.right > frame.right + 1 || box.bottom > frame.bottom + 1;
      });
    });
    await page.emulateMedia({ media: 'screen' });
    expect(overflow).toBe(false);

    // Laid out as on the page (A4 landscape less its margins, in CSS px), every entry of the
    // legend is inside the legend's frame, and the frame is inside the page.
    const viewport = page.viewportSize()!;
    await page.emulateMedia({ media: 'print' });
    await page.setViewportSize(PAGE_CONTENT_PX);
    const legend = await page.evaluate(() => {
      const frame = document.querySelector('main > .print-legend')!.getBoundingClientRect();
      const items = [...document.querySelectorAll('main > .print-legend li')].map((item) => {
        const box = item.getBoundingClientRect();
        return { text: item.textContent!.trim(), right: box.right, bottom: box.bottom };
      });
      return { right: frame.right, bottom: frame.bottom, items };
    });
    await page.setViewportSize(viewport);
    await page.emulateMedia({ media: 'screen' });
    expect(legend.bottom).toBeLessThanOrEqual(PAGE_CONTENT_PX.height);
    expect(legend.right).toBeLessThanOrEqual(PAGE_CONTENT_PX.width + 0.5);
    for (const item of legend.items) {
      expect(item.bottom, item.text).toBeLessThanOrEqual(legend.bottom + 0.5);
      expect(item.right, item.text).toBeLessThanOrEqual(legend.right + 0.5);
    }
  });
});
