import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Compile } from 'typebox/compile';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BriefSchema } from '../../graph-schema/brief.ts';
import { seededId } from '../../seed/ids.ts';
import { loadDemoMap } from '../../seed/load.ts';
import { buildTestApp, call, type Json, type TestContext } from '../helpers/app.ts';

/**
 * The meeting brief (docs/meetings.md) on the Høje-Taastrup demo map, at the date the seed is
 * written for, for By- og Miljøcenter, Institutions- og Skolecenter and VIBO: the parties of the
 * seed's meeting about the Charlotteskolen site.
 */

const AS_OF = '2026-11-28';
const SITE = 'Udvikling af Charlotteskolens grund';
let ctx: TestContext;
let mapId: string;
const id = (key: string) => seededId(mapId, key);
const parties = () => [id('by-miljoe'), id('isc'), id('vibo')].join(',');
const briefUrl = (query: string) =>
  `/maps/${mapId}/brief?actorIds=${parties()}&asOf=${AS_OF}${query}`;
const validate = Compile(BriefSchema);

beforeAll(async () => {
  ctx = await buildTestApp();
  mapId = seededId('test', randomUUID());
  await loadDemoMap(ctx.db, { mapId, ownerId: ctx.user.user.id });
});
afterAll(() => ctx.close());

async function brief(query: string): Promise<Json> {
  const response = await call(ctx.app, 'GET', briefUrl(query));
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  expect(response.headers['content-type']).toMatch(/^application\/json/);
  if (!validate.Check(response.body)) {
    throw new Error(JSON.stringify(validate.Errors(response.body).slice(0, 5)));
  }
  return response.body;
}

/** The gap id of `kind` on `subjectKey`, as `/gaps` lists it. */
async function gapIdOf(kind: string, subjectKey: string): Promise<string> {
  const response = await call(ctx.app, 'GET', `/maps/${mapId}/gaps?asOf=${AS_OF}&kind=${kind}`);
  const gap = response.body.gaps.find((g: Json) => g.subject.id === id(subjectKey));
  expect(gap, `${kind} on ${subjectKey}`).toBeDefined();
  return gap.id;
}

describe('the brief of By- og Miljøcenter, Institutions- og Skolecenter and VIBO', () => {
  it('lists the Charlotteskolen site among the shared targets, with the three parties', async () => {
    const body = await brief('&lang=da');
    const site = body.commonGround.targets.find(
      (t: Json) => t.target.id === id('charlotteskolen-site'),
    );
    expect(site).toMatchObject({ target: { type: 'initiative', name: SITE }, live: true });
    expect(site.parties.map((p: Json) => p.id).sort()).toEqual(
      [id('by-miljoe'), id('isc'), id('vibo')].sort(),
    );
    expect(body.parties.map((p: Json) => p.name)).toEqual([
      'By- og Miljøcenter',
      'Institutions- og Skolecenter',
      'VIBO',
    ]);
  });

  it('puts the site’s ownership gap on the agenda, with its gap id and its target', async () => {
    const body = await brief('&lang=da');
    const gapId = await gapIdOf('unowned_initiative', 'charlotteskolen-site');
    const item = body.agenda.find((i: Json) => i.gapIds.includes(gapId));
    expect(item).toMatchObject({
      purpose: `Aftal ejerskab af »${SITE}«`,
      source: 'gap',
      targets: [{ type: 'initiative', id: id('charlotteskolen-site'), name: SITE }],
    });
    expect(body.gaps.map((g: Json) => g.id)).toContain(gapId);
    // Numbered from 1 in order; the meeting has something to decide.
    expect(body.agenda.map((i: Json) => i.number)).toEqual(
      body.agenda.map((_: Json, i: number) => i + 1),
    );
    expect(body.kind).toBe('decision');
  });

  it('keeps the server’s ranking: the agenda’s gap items follow the order of /gaps', async () => {
    const body = await brief('&lang=da');
    const all = await call(ctx.app, 'GET', `/maps/${mapId}/gaps?asOf=${AS_OF}&limit=5000`);
    const order = all.body.gaps.map((g: Json) => g.id);
    const agendaGaps = body.agenda
      .filter((i: Json) => i.source === 'gap')
      .map((i: Json) => i.gapIds[0]);
    const positions = agendaGaps.map((gapId: string) => order.indexOf(gapId));
    expect(positions.every((p: number) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it('shows each party’s last meeting and sentiment, and the open follow-up from it', async () => {
    const body = await brief('&lang=da');
    const [bmc, isc] = body.parties;
    expect(bmc.lastMeeting).toMatchObject({
      name: 'Partnerskabsmøde om Charlotteskolens grund',
      date: '2026-09-15',
      sentiment: 'positive',
    });
    expect(isc.lastMeeting.sentiment).toBe('neutral');
    const followUp = body.followUps.find((a: Json) => a.id === id('a-ejerskabsforslag'));
    expect(followUp).toMatchObject({
      due: '2026-10-15',
      overdue: true,
      owner: { id: id('by-miljoe') },
    });
    expect(bmc.openActions.map((a: Json) => a.id)).toEqual([id('a-ejerskabsforslag')]);
    // Both departments want to lead the site: each hears the other as a likely objection.
    expect(bmc.objections).toContain(
      `Vil selv lede »${SITE}«, ligesom Institutions- og Skolecenter`,
    );
    expect(isc.objections).toContain(`Vil selv lede »${SITE}«, ligesom By- og Miljøcenter`);
    const decision = body.decisions.find((d: Json) => d.id === id('d-isu-charlotteskolen-2026'));
    expect(decision).toMatchObject({
      outcome: 'deferred',
      target: { id: id('charlotteskolen-site') },
    });
  });

  it('is the same brief in English: the same items and ids, in English words', async () => {
    const da = await brief('&lang=da');
    const en = await brief('&lang=en');
    expect(en.lang).toBe('en');
    expect(en.agenda.map((i: Json) => [i.source, i.gapIds, i.actionIds])).toEqual(
      da.agenda.map((i: Json) => [i.source, i.gapIds, i.actionIds]),
    );
    const gapId = await gapIdOf('unowned_initiative', 'charlotteskolen-site');
    expect(en.agenda.find((i: Json) => i.gapIds.includes(gapId)).purpose).toBe(
      `Agree who owns “${SITE}”`,
    );
    expect(en.title).toBe(
      'Meeting brief: By- og Miljøcenter, Institutions- og Skolecenter and VIBO',
    );
    expect(da.title).toBe('Mødebrief: By- og Miljøcenter, Institutions- og Skolecenter og VIBO');
  });

  it('changes when the follow-up is done: it leaves the follow-ups and the agenda', async () => {
    const actionId = id('a-ejerskabsforslag');
    const before = await brief('&lang=da');
    expect(before.agenda.some((i: Json) => i.actionIds.includes(actionId))).toBe(true);
    const read = await call(ctx.app, 'GET', `/maps/${mapId}/actions/${actionId}`);
    const patched = await call(
      ctx.app,
      'PATCH',
      `/maps/${mapId}/actions/${actionId}`,
      { status: 'done' },
      { 'if-match': String(read.body.version) },
    );
    expect(patched.status).toBe(200);
    const after = await brief('&lang=da');
    expect(after.followUps.map((a: Json) => a.id)).not.toContain(actionId);
    expect(after.agenda.some((i: Json) => i.actionIds.includes(actionId))).toBe(false);
    await call(
      ctx.app,
      'PATCH',
      `/maps/${mapId}/actions/${actionId}`,
      { status: 'open' },
      { 'if-match': String(patched.body.version) },
    );
  });
});

describe('the brief as Markdown and PDF', () => {
  it('is Markdown with format=md and with Accept: text/markdown, agenda first', async () => {
    const byFormat = await call(ctx.app, 'GET', briefUrl('&lang=da&format=md'));
    expect(byFormat.status).toBe(200);
    expect(byFormat.headers['content-type']).toMatch(/^text\/markdown/);
    const text = byFormat.body as string;
    const lines = text.split('\n');
    expect(lines[0]).toBe('# Mødebrief: By- og Miljøcenter, Institutions- og Skolecenter og VIBO');
    const agenda = lines.indexOf('## Forslag til dagsorden');
    const partiesAt = lines.indexOf('## Parterne');
    expect(agenda).toBeGreaterThan(0);
    expect(partiesAt).toBeGreaterThan(agenda);
    expect(lines.slice(agenda, partiesAt)).toContainEqual(
      expect.stringMatching(new RegExp(`^\\d+\\. Aftal ejerskab af »${SITE}«$`)),
    );
    expect(lines).toContain('### Institutions- og Skolecenter');
    const byAccept = await call(ctx.app, 'GET', briefUrl('&lang=da'), undefined, {
      accept: 'text/markdown',
    });
    expect(byAccept.headers['content-type']).toMatch(/^text\/markdown/);
    expect(byAccept.body).toBe(text);
  });

  it('is a PDF whose extracted text holds the parties and the æøå names', async () => {
    const response = await ctx.app.inject({
      method: 'GET',
      url: `/api/v1${briefUrl('&lang=da')}`,
      headers: { accept: 'application/pdf', authorization: `Bearer ${ctx.user.token}` },
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    const pdf = response.rawPayload;
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const dir = mkdtempSync(join(tmpdir(), 'samspil-brief-'));
    try {
      const file = join(dir, 'brief.pdf');
      writeFileSync(file, pdf);
      const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
      const flat = text.replace(/\s+/g, ' ');
      expect(flat).toContain('Mødebrief: By- og Miljøcenter, Institutions- og Skolecenter og VIBO');
      expect(flat).toContain('Forslag til dagsorden');
      expect(flat).toContain(`Aftal ejerskab af »${SITE}«`);
      expect(flat).toContain('Partnerskabsmøde om Charlotteskolens grund');
      for (const name of ['By- og Miljøcenter', 'Institutions- og Skolecenter', 'VIBO']) {
        expect(flat).toContain(name);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    // Making the PDF leaves the cached brief as it was, for the JSON and Markdown after it.
    await brief('&lang=da');
    const md = await call(ctx.app, 'GET', briefUrl('&lang=da&format=md'));
    expect(md.status).toBe(200);
    expect(md.body).toContain(`Aftal ejerskab af »${SITE}«`);
  });
});

describe('bad input to the brief', () => {
  async function expect400(url: string, code?: string) {
    const response = await call(ctx.app, 'GET', url);
    expect(response.status, url).toBe(400);
    expect(Object.keys(response.body).sort()).toEqual(['details', 'error', 'message']);
    if (code) expect(response.body.error).toBe(code);
    return response.body;
  }

  it('refuses an id that names no actor of the map, and names it', async () => {
    const body = await expect400(
      `/maps/${mapId}/brief?actorIds=${id('by-miljoe')},nobody-here`,
      'unknown_actor',
    );
    expect(body.details).toEqual([
      expect.objectContaining({ path: 'actorIds', params: { id: 'nobody-here' } }),
    ]);
    // An initiative is not a party.
    await expect400(`/maps/${mapId}/brief?actorIds=${id('charlotteskolen-site')}`, 'unknown_actor');
  });

  it('refuses more than 50 parties', async () => {
    const many = Array.from({ length: 51 }, (_, i) => `actor-${i}`).join(',');
    await expect400(`/maps/${mapId}/brief?actorIds=${many}`, 'too_many_parties');
  });

  it('refuses an unknown format, a missing or malformed list of parties, and a bad date', async () => {
    await expect400(`/maps/${mapId}/brief?actorIds=${parties()}&format=docx`);
    await expect400(`/maps/${mapId}/brief`);
    await expect400(`/maps/${mapId}/brief?actorIds=a,,b`);
    await expect400(`/maps/${mapId}/brief?actorIds=${parties()}&asOf=2026-13-01`);
  });

  it('answers 404 for an unknown map', async () => {
    const response = await call(ctx.app, 'GET', `/maps/no-such-map/brief?actorIds=a`);
    expect(response.status).toBe(404);
    expect(response.body.error).toBe('map_not_found');
  });
});
