import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestContext } from '../helpers/app.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await buildTestApp();
});
afterAll(() => ctx.close());

describe('OpenAPI', () => {
  it('documents every collection with its schemas at /docs', async () => {
    const json = await ctx.app.inject({ method: 'GET', url: '/docs/json' });
    expect(json.statusCode).toBe(200);
    const spec = JSON.parse(json.body);
    expect(spec.openapi).toMatch(/^3\./);
    for (const collection of [
      'actors',
      'initiatives',
      'plans',
      'goals',
      'areas',
      'forums',
      'commitments',
      'collaborations',
      'memberships',
      'stances',
      'meetings',
      'decisions',
      'actions',
      'views',
    ]) {
      const path = spec.paths[`/api/v1/maps/{mapId}/${collection}/{id}`];
      expect(path, collection).toBeDefined();
      expect(Object.keys(path).sort(), collection).toEqual(['delete', 'get', 'patch']);
      expect(path.patch.responses['412'], collection).toBeDefined();
    }
    const actorCreate =
      spec.paths['/api/v1/maps/{mapId}/actors'].post.requestBody.content['application/json'].schema;
    expect(actorCreate.properties.sector.enum).toContain('social_programme');
    // A saved view's state is documented as the URL state it is, part by part.
    const viewCreate =
      spec.paths['/api/v1/maps/{mapId}/views'].post.requestBody.content['application/json'].schema;
    expect(viewCreate.required).toEqual(expect.arrayContaining(['name', 'state']));
    expect(Object.keys(viewCreate.properties.state.properties)).toEqual(
      expect.arrayContaining(['view', 'sectors', 'asOf', 'focus', 'picked', 'select']),
    );
    const html = await ctx.app.inject({ method: 'GET', url: '/docs' });
    expect(html.statusCode).toBeLessThan(400);
  });
});
