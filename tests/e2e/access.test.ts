import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
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
 * People and access in the browser: signing in through the page, a share link opened in a
 * second browser read-only, a viewer without edit controls, an invitation, and the history
 * panel with its revert (and a refused one).
 */

let db: Database;
let app: FastifyInstance;
let server: E2eServer;
let browser: Browser;
let base: string;
let mapId: string;
let owner: TestUser;
const pages: WatchedPage[] = [];

const poll = <T>(read: () => Promise<T> | T) =>
  expect.poll(read, { timeout: 30_000, interval: 100 });

async function fresh(failing: string[] = []): Promise<WatchedPage> {
  const watched = await openPage(browser);
  for (const part of failing) watched.expectFailedRequest(part);
  pages.push(watched);
  return watched;
}

async function signInThroughPage(page: Page, email: string, password: string): Promise<void> {
  const form = page.locator('[data-testid=sign-in-form]');
  await form.waitFor({ timeout: 30_000 });
  await form.locator('#sign-in-email').fill(email);
  await form.locator('#sign-in-password').fill(password);
  await form.locator('button[type=submit]').click();
}

beforeAll(async () => {
  server = await startServer();
  ({ db, app, base, browser } = server);
  owner = await signInAsAdmin(app);
  mapId = `access-${randomBytes(6).toString('hex')}`;
  await loadDemoMap(db, { mapId, ownerId: owner.user.id });
});

afterEach(async () => {
  const errors = pages.flatMap((watched) => watched.errors());
  for (const watched of pages.splice(0)) await watched.close();
  expect(errors).toEqual([]);
});

afterAll(() => server?.close());

describe('signing in', () => {
  it('refuses a wrong password on the page, then opens the map signed in, and signs out', async () => {
    const { page } = await fresh(['/api/v1/auth/me', '/api/v1/auth/login']);
    await page.goto(`${base}/#/maps/${mapId}`);
    await signInThroughPage(page, owner.email, 'not the password');
    await poll(() => page.locator('[data-testid=sign-in-error]').textContent()).toContain(
      'E-mail eller adgangskode er forkert',
    );
    await page.locator('#sign-in-password').fill(owner.password);
    await page.locator('[data-testid=sign-in-form] button[type=submit]').click();
    await waitForMap(page, 60_000);
    await poll(() => page.locator('.map-name').textContent()).toContain('Høje-Taastrup');
    await screenshot(page, 'access-01-signed-in');
    await page.locator('[data-testid=user-menu] summary').click();
    expect(await page.locator('[data-testid=open-members]').isVisible()).toBe(true);
    await page.locator('[data-testid=sign-out]').click();
    await page.locator('[data-testid=sign-in-form]').waitFor();
    expect((await page.context().cookies()).some((c) => c.name === 'samspil_session')).toBe(false);
  });
});

describe('a share link', () => {
  it('made in the share dialog opens the map read-only in a second browser, until revoked', async () => {
    const { page } = await fresh(['/api/v1/auth/me']);
    await page.goto(`${base}/#/maps/${mapId}`);
    await signInThroughPage(page, owner.email, owner.password);
    await waitForMap(page, 60_000);
    await page.locator('[data-testid=user-menu] summary').click();
    await page.locator('[data-testid=open-share]').click();
    const dialog = page.locator('[data-testid=share-dialog]');
    await dialog.locator('#share-label').fill('Borgermøde i Taastrupgaard');
    await dialog.locator('[data-testid=create-share-link]').click();
    const url = await dialog.locator('[data-testid=share-url]').inputValue();
    expect(url).toContain(`#/maps/${mapId}?share=sps_`);
    await screenshot(page, 'access-02-share-dialog');

    const visitor = await fresh();
    await visitor.page.goto(url);
    await waitForMap(visitor.page, 60_000);
    await poll(() => visitor.page.locator('[data-testid=read-only]').count()).toBe(1);
    expect(visitor.page.url()).not.toContain('share=');
    expect(
      await visitor.page
        .locator('[data-testid=create-menu], [data-testid=open-history], [data-testid=user-menu]')
        .count(),
    ).toBe(0);
    await visitor.page.locator('#map-search').fill('Boligselskabet AKB');
    await visitor.page.locator('#map-search').press('Enter');
    await poll(() => visitor.page.locator('[data-testid=details-title]').textContent()).toContain(
      'AKB',
    );
    expect(
      await visitor.page
        .locator(
          '[data-testid=details] [data-testid=edit], [data-testid=details] [data-testid=delete], [data-testid=element-history], [data-add]',
        )
        .count(),
    ).toBe(0);
    await visitor.page.locator('nav a[data-view=backing]').click();
    await visitor.page.locator('[data-testid=backing-table]').waitFor({ timeout: 30_000 });
    await screenshot(visitor.page, 'access-03-shared-read-only');

    await dialog.locator('[data-link="Borgermøde i Taastrupgaard"] button').click();
    await poll(() =>
      dialog.locator('[data-link="Borgermøde i Taastrupgaard"]').textContent(),
    ).toContain('trukket tilbage');
    const late = await fresh(['/api/v1/maps/']);
    await late.page.goto(url);
    await late.page.locator('[data-testid=link-gone]').waitFor({ timeout: 30_000 });
  });
});

describe('a viewer and an invitation', () => {
  it('an invited viewer sets a password on the invitation page and sees no edit controls', async () => {
    const { page } = await fresh(['/api/v1/auth/me']);
    await page.goto(`${base}/#/maps/${mapId}`);
    await signInThroughPage(page, owner.email, owner.password);
    await waitForMap(page, 60_000);
    await page.locator('[data-testid=user-menu] summary').click();
    await page.locator('[data-testid=open-members]').click();
    const dialog = page.locator('[data-testid=members-dialog]');
    const email = `viewer-${randomBytes(3).toString('hex')}@samspil.test`;
    await dialog.locator('#member-email').fill(email);
    await dialog.locator('#member-role').selectOption('viewer');
    await dialog.locator('button[type=submit]').click();
    const invitation = await dialog.locator('[data-testid=invitation-url]').inputValue();
    await poll(() => dialog.locator(`[data-member="${email}"]`).count()).toBe(1);

    const invitee = await fresh(['/api/v1/auth/me']);
    await invitee.page.goto(invitation);
    await invitee.page.locator('#invite-name').fill('Vibeke Viewer');
    await invitee.page.locator('#invite-password').fill('vibekes own passphrase');
    await invitee.page.locator('button[type=submit]').click();
    await waitForMap(invitee.page, 60_000);
    await poll(() => invitee.page.locator('[data-testid=read-only]').textContent()).toContain(
      'Kun læsning',
    );
    expect(await invitee.page.locator('[data-testid=create-menu]').count()).toBe(0);
    await invitee.page.locator('[data-testid=user-menu] summary').click();
    expect(await invitee.page.locator('[data-testid=open-history]').isVisible()).toBe(true);
    expect(await invitee.page.locator('[data-testid=open-members]').count()).toBe(0);
    expect(await invitee.page.locator('[data-testid=open-share]').count()).toBe(0);
  });
});

describe('the history panel', () => {
  it("lists an element's changes by name, reverts one, and says plainly when it cannot", async () => {
    const akb = seededId(mapId, 'akb');
    const before = (await call(app, 'GET', `/maps/${mapId}/actors/${akb}`)).body;
    await call(app, 'PATCH', `/maps/${mapId}/actors/${akb}`, { description: 'Første ændring' });
    await call(app, 'PATCH', `/maps/${mapId}/actors/${akb}`, { description: 'Anden ændring' });
    const { page } = await fresh(['/api/v1/auth/me', '/revert']);
    await page.goto(`${base}/#/maps/${mapId}?select=${akb}`);
    await signInThroughPage(page, owner.email, owner.password);
    await waitForMap(page, 60_000);
    await page.locator('[data-testid=element-history]').click();
    const dialog = page.locator('[data-testid=history-dialog]');
    const items = dialog.locator('li[data-change]');
    await poll(() => items.count()).toBe(2);
    expect(await items.first().textContent()).toContain('Test Admin');
    // The older change cannot be undone while the newer one stands: a 409, said plainly.
    await items.nth(1).locator('[data-testid=revert]').click();
    await poll(() => dialog.locator('[data-testid=revert-refused]').textContent()).toContain(
      'ændret igen siden',
    );
    await screenshot(page, 'access-04-history-refused');
    await items.first().locator('[data-testid=revert]').click();
    await poll(
      async () => (await call(app, 'GET', `/maps/${mapId}/actors/${akb}`)).body.description,
    ).toBe('Første ændring');
    expect(before.description).not.toBe('Første ændring');
  });
});
