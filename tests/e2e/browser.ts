import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import type { Browser, ConsoleMessage, Page } from 'playwright-core';
import { build } from 'vite';
import { inject } from 'vitest';
import { buildApp } from '../../api/src/app.ts';
import { Database } from '../../api/src/db/database.ts';
import { launchChromium } from '../../bench/chromium.ts';

export { CHROMIUM, launchChromium } from '../../bench/chromium.ts';
export const SCREENSHOTS = fileURLToPath(new URL('../../test-results/e2e/', import.meta.url));

/** The production build served by the real API over the run's real Neo4j, and Chromium. */
export interface E2eServer {
  db: Database;
  app: FastifyInstance;
  /** `http://127.0.0.1:<port>`, where the app listens. */
  base: string;
  browser: Browser;
  close(): Promise<void>;
}

/** What every browser test starts from: the web app built, served, and a browser to open it. */
export async function startServer(): Promise<E2eServer> {
  const web = await buildWeb();
  const db = new Database(inject('neo4j'));
  const app = await buildApp({ db, migrate: false, webRoot: web.outDir });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const browser = await launchChromium();
  return {
    db,
    app,
    base,
    browser,
    close: async () => {
      await browser.close();
      await app.close();
      await db.close();
      web.remove();
    },
  };
}

/** Builds the web app once into a temporary folder (the real production build). */
export async function buildWeb(): Promise<{ outDir: string; remove(): void }> {
  const outDir = mkdtempSync(join(tmpdir(), 'samspil-web-'));
  await build({
    configFile: fileURLToPath(new URL('../../web/vite.config.ts', import.meta.url)),
    build: { outDir, emptyOutDir: true },
    logLevel: 'error',
  });
  return { outDir, remove: () => rmSync(outDir, { recursive: true, force: true }) };
}

export interface WatchedPage {
  page: Page;
  /** Console errors and uncaught exceptions so far, except the failed requests a test expects. */
  errors(): string[];
  /** A test that provokes a failing request declares it, so its console line is not an error. */
  expectFailedRequest(urlPart: string): void;
  close(): Promise<void>;
}

/** A page in a fresh context (own storage) that records every console error and page error. */
export async function openPage(
  browser: Browser,
  viewport = { width: 1600, height: 900 },
): Promise<WatchedPage> {
  const context = await browser.newContext({ viewport, locale: 'da-DK' });
  const page = await context.newPage();
  const errors: string[] = [];
  const expected: string[] = [];
  page.on('console', (message: ConsoleMessage) => {
    if (message.type() !== 'error') return;
    const where = message.location()?.url ?? '';
    const isExpected =
      message.text().startsWith('Failed to load resource') &&
      expected.some((part) => where.includes(part));
    if (!isExpected) errors.push(`console: ${message.text()} (${where})`);
  });
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  return {
    page,
    errors: () => [...errors],
    expectFailedRequest: (part) => void expected.push(part),
    close: () => context.close(),
  };
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path });
  return path;
}

/** Waits until the map is drawn and answers input (the app sets this after the first layout). */
export async function waitForMap(page: Page, timeout = 20_000): Promise<void> {
  await page.waitForFunction(() => document.documentElement.dataset.mapReady === 'true', null, {
    timeout,
  });
}
