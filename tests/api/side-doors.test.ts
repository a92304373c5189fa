import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, call, createMap, type TestContext } from '../helpers/app.ts';
import { buildActor } from '../helpers/factories.ts';

/** Validation with no side doors: what the schema says is exactly what is accepted. */

let ctx: TestContext;
let mapId: string;
beforeAll(async () => {
  ctx = await buildTestApp();
  mapId = await createMap(ctx.app);
});
afterAll(() => ctx.close());

describe('layout', () => {
  it('refuses a key that is not an element id, and stores nothing', async () => {
    const actor = await buildActor(ctx.app, mapId);
    const ok = { [actor.id]: { x: 1, y: 2 } };
    expect((await call(ctx.app, 'PUT', `/maps/${mapId}/layout`, { positions: ok })).status).toBe(
      200,
    );
    const bad = await call(ctx.app, 'PUT', `/maps/${mapId}/layout`, {
      positions: { ok: { x: 1, y: 1 }, 'bad key!': { anything: [1] } },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toBe('validation_failed');
    const shape = await call(ctx.app, 'PUT', `/maps/${mapId}/layout`, {
      positions: { [actor.id]: { x: 1, y: 2, z: 3 } },
    });
    expect(shape.status).toBe(400);
    expect((await call(ctx.app, 'GET', `/maps/${mapId}/layout`)).body).toEqual({ positions: ok });
  });
});

describe('names', () => {
  it.each([
    ['only NUL', '\u0000'],
    ['only a zero-width space', '\u200b'],
    ['white space and a byte-order mark', ' \ufeff\t'],
    ['only control characters', '\u0007\u001b'],
  ])('refuse a name of %s', async (_what, name) => {
    const response = await call(ctx.app, 'POST', `/maps/${mapId}/actors`, {
      name,
      sector: 'municipal',
    });
    expect(response.status).toBe(400);
    expect(response.body.details[0]).toMatchObject({ path: 'body/name', keyword: 'pattern' });
  });

  it('accept a name with one visible character among invisible ones', async () => {
    const response = await call(ctx.app, 'POST', `/maps/${mapId}/areas`, { name: '\u200bÅ' });
    expect(response.status).toBe(201);
  });
});

describe('source URLs', () => {
  it.each([
    'javascript:alert(1)',
    'JAVASCRIPT:alert(1)',
    'data:text/html,<b>x</b>',
    'ftp://example.org/x',
    '//example.org',
  ])('refuse %s', async (url) => {
    const patched = await call(ctx.app, 'POST', `/maps/${mapId}/forums`, {
      name: 'Styregruppe',
      kind: 'steering_group',
      source: { kind: 'public', url },
    });
    expect(patched.status).toBe(400);
    expect(patched.body.details[0].path).toBe('body/source/url');
  });

  it('accept http and https addresses', async () => {
    for (const url of ['https://gadehavegaard.dk/udviklingsplanen/', 'HTTP://example.org?q=1']) {
      const response = await call(ctx.app, 'POST', `/maps/${mapId}/forums`, {
        name: 'Partnerskab',
        kind: 'partnership',
        source: { kind: 'public', url },
      });
      expect(response.status).toBe(201);
      expect(response.body.source.url).toBe(url);
    }
  });
});
