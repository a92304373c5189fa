import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, call, createMap, type TestContext } from '../helpers/app.ts';
import { buildActor } from '../helpers/factories.ts';

/** What the API reads from headers and query strings: exactly the documented forms. */

let ctx: TestContext;
beforeAll(async () => {
  ctx = await buildTestApp();
});
afterAll(() => ctx.close());

describe('If-Match', () => {
  it('accepts a bare or quoted version, `*` and an empty value', async () => {
    const mapId = await createMap(ctx.app);
    const actor = await buildActor(ctx.app, mapId);
    const patch = (ifMatch: string, influence: number) =>
      call(
        ctx.app,
        'PATCH',
        `/maps/${mapId}/actors/${actor.id}`,
        { influence },
        { 'if-match': ifMatch },
      );
    expect((await patch('1', 2)).body.version).toBe(2);
    expect((await patch('"2"', 3)).body.version).toBe(3);
    expect((await patch(' 3 ', 4)).body.version).toBe(4);
    expect((await patch('*', 5)).body.version).toBe(5);
    expect((await patch('', 1)).body.version).toBe(6);
    const stale = await patch('"2"', 2);
    expect(stale.status).toBe(412);
    expect(stale.body.error).toBe('stale_version');
  });

  it('answers 400 invalid_if_match for anything else and changes nothing', async () => {
    const mapId = await createMap(ctx.app);
    const actor = await buildActor(ctx.app, mapId);
    for (const value of [
      '"1',
      '1"',
      'W/"1"',
      '1,2',
      '"1", "2"',
      '1 2',
      '-1',
      '1.0',
      'one',
      '**',
      '"*"',
    ]) {
      const response = await call(
        ctx.app,
        'PATCH',
        `/maps/${mapId}/actors/${actor.id}`,
        { influence: 2 },
        { 'if-match': value },
      );
      expect(response.status, value).toBe(400);
      expect(response.body, value).toMatchObject({
        error: 'invalid_if_match',
        details: [{ header: 'if-match', value }],
      });
      const deleted = await call(
        ctx.app,
        'DELETE',
        `/maps/${mapId}/actors/${actor.id}`,
        undefined,
        {
          'if-match': value,
        },
      );
      expect(deleted.status, value).toBe(400);
    }
    expect((await call(ctx.app, 'GET', `/maps/${mapId}/actors/${actor.id}`)).body.version).toBe(1);
  });

  it('is documented with its forms and a pattern in the OpenAPI document', async () => {
    const spec = (await ctx.app.inject({ method: 'GET', url: '/docs/json' })).json();
    const header = spec.paths['/api/v1/maps/{mapId}/actors/{id}'].patch.parameters.find(
      (parameter: { in: string; name: string }) =>
        parameter.in === 'header' && parameter.name === 'if-match',
    );
    expect(header.description).toMatch(/`"3"`/);
    expect(header.description).toMatch(/invalid_if_match/);
    const pattern = new RegExp(header.schema.pattern);
    for (const good of ['3', '"3"', '*', '']) expect(pattern.test(good), good).toBe(true);
    for (const bad of ['"3', 'W/"3"', '3,4']) expect(pattern.test(bad), bad).toBe(false);
  });
});

describe('numbers in query strings', () => {
  it('are plain decimals only', async () => {
    const mapId = await createMap(ctx.app);
    for (const limit of [
      '1e3',
      '0x10',
      '+5',
      '%205',
      '5%20',
      '5.0',
      '0b11',
      'Infinity',
      '',
      '1_0',
    ]) {
      for (const url of [`/maps?limit=${limit}`, `/maps/${mapId}/alliances?limit=${limit}`]) {
        const response = await call(ctx.app, 'GET', url);
        expect(response.status, url).toBe(400);
        expect(response.body, url).toMatchObject({
          error: 'validation_failed',
          details: [{ path: 'querystring/limit' }],
        });
      }
    }
    const ok = await call(ctx.app, 'GET', `/maps/${mapId}/actors?limit=5`);
    expect(ok.status).toBe(200);
    expect((await call(ctx.app, 'GET', `/maps/${mapId}/alliances?limit=007`)).status).toBe(200);
  });

  it('keep lists for repeated parameters and for a single one, and refuse a repeated scalar', async () => {
    const mapId = await createMap(ctx.app);
    await buildActor(ctx.app, mapId, { sector: 'residents' });
    const single = await call(ctx.app, 'GET', `/maps/${mapId}/gaps?kind=unowned_initiative`);
    expect(single.status).toBe(200);
    const both = await call(
      ctx.app,
      'GET',
      `/maps/${mapId}/gaps?kind=unowned_initiative&kind=isolated_actor&severity=high&severity=low`,
    );
    expect(both.status).toBe(200);
    for (const gap of both.body.gaps)
      expect(['unowned_initiative', 'isolated_actor']).toContain(gap.kind);
    const bad = await call(
      ctx.app,
      'GET',
      `/maps/${mapId}/gaps?kind=unowned_initiative&kind=pirates`,
    );
    expect(bad.status).toBe(400);
    const twice = await call(ctx.app, 'GET', `/maps/${mapId}/actors?limit=1&limit=2`);
    expect(twice.status).toBe(400);
    expect(twice.body.error).toBe('validation_failed');
  });

  it('answers 400 invalid_cursor for a cursor the API did not hand out, as documented', async () => {
    const response = await call(ctx.app, 'GET', '/maps?cursor=0');
    expect(response.status).toBe(400);
    expect(response.body.error).toBe('invalid_cursor');
    const spec = (await ctx.app.inject({ method: 'GET', url: '/docs/json' })).json();
    expect(spec.info.description).toMatch(/`nextCursor`[^.]*invalid_cursor/);
  });
});

describe('the OpenAPI document', () => {
  it('states the body limits and lists the errors of the HTTP edge on each operation', async () => {
    const spec = (await ctx.app.inject({ method: 'GET', url: '/docs/json' })).json();
    expect(spec.info.description).toMatch(/1 MB/);
    expect(spec.info.description).toMatch(/8 MB/);
    expect(spec.info.description).toMatch(/Retry-After/);
    const create = spec.paths['/api/v1/maps/{mapId}/actors'].post.responses;
    for (const code of ['400', '413', '415', '429']) expect(create[code], code).toBeDefined();
    const remove = spec.paths['/api/v1/maps/{mapId}/actors/{id}'].delete.responses;
    expect(remove['429']).toBeDefined();
    expect(remove['413']).toBeUndefined();
    expect(spec.paths['/api/v1/maps/{mapId}/actors'].get.responses['429']).toBeUndefined();
    const name =
      spec.paths['/api/v1/maps'].post.requestBody.content['application/json'].schema.properties
        .name;
    expect(name.maxLength).toBeGreaterThan(0);
  });
});
