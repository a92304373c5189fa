import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { AnalysisCache, cacheKey } from '../../api/src/analysis/cache.ts';
import { AnalysisService } from '../../api/src/analysis/service.ts';
import { OPENING_ALLIANCES } from '../../graph-schema/analysis.ts';
import { AnalysisRepository } from '../../api/src/repositories/analysis-repository.ts';
import { MapRepository } from '../../api/src/repositories/map-repository.ts';
import { RULE_QUERIES } from '../../api/src/repositories/queries/rules.ts';
import { systemWrite } from '../../api/src/repositories/map-write.ts';
import { buildTestApp, call, createMap, grantRole, type TestContext } from '../helpers/app.ts';
import {
  buildActor,
  buildCollaboration,
  buildCommitment,
  buildInitiative,
} from '../helpers/factories.ts';
import { addDays, AS_OF, gapsOf, getGaps } from './helpers.ts';

/**
 * Analysis answers are cached per map revision (api/src/analysis/service.ts). These tests make
 * sure the cache serves repeated requests without recomputing, stays within its bound, and
 * never serves an answer from before a write that has completed: for every endpoint, under
 * concurrent writes and reads, and across two API processes sharing one database.
 */

/** The part of a `/graph` answer these tests read. */
interface GraphBody {
  nodes: { data: { id: string; label?: string } }[];
  edges: unknown[];
}

describe('AnalysisCache', () => {
  it('evicts the least recently used entries beyond its byte bound', () => {
    const cache = new AnalysisCache(100);
    cache.set(cacheKey<string>('a'), 'A', 40);
    cache.set(cacheKey<string>('b'), 'B', 40);
    expect(cache.get(cacheKey<string>('a'))).toBe('A');
    cache.set(cacheKey<string>('c'), 'C', 40);
    // `b` was used least recently: it goes, `a` (read since) stays.
    expect(cache.get(cacheKey<string>('b'))).toBeUndefined();
    expect(cache.get(cacheKey<string>('a'))).toBe('A');
    expect(cache.bytes).toBe(80);
    cache.set(cacheKey<string>('huge'), 'H', 101);
    expect(cache.get(cacheKey<string>('huge'))).toBeUndefined();
    expect(cache.size).toBe(2);
  });

  it('computes a value once for concurrent callers, and keeps it only when allowed', async () => {
    const cache = new AnalysisCache();
    let runs = 0;
    const compute = async () => {
      runs++;
      await new Promise((resolve) => setTimeout(resolve, 20));
      return { value: runs, bytes: 8, keep: runs > 1 };
    };
    const key = cacheKey<number>('k');
    expect(await Promise.all([cache.through(key, compute), cache.through(key, compute)])).toEqual([
      1, 1,
    ]);
    expect(runs).toBe(1);
    // The first result was not to be kept, so the next caller computes again, and that one stays.
    expect(await cache.through(key, compute)).toBe(2);
    expect(await cache.through(key, compute)).toBe(2);
    expect(runs).toBe(2);
  });

  it('does not keep a failed computation', async () => {
    const cache = new AnalysisCache();
    const key = cacheKey<number>('k');
    await expect(cache.through(key, () => Promise.reject(new Error('down')))).rejects.toThrow();
    expect(await cache.through(key, async () => ({ value: 3, bytes: 8, keep: true }))).toBe(3);
  });
});

let ctx: TestContext;
let other: TestContext;
beforeAll(async () => {
  [ctx, other] = await Promise.all([buildTestApp(), buildTestApp()]);
});
afterAll(() => Promise.all([ctx.close(), other.close()]));

const get = async (app: TestContext, path: string) => {
  const response = await call(app.app, 'GET', path);
  expect(response.status, path).toBe(200);
  return response.body;
};

describe('computing ahead at start', () => {
  it('leaves the gaps, alliances and metrics of opening a map to be read from the cache', async () => {
    const mapId = await createMap(ctx.app);
    await initiativeWithPartners(mapId);
    expect(await ctx.app.analysis.warm(mapId, AS_OF, 'da')).toBe(true);
    const repository = ctx.app.repos.analysis;
    const spies = [
      vi.spyOn(repository, 'loadAnalysis'),
      vi.spyOn(repository, 'ruleRows'),
      vi.spyOn(repository, 'loadMapInfo'),
    ];
    try {
      const gaps = await get(ctx, `/maps/${mapId}/gaps?asOf=${AS_OF}&lang=da&limit=500`);
      const alliances = await get(
        ctx,
        `/maps/${mapId}/alliances?asOf=${AS_OF}&lang=da&limit=${OPENING_ALLIANCES}`,
      );
      const metrics = await get(ctx, `/maps/${mapId}/metrics?asOf=${AS_OF}`);
      for (const spy of spies) expect(spy).not.toHaveBeenCalled();
      expect(gaps.summary.total).toBeGreaterThan(0);
      expect(alliances.lang).toBe('da');
      expect(metrics.network.actors).toBe(2);
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
    expect(await ctx.app.analysis.warm('no-such-map', AS_OF, 'da')).toBe(false);
  });
});

describe('a repeated request on an unchanged map', () => {
  it('is answered from the cache after one revision read, for every endpoint', async () => {
    const mapId = await createMap(ctx.app);
    const work = await initiativeWithPartners(mapId);
    const repository = ctx.app.repos.analysis;
    const spies = {
      revision: vi.spyOn(repository, 'revision'),
      loadAnalysis: vi.spyOn(repository, 'loadAnalysis'),
      ruleRows: vi.spyOn(repository, 'ruleRows'),
      loadBacking: vi.spyOn(repository, 'loadBacking'),
      loadMapInfo: vi.spyOn(repository, 'loadMapInfo'),
      snapshot: vi.spyOn(ctx.app.repos.snapshots, 'load'),
    };
    try {
      const paths = [
        `/maps/${mapId}/gaps?asOf=${AS_OF}`,
        `/maps/${mapId}/alliances?asOf=${AS_OF}`,
        `/maps/${mapId}/metrics?asOf=${AS_OF}`,
        `/maps/${mapId}/backing?asOf=${AS_OF}`,
        `/maps/${mapId}/backing/${work.id}?asOf=${AS_OF}`,
        `/maps/${mapId}/graph`,
        `/maps/${mapId}/graph?asOf=${AS_OF}`,
      ];
      const first = [];
      for (const path of paths) first.push(await get(ctx, path));
      // /gaps, /alliances and /metrics share one projection of the map.
      expect(spies.loadAnalysis).toHaveBeenCalledTimes(1);
      // Each rule that runs as Cypher once, for /gaps.
      expect(spies.ruleRows).toHaveBeenCalledTimes(Object.keys(RULE_QUERIES).length);
      // The graph, once for all facts and once for those valid at the date.
      expect(spies.snapshot).toHaveBeenCalledTimes(2);
      for (const spy of Object.values(spies)) spy.mockClear();
      for (const [i, path] of paths.entries()) expect(await get(ctx, path)).toEqual(first[i]);
      expect(spies.revision).toHaveBeenCalledTimes(paths.length);
      for (const spy of [
        spies.loadAnalysis,
        spies.ruleRows,
        spies.loadBacking,
        spies.loadMapInfo,
        spies.snapshot,
      ])
        expect(spy).not.toHaveBeenCalled();
    } finally {
      vi.restoreAllMocks();
    }
  });
});

/** An initiative with two partners who do not work together, and no political backing. */
async function initiativeWithPartners(mapId: string) {
  const work = await buildInitiative(ctx.app, mapId, { title: 'Kvarterhus' });
  const [a, b] = [
    await buildActor(ctx.app, mapId, { name: 'Boligselskabet' }),
    await buildActor(ctx.app, mapId, { name: 'Skolen' }),
  ];
  await buildCommitment(ctx.app, mapId, { actorId: a.id, initiativeId: work.id });
  await buildCommitment(ctx.app, mapId, {
    actorId: b.id,
    initiativeId: work.id,
    role: 'contributor',
  });
  return { id: work.id as string, a: a.id as string, b: b.id as string };
}

describe('no write is ever answered from before it', () => {
  it('for /gaps, /alliances, /metrics, /backing and /graph, after each kind of write', async () => {
    const mapId = await createMap(ctx.app);
    const work = await initiativeWithPartners(mapId);
    const read = async () => ({
      gaps: await getGaps(ctx.app, mapId),
      alliances: await get(ctx, `/maps/${mapId}/alliances?asOf=${AS_OF}`),
      metrics: await get(ctx, `/maps/${mapId}/metrics?asOf=${AS_OF}`),
      backing: await get(ctx, `/maps/${mapId}/backing?asOf=${AS_OF}`),
      target: await get(ctx, `/maps/${mapId}/backing/${work.id}?asOf=${AS_OF}`),
      graph: (await get(ctx, `/maps/${mapId}/graph`)) as GraphBody,
    });
    const labelOf = (graph: GraphBody, id: string) =>
      graph.nodes.find((node) => node.data.id === id)?.data.label;
    const before = await read();
    expect(await read()).toEqual(before);
    expect(gapsOf(before.gaps, 'uncoordinated_partners', work.id)).toHaveLength(1);
    expect(before.alliances.suggestions).toHaveLength(1);

    // A new fact: the partners collaborate.
    await buildCollaboration(ctx.app, mapId, { actorAId: work.a, actorBId: work.b });
    const linked = await read();
    expect(gapsOf(linked.gaps, 'uncoordinated_partners', work.id)).toEqual([]);
    expect(linked.alliances.suggestions).toEqual([]);
    expect(linked.metrics.network.links).toBe(before.metrics.network.links + 1);
    expect(linked.graph.edges).toHaveLength(before.graph.edges.length + 1);

    // A changed entity: the initiative is renamed.
    const renamed = await call(ctx.app, 'PATCH', `/maps/${mapId}/initiatives/${work.id}`, {
      title: 'Medborgerhus',
    });
    expect(renamed.status).toBe(200);
    const afterRename = await read();
    expect(afterRename.target.target.title).toBe('Medborgerhus');
    expect(labelOf(afterRename.graph, work.id)).toBe('Medborgerhus');
    expect(
      afterRename.backing.items.map((item: { target: { title: string } }) => item.target.title),
    ).toContain('Medborgerhus');
    expect(gapsOf(afterRename.gaps, 'missing_political_backing', work.id)[0]!.subject.name).toBe(
      'Medborgerhus',
    );

    // A new commitment changes the backing.
    const council = await buildActor(ctx.app, mapId, { name: 'Byrådet', sector: 'political' });
    await buildCommitment(ctx.app, mapId, {
      actorId: council.id,
      initiativeId: work.id,
      role: 'endorser',
    });
    const backed = await read();
    expect(backed.target.flags.political.state).toBe('backed');
    expect(gapsOf(backed.gaps, 'missing_political_backing', work.id)).toEqual([]);
    expect(backed.metrics.network.actors).toBe(3);

    // A deletion.
    const deleted = await call(ctx.app, 'DELETE', `/maps/${mapId}/actors/${council.id}`);
    expect(deleted.status).toBe(204);
    const afterDelete = await read();
    expect(afterDelete.metrics.network.actors).toBe(2);
    expect(labelOf(backed.graph, council.id)).toBe('Byrådet');
    expect(labelOf(afterDelete.graph, council.id)).toBeUndefined();
    expect(afterDelete.target.flags.political.state).toBe('not_recorded');

    // A map setting: with a shorter window, the facts written today are stale in a month.
    const inAMonth = `/maps/${mapId}/gaps?asOf=${addDays(today(), 30)}&kind=stale_fact`;
    expect((await get(ctx, inAMonth)).summary.total).toBe(0);
    const patched = await call(ctx.app, 'PATCH', `/maps/${mapId}`, {
      settings: { staleAfterDays: 7 },
    });
    expect(patched.status).toBe(200);
    expect((await get(ctx, inAMonth)).summary.total).toBe(3);
  });

  it('while writes and reads run at the same time', async () => {
    const mapId = await createMap(ctx.app);
    let stop = false;
    const failures: string[] = [];
    // Readers that keep asking while the writes land, filling the cache at every revision.
    const readers = Array.from({ length: 3 }, (_, i) =>
      (async () => {
        const paths = ['gaps', 'alliances', 'metrics', 'backing'];
        while (!stop) {
          const response = await call(
            ctx.app,
            'GET',
            `/maps/${mapId}/${paths[i % 4]}?asOf=${AS_OF}`,
          );
          if (response.status !== 200) failures.push(`${response.status}`);
        }
      })(),
    );
    try {
      const created: string[] = [];
      for (let i = 0; i < 12; i++) {
        // Two writes at once, each with reads racing it.
        const pair = await Promise.all([
          buildActor(ctx.app, mapId, { name: `Forening ${i}a` }),
          buildActor(ctx.app, mapId, { name: `Forening ${i}b` }),
          getGaps(ctx.app, mapId, { kind: 'isolated_actor' }),
          get(ctx, `/maps/${mapId}/metrics?asOf=${AS_OF}`),
        ]);
        created.push(pair[0].id, pair[1].id);
        // Once both writes have completed, every answer includes them.
        const [gaps, metrics] = await Promise.all([
          getGaps(ctx.app, mapId, { kind: 'isolated_actor' }),
          get(ctx, `/maps/${mapId}/metrics?asOf=${AS_OF}`),
        ]);
        expect(gaps.gaps.map((gap) => gap.subject.id).sort()).toEqual([...created].sort());
        expect(metrics.network.actors).toBe(created.length);
      }
    } finally {
      stop = true;
      await Promise.all(readers);
    }
    expect(failures).toEqual([]);
  });

  it('in another API process: its cache is keyed by the revision in the database', async () => {
    const mapId = await createMap(ctx.app);
    await grantRole(ctx.app, mapId, other.user, 'viewer');
    const work = await buildInitiative(ctx.app, mapId);
    const path = `/maps/${mapId}/gaps?asOf=${AS_OF}&kind=unowned_initiative`;
    expect((await get(other, path)).summary.total).toBe(1);
    expect((await get(other, path)).summary.total).toBe(1);
    // The owner is added through the first process; the second must see it at once.
    const owner = await buildActor(ctx.app, mapId);
    await buildCommitment(ctx.app, mapId, { actorId: owner.id, initiativeId: work.id });
    expect((await get(other, path)).summary.total).toBe(0);
  });
});

describe('a map deleted and created again under its id', () => {
  it('is not answered from what was cached for the one before', async () => {
    const mapId = `recreated-${Date.now()}`;
    const maps = new MapRepository(ctx.db);
    const path = `/maps/${mapId}/gaps?asOf=${AS_OF}`;
    await maps.create({ name: 'Før' }, systemWrite(), mapId);
    await grantRole(ctx.app, mapId, ctx.user);
    await buildInitiative(ctx.app, mapId, { title: 'Skolegrunden' });
    const before = await get(ctx, path);
    expect(before.gaps.map((gap: { kind: string }) => gap.kind)).toContain('unowned_initiative');
    expect((await call(ctx.app, 'DELETE', `/maps/${mapId}`)).status).toBe(204);
    // Created again with as many writes, so its revision counter is the same as before.
    await maps.create({ name: 'Efter' }, systemWrite(), mapId);
    await grantRole(ctx.app, mapId, ctx.user);
    await buildActor(ctx.app, mapId, { name: 'Foreningen' });
    const after = await get(ctx, path);
    expect(after.gaps.map((gap: { kind: string }) => gap.kind)).toEqual(['isolated_actor']);
  });
});

describe('a small cache', () => {
  it('drops a map’s older revisions as soon as a newer one is read', async () => {
    const mapId = await createMap(ctx.app);
    await initiativeWithPartners(mapId);
    const repository = new AnalysisRepository(ctx.db);
    const service = new AnalysisService(repository);
    const now = async () => ({ mapId, revision: (await repository.revision(mapId))!, asOf: AS_OF });
    const query = { lang: 'da' as const, offset: 0, limit: 500 };
    await service.gaps(await now(), query, String);
    await service.metrics(await now());
    // The projection, the ranked findings, the page and the metrics.
    expect(service.cache.size).toBe(4);
    await buildActor(ctx.app, mapId);
    await service.metrics(await now());
    expect(service.cache.size).toBe(2);
  });

  it('stays within its bound and answers the same as a fresh computation', async () => {
    const mapId = await createMap(ctx.app);
    await initiativeWithPartners(mapId);
    const repository = new AnalysisRepository(ctx.db);
    const revision = (await repository.revision(mapId))!;
    const small = new AnalysisService(repository, new AnalysisCache(20_000));
    const scope = (asOf: string) => ({ mapId, revision, asOf });
    const query = { lang: 'en' as const, offset: 0, limit: 500 };
    const answers = [];
    for (let day = 1; day <= 20; day++) {
      const asOf = `2026-06-${String(day).padStart(2, '0')}`;
      answers.push(await small.gaps(scope(asOf), query, String));
      await small.metrics(scope(asOf));
      expect(small.cache.bytes).toBeLessThanOrEqual(20_000);
    }
    const fresh = new AnalysisService(repository);
    for (let day = 1; day <= 20; day++) {
      const asOf = `2026-06-${String(day).padStart(2, '0')}`;
      expect(await small.gaps(scope(asOf), query, String)).toBe(answers[day - 1]);
      expect(await fresh.gaps(scope(asOf), query, String)).toBe(answers[day - 1]);
    }
  });
});

const today = () => new Date().toISOString().slice(0, 10);
