import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemWrite } from '../../api/src/repositories/map-write.ts';
import { MapRepository } from '../../api/src/repositories/map-repository.ts';
import { BundleRepository } from '../../api/src/repositories/bundle-repository.ts';
import { generateSyntheticBundle } from '../../seed/synthetic.ts';
import { buildTestApp, call, createMap, type Json, type TestContext } from '../helpers/app.ts';
import { buildActor, buildCommitment, buildInitiative } from '../helpers/factories.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await buildTestApp();
});
afterAll(() => ctx.close());

async function countInMap(mapId: string): Promise<{ nodes: number; relationships: number }> {
  return ctx.db.read(async (tx) => {
    const nodes = await tx.run('MATCH (n) WHERE n.mapId = $mapId RETURN count(n) AS c', { mapId });
    const rels = await tx.run('MATCH ()-[r]->() WHERE r.mapId = $mapId RETURN count(r) AS c', {
      mapId,
    });
    return {
      nodes: nodes.records[0]!.get('c').toNumber(),
      relationships: rels.records[0]!.get('c').toNumber(),
    };
  });
}

describe('maps', () => {
  it('creates with defaults, reads, updates and lists', async () => {
    const created = await call(ctx.app, 'POST', '/maps', {
      name: 'Høje-Taastrup',
      settings: { staleAfterDays: 180 },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name: 'Høje-Taastrup',
      locale: 'da',
      currency: 'DKK',
      settings: { expiryHorizonDays: 365, staleAfterDays: 180 },
      version: 1,
    });
    const updated = await call(
      ctx.app,
      'PATCH',
      `/maps/${created.body.id}`,
      { locale: 'en', description: 'Tre områder' },
      {
        'if-match': '1',
      },
    );
    expect(updated.body).toMatchObject({ locale: 'en', description: 'Tre områder', version: 2 });
    const stale = await call(
      ctx.app,
      'PATCH',
      `/maps/${created.body.id}`,
      { name: 'Other' },
      { 'if-match': '1' },
    );
    expect(stale.status).toBe(412);
    expect((await call(ctx.app, 'GET', `/maps/${created.body.id}`)).body.name).toBe(
      'Høje-Taastrup',
    );
    const found = await call(ctx.app, 'GET', `/maps?q=taastrup&limit=1000`);
    expect(found.body.items.map((map: { id: string }) => map.id)).toContain(created.body.id);
  });

  it('refuses bad maps and unknown ids', async () => {
    expect((await call(ctx.app, 'POST', '/maps', { name: 'X', currency: 'kroner' })).status).toBe(
      400,
    );
    expect((await call(ctx.app, 'POST', '/maps', { name: 'X', locale: 'fr' })).status).toBe(400);
    expect(
      (await call(ctx.app, 'POST', '/maps', { name: 'X', settings: { staleAfterDays: 0 } })).status,
    ).toBe(400);
    expect((await call(ctx.app, 'GET', '/maps/01ARZ3NDEKTSV4RRFFQ69G5FAV')).status).toBe(404);
    expect((await call(ctx.app, 'DELETE', '/maps/01ARZ3NDEKTSV4RRFFQ69G5FAV')).status).toBe(404);
    expect((await call(ctx.app, 'GET', '/maps/not%20an%20id')).status).toBe(400);
  });

  it('deletes a map with everything in it, in bounded batches, and nothing of other maps', async () => {
    const bystander = await createMap(ctx.app);
    const keptActor = await buildActor(ctx.app, bystander);
    const bundle = generateSyntheticBundle({ actors: 300, seed: 7 });
    await new BundleRepository(ctx.db).import(bundle, systemWrite());
    const before = await countInMap(bundle.map.id);
    expect(before.nodes).toBeGreaterThan(300);
    expect(before.relationships).toBeGreaterThan(1000);
    // Batches of 50 nodes force many separate transactions through the loop.
    await new MapRepository(ctx.db).delete(bundle.map.id, systemWrite(), undefined, 50);
    expect(await countInMap(bundle.map.id)).toEqual({ nodes: 0, relationships: 0 });
    expect((await call(ctx.app, 'GET', `/maps/${bundle.map.id}`)).status).toBe(404);
    expect((await call(ctx.app, 'GET', `/maps/${bystander}/actors/${keptActor.id}`)).status).toBe(
      200,
    );
  });

  it('deletes through the API and honours If-Match', async () => {
    const mapId = await createMap(ctx.app);
    const actor = await buildActor(ctx.app, mapId);
    const initiative = await buildInitiative(ctx.app, mapId);
    await buildCommitment(ctx.app, mapId, { actorId: actor.id, initiativeId: initiative.id });
    expect(
      (await call(ctx.app, 'DELETE', `/maps/${mapId}`, undefined, { 'if-match': '7' })).status,
    ).toBe(412);
    expect((await countInMap(mapId)).relationships).toBe(1);
    expect(
      (await call(ctx.app, 'DELETE', `/maps/${mapId}`, undefined, { 'if-match': '1' })).status,
    ).toBe(204);
    expect(await countInMap(mapId)).toEqual({ nodes: 0, relationships: 0 });
  });
});

describe('layout', () => {
  it('stores the shared positions whole and reads them back', async () => {
    const mapId = await createMap(ctx.app);
    expect((await call(ctx.app, 'GET', `/maps/${mapId}/layout`)).body).toEqual({ positions: {} });
    const positions = { a1: { x: 10.5, y: -20 }, b2: { x: 0, y: 300 } };
    expect((await call(ctx.app, 'PUT', `/maps/${mapId}/layout`, { positions })).status).toBe(200);
    expect((await call(ctx.app, 'GET', `/maps/${mapId}/layout`)).body).toEqual({ positions });
    const bad = await call(ctx.app, 'PUT', `/maps/${mapId}/layout`, {
      positions: { a1: { x: 'left', y: 0 } },
    });
    expect(bad.status).toBe(400);
    expect((await call(ctx.app, 'GET', `/maps/${mapId}/layout`)).body).toEqual({ positions });
    expect(
      (await call(ctx.app, 'PUT', `/maps/01ARZ3NDEKTSV4RRFFQ69G5FAV/layout`, { positions })).status,
    ).toBe(404);
  });
});

describe('graph', () => {
  it('returns Cytoscape elements, filtered by asOf and include', async () => {
    const mapId = await createMap(ctx.app);
    const parent = await buildActor(ctx.app, mapId, { name: 'Kommune' });
    const actor = await buildActor(ctx.app, mapId, {
      name: 'By- og Miljøcenter',
      parentId: parent.id,
    });
    const initiative = await buildInitiative(ctx.app, mapId);
    const old = await buildCommitment(ctx.app, mapId, {
      actorId: actor.id,
      initiativeId: initiative.id,
      from: '2018-01-01',
      to: '2019-12-31',
    });
    const current = await buildCommitment(ctx.app, mapId, {
      actorId: actor.id,
      initiativeId: initiative.id,
      role: 'funder',
      from: '2024-01-01',
    });

    const all = await call(ctx.app, 'GET', `/maps/${mapId}/graph`);
    expect(all.status).toBe(200);
    expect(all.body.nodes.map((n: Json) => n.data.kind).sort()).toEqual([
      'actor',
      'actor',
      'initiative',
    ]);
    const edges = Object.fromEntries(all.body.edges.map((e: Json) => [e.data.id, e.data]));
    expect(edges[old.id]).toMatchObject({
      source: actor.id,
      target: initiative.id,
      kind: 'commitment',
      validNow: false,
    });
    expect(edges[current.id]).toMatchObject({ validNow: true });
    expect(edges[`part_of:${actor.id}:${parent.id}`]).toMatchObject({ kind: 'part_of' });
    const actorNode = all.body.nodes.find((n: Json) => n.data.id === actor.id).data;
    expect(actorNode).toMatchObject({
      kind: 'actor',
      label: 'By- og Miljøcenter',
      provenance: null,
    });

    const replay = await call(ctx.app, 'GET', `/maps/${mapId}/graph?asOf=2019-06-01`);
    const replayIds = replay.body.edges.map((e: Json) => e.data.id);
    expect(replayIds).toContain(old.id);
    expect(replayIds).not.toContain(current.id);

    const actorsOnly = await call(ctx.app, 'GET', `/maps/${mapId}/graph?include=actors`);
    expect(actorsOnly.body.nodes).toHaveLength(2);
    expect(actorsOnly.body.edges.map((e: Json) => e.data.kind)).toEqual(['part_of']);

    expect((await call(ctx.app, 'GET', `/maps/${mapId}/graph?asOf=2019-13-01`)).status).toBe(400);
    expect((await call(ctx.app, 'GET', `/maps/${mapId}/graph?include=people`)).status).toBe(400);
  });
});

describe('graph element fields', () => {
  it('keep a collaboration kind, a forum kind and a claim source apart from the element fields', async () => {
    const mapId = await createMap(ctx.app);
    const a = await buildActor(ctx.app, mapId);
    const b = await buildActor(ctx.app, mapId);
    const source = { kind: 'illustrative', note: 'Plausible, not verified' };
    const tension = await call(ctx.app, 'POST', `/maps/${mapId}/collaborations`, {
      actorAId: a.id,
      actorBId: b.id,
      kind: 'tension',
      source,
    });
    const forum = await call(ctx.app, 'POST', `/maps/${mapId}/forums`, {
      name: 'Styregruppe',
      kind: 'steering_group',
    });
    const graph = await call(ctx.app, 'GET', `/maps/${mapId}/graph`);
    const edge = graph.body.edges.find((e: Json) => e.data.id === tension.body.id).data;
    expect(edge).toMatchObject({
      kind: 'collaboration',
      collaborationKind: 'tension',
      source: a.id,
      target: b.id,
      provenance: source,
    });
    const node = graph.body.nodes.find((n: Json) => n.data.id === forum.body.id).data;
    expect(node).toMatchObject({ kind: 'forum', forumKind: 'steering_group' });
  });
});
