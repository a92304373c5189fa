import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../api/src/db/database.ts';
import { seededId } from '../../seed/ids.ts';
import { loadDemoMap } from '../../seed/load.ts';
import { call, signIn, signInAsAdmin } from '../helpers/app.ts';
import { type E2eServer, openPage, screenshot, SCREENSHOTS, startServer } from './browser.ts';

/**
 * The consultant's flow in the browser, on the demo map: choose three parties with the picker
 * (one by keyboard), read the brief and its agenda, download it, print the page, save it as a
 * planned meeting, record the outcome with a follow-up, and see the brief change.
 */

let db: Database;
let app: FastifyInstance;
let server: E2eServer;
let browser: Browser;
let base: string;
let mapId: string;
/** The map owner's session: the browser is that of a signed-in consultant. */
let session: string;

const SITE = 'Udvikling af Charlotteskolens grund';
const ACTION = 'Skitse til boliger på en del af grunden';
const id = (key: string) => seededId(mapId, key);
const poll = <T>(read: () => Promise<T> | T) =>
  expect.poll(read, { timeout: 30_000, interval: 100 });

beforeAll(async () => {
  server = await startServer();
  ({ db, app, base, browser } = server);
  mapId = `e2e-${randomBytes(6).toString('hex')}`;
  const owner = await signInAsAdmin(app);
  session = await signIn(app, owner.email, owner.password);
  await loadDemoMap(db, { mapId, ownerId: owner.user.id });
  // The first analysis of a fresh map is the slow part on a busy machine; the browser's own
  // requests then share what the server cached.
  for (let attempt = 0; attempt < 3; attempt++) {
    if ((await call(app, 'GET', `/maps/${mapId}/gaps?lang=da`)).status === 200) break;
  }
});

afterAll(() => server?.close());

describe('preparing a meeting', () => {
  it('starts from the parties picked on the map, and picks on the map those chosen here', async () => {
    const watched = await openPage(browser);
    const { page } = watched;
    await page.context().addCookies([{ name: 'samspil_session', value: session, url: base }]);
    try {
      await page.goto(`${base}/#/maps/${mapId}/meeting?pick=${id('by-miljoe')},${id('vibo')}`);
      await page.getByRole('heading', { name: 'Forbered møde' }).waitFor();
      const chips = page.getByRole('list', { name: 'Valgte parter' }).getByRole('listitem');
      await poll(() => chips.allTextContents()).toEqual([
        expect.stringContaining('By- og Miljøcenter'),
        expect.stringContaining('VIBO'),
      ]);
      await page.getByLabel('Søg efter parter').fill('Institutions- og Skolecenter');
      await page.getByRole('checkbox', { name: 'Institutions- og Skolecenter' }).check();
      await poll(() => new URL(page.url().replace('#/', '')).searchParams.get('pick')).toBe(
        [id('by-miljoe'), id('vibo'), id('isc')].join(','),
      );
      expect(watched.errors()).toEqual([]);
    } finally {
      await watched.close();
    }
  }, 120_000);

  it(
    'prepares a brief, saves it as a meeting, records the outcome and sees the brief change',
    {
      timeout: 400_000,
    },
    async () => {
      const watched = await openPage(browser);
      const { page } = watched;
      await page.context().addCookies([{ name: 'samspil_session', value: session, url: base }]);
      try {
        await page.goto(`${base}/#/maps/${mapId}/meeting`);
        await page.getByRole('heading', { name: 'Forbered møde' }).waitFor();
        await poll(() => page.locator('.option').count()).toBeGreaterThan(10);
        await expect(page.locator('.state').textContent()).resolves.toContain(
          'Vælg to eller flere',
        );

        const search = page.getByLabel('Søg efter parter');
        await search.fill('By- og Miljø');
        await page.getByRole('checkbox', { name: 'By- og Miljøcenter' }).check();
        await search.fill('Institutions- og Skolecenter');
        await page.getByRole('checkbox', { name: 'Institutions- og Skolecenter' }).check();
        // The third by keyboard: focus its box and tick it with Space.
        await search.fill('VIBO');
        const viboBox = page.getByRole('checkbox', { name: 'VIBO', exact: true });
        await viboBox.focus();
        await page.keyboard.press('Space');
        await poll(() => viboBox.isChecked()).toBe(true);
        await page.getByRole('button', { name: 'Vis brief' }).click();

        // The first brief of a map computes its whole analysis: allow for a busy machine.
        const brief = page.getByTestId('brief');
        await page
          .locator('[data-testid=brief], .brief .state.error')
          .first()
          .waitFor({ timeout: 120_000 });
        // A busy machine may still refuse the first try: the error state offers to try again.
        if (await page.locator('.brief .state.error').count()) {
          await page.getByRole('button', { name: 'Prøv igen' }).click();
          await brief.waitFor({ timeout: 120_000 }).catch(() => undefined);
        }
        if (await page.locator('.brief .state.error').count()) {
          await screenshot(page, 'meeting-00-error');
          throw new Error(
            `brief failed: ${await page.locator('.brief .state.error').textContent()}`,
          );
        }
        expect(await brief.getByRole('heading', { level: 2 }).textContent()).toBe(
          'Mødebrief: By- og Miljøcenter, Institutions- og Skolecenter og VIBO',
        );
        const agenda = await page.locator('.agenda li').allTextContents();
        expect(agenda).toContain(`Aftal ejerskab af »${SITE}«`);
        await screenshot(page, 'meeting-01-brief');

        // The downloads are the API's own PDF and Markdown of the same parties, saved as files.
        const saved = async (name: string) => {
          const [file] = await Promise.all([
            page.waitForEvent('download'),
            page.getByRole('button', { name }).click(),
          ]);
          return { name: file.suggestedFilename(), body: readFileSync((await file.path())!) };
        };
        const pdf = await saved('Hent PDF');
        expect(pdf.name).toMatch(/\.pdf$/);
        expect(pdf.body.subarray(0, 5).toString('latin1')).toBe('%PDF-');
        const md = await saved('Hent Markdown');
        expect(md.name).toMatch(/\.md$/);
        expect(md.body.toString('utf8')).toContain(`Aftal ejerskab af »${SITE}«`);

        // The page prints as the brief alone: no picker, no buttons.
        mkdirSync(SCREENSHOTS, { recursive: true });
        const printed = join(SCREENSHOTS, 'meeting-brief-print.pdf');
        writeFileSync(printed, await page.pdf({ format: 'A4', printBackground: true }));
        const text = execFileSync('pdftotext', [printed, '-'], { encoding: 'utf8' });
        expect(text).toContain('Forslag til dagsorden');
        expect(text).not.toContain('Søg efter parter');
        expect(text).not.toContain('Gem som møde');

        await page.getByLabel('Sted').fill('Rådhuset');
        await page.getByRole('button', { name: 'Gem som møde' }).click();
        const outcome = page.locator('form.outcome');
        await outcome.waitFor();
        const meetings = (await call(app, 'GET', `/maps/${mapId}/meetings?status=planned`)).body;
        expect(meetings.items).toHaveLength(1);
        const meeting = meetings.items[0];
        expect(meeting).toMatchObject({ status: 'planned', location: 'Rådhuset' });
        expect(meeting.participants.map((p: { actorId: string }) => p.actorId).sort()).toEqual(
          [id('by-miljoe'), id('isc'), id('vibo')].sort(),
        );
        expect(meeting.topicIds).toContain(id('charlotteskolen-site'));

        await outcome.getByLabel('Stemning hos VIBO').selectOption('negative');
        await outcome.getByLabel('Note om VIBO').fill('Vil ikke binde sig før en skitse');
        await outcome.getByRole('button', { name: 'Tilføj opfølgning' }).click();
        await outcome.getByLabel('Hvad skal gøres').fill(ACTION);
        await outcome.getByLabel('Ansvarlig').selectOption({ label: 'VIBO' });
        await outcome.getByLabel('Frist').fill('2027-01-15');
        await screenshot(page, 'meeting-02-outcome');
        await outcome.getByRole('button', { name: 'Gem udfald' }).click();

        // The brief is read again: the new follow-up is there, and VIBO's last meeting is this one.
        const followUps = page.getByTestId('follow-ups');
        await poll(() => followUps.textContent()).toContain(ACTION);
        const vibo = page.getByRole('region', { name: 'VIBO', exact: true });
        await poll(() => vibo.textContent()).toContain('negativ');
        const held = (await call(app, 'GET', `/maps/${mapId}/meetings/${meeting.id}`)).body;
        expect(held.status).toBe('held');
        const actions = (await call(app, 'GET', `/maps/${mapId}/actions?meetingId=${meeting.id}`))
          .body;
        expect(actions.items).toEqual([
          expect.objectContaining({ title: ACTION, ownerId: id('vibo'), due: '2027-01-15' }),
        ]);
        await screenshot(page, 'meeting-03-after');

        // In English, the brief is asked for again and comes back in English.
        await page.locator('button[data-lang=en]').click();
        await poll(() => brief.getByRole('heading', { level: 2 }).textContent()).toBe(
          'Meeting brief: By- og Miljøcenter, Institutions- og Skolecenter and VIBO',
        );
        expect(await page.locator('.agenda li').allTextContents()).toContain(
          `Agree who owns “${SITE}”`,
        );
        await screenshot(page, 'meeting-04-english');
        expect(watched.errors()).toEqual([]);
      } finally {
        await watched.close();
      }
    },
  );
});
