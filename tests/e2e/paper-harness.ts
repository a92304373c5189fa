import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { loadDemoMap } from '../../seed/load.ts';
import { call, signIn, signInAsAdmin, type TestUser } from '../helpers/app.ts';
import { openPage, startServer, type WatchedPage } from './browser.ts';

/** Where the paper tests leave their PDFs, page images and screenshots, to be looked at. */
export const PAPER = fileURLToPath(new URL('../../test-results/paper/', import.meta.url));

/**
 * The production build served by the real API over the real Neo4j, the demo map under a fresh
 * id owned by a signed-in administrator, and Chromium: what every paper test starts from.
 */
export interface PaperRig {
  app: FastifyInstance;
  base: string;
  mapId: string;
  browser: Browser;
  /** The map's owner: `call(rig.app, …)` goes as this user, and every page opens signed in. */
  owner: TestUser;
  /** `#/maps/<id>/<view>` on the rig's map. */
  mapUrl(view?: string): string;
  /** A fresh browser that carries the owner's session cookie, at `url`. */
  open(url: string, viewport?: { width: number; height: number }): Promise<WatchedPage>;
  close(): Promise<void>;
}

export async function startRig(): Promise<PaperRig> {
  const server = await startServer();
  const { db, app, base, browser } = server;
  const owner = await signInAsAdmin(app);
  const mapId = `paper-${randomBytes(6).toString('hex')}`;
  await loadDemoMap(db, { mapId, ownerId: owner.user.id });
  // Signed in once, as a returning user is: every browser carries this session's cookie, and
  // signing in anew for each would soon meet the sign-in limit, as it should.
  const session = await signIn(app, owner.email, owner.password);
  await warmUp(app, mapId);
  return {
    app,
    base,
    mapId,
    browser,
    owner,
    mapUrl: (view = '') => `${base}/#/maps/${mapId}${view ? `/${view}` : ''}`,
    open: async (url, viewport = { width: 1440, height: 900 }) => {
      const watched = await openPage(browser, viewport);
      await watched.page
        .context()
        .addCookies([{ name: 'samspil_session', value: session, url: base }]);
      await watched.page.goto(url);
      return watched;
    },
    close: () => server.close(),
  };
}

/**
 * The share of dark pixels (below 200 of 255 grey) in a part of one page, read from a small
 * greyscale rendering (PGM, whose pixels follow a plain header): a blank frame has next to none.
 */
export function inkShare(
  pdf: string,
  page: number,
  area: { left: number; top: number; right: number; bottom: number },
): number {
  const image = execFileSync('pdftoppm', [
    '-gray',
    '-r',
    '30',
    '-f',
    `${page}`,
    '-l',
    `${page}`,
    pdf,
  ]);
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(image.subarray(0, 40).toString('latin1'))!;
  const [width, height] = [Number(header[1]), Number(header[2])];
  const pixels = image.subarray(header[0].length);
  let dark = 0;
  let all = 0;
  for (let y = Math.floor(area.top * height); y < area.bottom * height; y += 1) {
    for (let x = Math.floor(area.left * width); x < area.right * width; x += 1) {
      all += 1;
      if (pixels[y * width + x]! < 200) dark += 1;
    }
  }
  return dark / all;
}

/**
 * The analysis answers once before the browser asks: on a busy machine its first run can outlast
 * a request's time limit (503), which the page would show as an error instead of the views.
 */
async function warmUp(app: FastifyInstance, mapId: string): Promise<void> {
  for (const what of ['gaps?lang=da&limit=500', 'backing?lang=da', 'alliances?lang=da']) {
    for (let attempt = 0; ; attempt += 1) {
      const response = await call(app, 'GET', `/maps/${mapId}/${what}`);
      if (response.status === 200) break;
      if (attempt === 5) {
        throw new Error(`${what}: ${response.status} ${JSON.stringify(response.body)}`);
      }
    }
  }
}

export interface Printed {
  pdf: string;
  pages: number;
  /** Page size in points, from pdfinfo: A4 landscape is 842 × 595. */
  width: number;
  height: number;
  /** The text of each page, as pdftotext reads it in reading order. */
  pageTexts: string[];
  /** The PNG of each page (`pdftoppm -r 60`), to look at. */
  images: string[];
}

/**
 * Prints the page to PDF as Chromium prints it (print media, the CSS page size, backgrounds),
 * and turns every page into an image under test-results/paper/.
 */
export async function printToPdf(page: Page, name: string): Promise<Printed> {
  mkdirSync(PAPER, { recursive: true });
  const pdf = join(PAPER, `${name}.pdf`);
  await page.emulateMedia({ media: 'print' });
  await page.pdf({ path: pdf, preferCSSPageSize: true, printBackground: true });
  await page.emulateMedia({ media: 'screen' });
  const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
  const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
  const size = /Page size:\s+([\d.]+) x ([\d.]+)/.exec(info);
  execFileSync('pdftoppm', ['-png', '-r', '60', pdf, join(PAPER, name)]);
  const pageTexts = Array.from({ length: pages }, (_, index) =>
    execFileSync('pdftotext', ['-f', `${index + 1}`, '-l', `${index + 1}`, pdf, '-'], {
      encoding: 'utf8',
    }),
  );
  const digits = String(pages).length;
  const images = Array.from({ length: pages }, (_, index) =>
    join(PAPER, `${name}-${String(index + 1).padStart(digits, '0')}.png`),
  );
  return { pdf, pages, width: Number(size?.[1]), height: Number(size?.[2]), pageTexts, images };
}

/**
 * Text as the tests compare it: one space for every run of white space, and a line broken after
 * a dash ("2025–" / "2028") joined again.
 */
export const squash = (text: string) =>
  text
    .replace(/([–-])[ \t]*\n\s*/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
