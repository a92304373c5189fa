import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SECTORS } from '../../graph-schema/index.ts';
import { loadDemoMap } from '../../seed/load.ts';
import { seededId } from '../../seed/ids.ts';
import { buildTestApp, call, type TestContext } from '../helpers/app.ts';

let ctx: TestContext;
const mapId = seededId('test', randomUUID());
beforeAll(async () => {
  ctx = await buildTestApp();
  await loadDemoMap(ctx.db, { mapId, ownerId: ctx.user.user.id });
});
afterAll(() => ctx.close());

describe('the Høje-Taastrup demo map, loaded into Neo4j', () => {
  it('keeps every relationship inside the map', async () => {
    const crossing = await ctx.db.read(async (tx) => {
      const result = await tx.run(
        `MATCH (a)-[r]->(b) WHERE a.mapId = $mapId OR b.mapId = $mapId
         RETURN count(*) AS total,
                count(CASE WHEN a.mapId <> $mapId OR b.mapId <> $mapId THEN 1 END) AS crossing,
                count(CASE WHEN r.id IS NOT NULL AND r.mapId <> $mapId THEN 1 END) AS foreignFacts`,
        { mapId },
      );
      return result.records[0]!.toObject();
    });
    expect(crossing.total.toNumber()).toBeGreaterThan(300);
    expect(crossing.crossing.toNumber()).toBe(0);
    expect(crossing.foreignFacts.toNumber()).toBe(0);
  });

  it('has every sector, all three areas and the required minimums', async () => {
    const actors = await call(ctx.app, 'GET', `/maps/${mapId}/actors?limit=1000`);
    expect(new Set(actors.body.items.map((a: { sector: string }) => a.sector))).toEqual(
      new Set(SECTORS),
    );
    expect(actors.body.items.length).toBeGreaterThanOrEqual(50);
    const areas = await call(ctx.app, 'GET', `/maps/${mapId}/areas`);
    expect(areas.body.items.map((a: { name: string }) => a.name).sort()).toEqual(
      expect.arrayContaining([
        expect.stringContaining('Charlotte'),
        expect.stringContaining('Gadehave'),
        expect.stringContaining('Taastrupgaard'),
      ]),
    );
    const initiatives = await call(ctx.app, 'GET', `/maps/${mapId}/initiatives?limit=1000`);
    expect(initiatives.body.items.length).toBeGreaterThanOrEqual(15);
    const tensions = await call(ctx.app, 'GET', `/maps/${mapId}/collaborations?kind=tension`);
    expect(tensions.body.items.length).toBeGreaterThanOrEqual(1);
  });

  it('gives every fact a structured source', async () => {
    for (const collection of ['commitments', 'collaborations', 'memberships', 'stances']) {
      const facts = await call(ctx.app, 'GET', `/maps/${mapId}/${collection}?limit=1000`);
      expect(facts.body.items.length, collection).toBeGreaterThan(0);
      for (const fact of facts.body.items) {
        expect(fact.source?.kind, `${collection} ${fact.id}`).toMatch(
          /^(public|illustrative|internal)$/,
        );
        if (fact.source.kind === 'public') expect(fact.source.url).toMatch(/^https:\/\//);
      }
    }
  });

  it('reloads under the same ids without duplicating anything', async () => {
    const count = () =>
      ctx.db.read(async (tx) => {
        const result = await tx.run(
          'MATCH (n) WHERE n.mapId = $mapId OPTIONAL MATCH (n)-[r]->() RETURN count(DISTINCT n) AS n, count(r) AS r',
          { mapId },
        );
        return {
          nodes: result.records[0]!.get('n').toNumber(),
          rels: result.records[0]!.get('r').toNumber(),
        };
      });
    const before = await count();
    await loadDemoMap(ctx.db, { mapId, ownerId: ctx.user.user.id });
    expect(await count()).toEqual(before);
    const site = await call(
      ctx.app,
      'GET',
      `/maps/${mapId}/initiatives/${seededId(mapId, 'charlotteskolen-site')}`,
    );
    expect(site.status).toBe(200);
  });
});
