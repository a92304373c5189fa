import { randomUUID } from 'node:crypto';
import { availableParallelism, loadavg } from 'node:os';
import { GAP_KINDS } from '../graph-schema/index.ts';
import { buildApp } from '../api/src/app.ts';
import { benchCaller, own } from './access.ts';
import type { Database } from '../api/src/db/database.ts';
import { toNeo4jDate, today } from '../api/src/db/values.ts';
import { evaluateGaps } from '../api/src/analysis/engine.ts';
import { Projection } from '../api/src/analysis/projection.ts';
import { AnalysisRepository } from '../api/src/repositories/analysis-repository.ts';
import { BundleRepository } from '../api/src/repositories/bundle-repository.ts';
import { MapRepository } from '../api/src/repositories/map-repository.ts';
import { systemWrite } from '../api/src/repositories/map-write.ts';
import { PROJECTION_QUERIES } from '../api/src/repositories/queries/projection.ts';
import { RULE_QUERIES } from '../api/src/repositories/queries/rules.ts';
import { seededId } from '../seed/ids.ts';
import { loadDemoMap } from '../seed/load.ts';
import { countRelationships, generateSyntheticBundle } from '../seed/synthetic.ts';
import { median, ms, ratio, time } from './stats.ts';

interface Options {
  db: Database;
  log: (line: string) => void;
}

const RUNS = 7;
const SEED = 42;

/**
 * The analysis endpoints on synthetic maps of 1,000 and 10,000 actors: the median of `RUNS`
 * requests over real HTTP on loopback (body read in full), with the server's own time of each,
 * against baselines measured in the same run:
 * - raw: the same queries straight through the driver, fetching the records and nothing else —
 *   for /gaps the projection's queries in one read transaction and every Cypher rule in its
 *   own, concurrently, as the engine runs them; for /alliances and /metrics the projection's;
 * - engine: the gap rules without Fastify, texts or JSON.
 * Answers are cached per map revision, so every measured request but the "repeated" one comes
 * after a raise of the map's revision, untimed, as a write would: the server computes afresh.
 * Also the growth 1k → 10k, a per-query breakdown with database hits (PROFILE) at 10k, and the
 * demo map's /gaps time. Prints figures; never fails on time.
 */
export async function runAnalysisBench({ db, log }: Options): Promise<void> {
  log(`\n## Analysis: /gaps, /alliances, /metrics (median of ${RUNS} requests over HTTP)`);
  // The machine may be shared: its load says how far the times below can be trusted.
  const load = () =>
    loadavg()
      .map((value) => value.toFixed(1))
      .join(' ');
  log(`  ${availableParallelism()} cores, load average ${load()} at the start`);
  const app = await buildApp({ db, migrate: false });
  // Server time: from the request's arrival to the last byte handed to the socket, so the
  // client's own reading of a large body does not count against the server.
  const arrived = new WeakMap<object, number>();
  let lastServerTime = 0;
  app.addHook('onRequest', async (request) => {
    arrived.set(request, performance.now());
  });
  app.addHook('onResponse', async (request) => {
    lastServerTime = performance.now() - (arrived.get(request) ?? performance.now());
  });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  const repository = new AnalysisRepository(db);
  const maps = new MapRepository(db);
  const asOf = today();
  const created: string[] = [];
  const results: Record<number, Record<string, number>> = {};

  const caller = await benchCaller(db);
  const get = async (path: string) => {
    const response = await fetch(`${address}/api/v1${path}`, { headers: caller.headers });
    const text = await response.text();
    if (response.status !== 200)
      throw new Error(`${path} → ${response.status}: ${text.slice(0, 300)}`);
    return text;
  };
  /** What a write does to the cache: the next request computes afresh. */
  const raiseRevision = (mapId: string) =>
    db.write((tx) =>
      tx.run('MATCH (m:Map {id: $mapId}) SET m.revision = coalesce(m.revision, 0) + 1', {
        mapId,
      }),
    );

  /**
   * Median HTTP and server time of `path`, each run after a fresh revision unless `repeat`. With
   * `raw`, each run also times the raw queries right before the request, so both see the same
   * load on a shared machine, and `ratio` is the median of the runs' server ÷ raw.
   */
  const measure = async (
    mapId: string,
    path: string,
    options: { repeat?: boolean; raw?: () => Promise<unknown>; after?: string } = {},
  ) => {
    const http: number[] = [];
    const server: number[] = [];
    const raw: number[] = [];
    const ratios: number[] = [];
    let bytes = 0;
    for (let run = -1; run < RUNS; run++) {
      if (!options.repeat) await raiseRevision(mapId);
      // What the web app does after an edit: the gaps first, then what else is on screen.
      if (options.after) await get(options.after);
      let rawTime = 0;
      if (options.raw) {
        const rawStarted = performance.now();
        await options.raw();
        rawTime = performance.now() - rawStarted;
      }
      const started = performance.now();
      bytes = (await get(path)).length;
      const elapsed = performance.now() - started;
      // onResponse fires when the last byte leaves; let it run before reading its figure.
      await new Promise((resolve) => setImmediate(resolve));
      if (run < 0) continue;
      http.push(elapsed);
      server.push(lastServerTime);
      if (options.raw) {
        raw.push(rawTime);
        ratios.push(lastServerTime / rawTime);
      }
    }
    return {
      http: median(http),
      server: median(server),
      bytes,
      raw: raw.length ? median(raw) : null,
      ratio: ratios.length ? median(ratios) : null,
    };
  };

  try {
    const demoId = seededId('bench-analysis', randomUUID());
    created.push(demoId);
    await loadDemoMap(db, { mapId: demoId, ownerId: caller.userId });
    const demo = await measure(demoId, `/maps/${demoId}/gaps?asOf=${asOf}`);
    log(
      `  demo map (Høje-Taastrup) /gaps: server ${ms(demo.server)}, HTTP ${ms(demo.http)} ` +
        '(target < 100 ms server time)',
    );
    // What a cache fill pays to know that no commit is half applied (service.ts): two reads of
    // the revision under the map's lock, against the plain read that every request makes.
    const plain = median(await time(() => repository.revision(demoId), 21, 3));
    const locked = median(await time(() => repository.settledRevision(demoId), 21, 3));
    log(
      `  revision read: plain ${ms(plain)}, under the map's lock ${ms(locked)} ` +
        `(${ratio(locked / plain)}; a cache fill makes two, a hit none)`,
    );

    for (const actors of [1000, 10_000]) {
      const mapId = seededId('bench-analysis', `${actors}-${randomUUID()}`);
      const bundle = generateSyntheticBundle({ actors, seed: SEED, mapId });
      await new BundleRepository(db).import(bundle, systemWrite());
      await own(db, mapId);
      created.push(mapId);
      log(
        `\n  ${actors} actors, ${bundle.initiatives.length} initiatives, ` +
          `${countRelationships(bundle)} relationships (seed ${SEED}):`,
      );
      const notStale = GAP_KINDS.filter((kind) => kind !== 'stale_fact')
        .map((kind) => `kind=${kind}`)
        .join('&');
      const rawGaps = () => rawGapQueries(db, mapId, asOf);
      const rawProjection = () => rawProjectionQueries(db, mapId, asOf);
      const gaps = await measure(mapId, `/maps/${mapId}/gaps?asOf=${asOf}`, { raw: rawGaps });
      const repeated = await measure(mapId, `/maps/${mapId}/gaps?asOf=${asOf}`, { repeat: true });
      const gapsNoStale = await measure(mapId, `/maps/${mapId}/gaps?asOf=${asOf}&${notStale}`, {
        raw: rawGaps,
      });
      const alliances = await measure(mapId, `/maps/${mapId}/alliances?asOf=${asOf}`, {
        raw: rawProjection,
      });
      const metrics = await measure(mapId, `/maps/${mapId}/metrics?asOf=${asOf}`, {
        raw: rawProjection,
      });
      const first = `/maps/${mapId}/gaps?asOf=${asOf}`;
      const alliancesAfter = await measure(mapId, `/maps/${mapId}/alliances?asOf=${asOf}`, {
        after: first,
      });
      const metricsAfter = await measure(mapId, `/maps/${mapId}/metrics?asOf=${asOf}`, {
        after: first,
      });
      const engine = median(
        await time(
          () =>
            evaluateGaps(repository, mapId, asOf, {
              projection: async () => new Projection(await repository.loadAnalysis(mapId, asOf)),
            }),
          RUNS,
        ),
      );
      const summary = JSON.parse(await get(`/maps/${mapId}/gaps?asOf=${asOf}&limit=1`)).summary;
      results[actors] = {
        gaps: gaps.server,
        gapsNoStale: gapsNoStale.server,
        alliances: alliances.server,
        metrics: metrics.server,
        repeated: repeated.server,
        rawGaps: gaps.raw!,
        rawProjection: metrics.raw!,
      };

      const size = (bytes: number) =>
        bytes > 1e6 ? `${(bytes / 1e6).toFixed(1)} MB` : `${(bytes / 1e3).toFixed(0)} kB`;
      log(
        `    raw queries: /gaps ${ms(gaps.raw!)}, projection ${ms(metrics.raw!)}; ` +
          `gap rules without HTTP, texts or JSON: ${ms(engine)} ` +
          `(${summary.total} gaps, ${summary.bySeverity.high} high, ${summary.byKind.stale_fact} stale facts)`,
      );
      const line = (label: string, figure: typeof gaps, target = '') =>
        log(
          `    ${label.padEnd(33)} HTTP ${ms(figure.http).padStart(10)}  server ${ms(figure.server).padStart(10)}` +
            `  ${size(figure.bytes).padStart(8)}` +
            (figure.ratio === null
              ? ''
              : `  raw ${ms(figure.raw!).padStart(9)}  server ÷ raw ${ratio(figure.ratio)}`) +
            (target ? `  (${target})` : ''),
        );
      line('/gaps, first page', gaps, 'target ≤ 1.25× raw');
      line('/gaps, first page, no stale_fact', gapsNoStale);
      line('/gaps repeated, unchanged map', repeated, 'target < 10 ms');
      line('/alliances', alliances, 'target < 1 s; raw = projection');
      line('/metrics', metrics, 'target < 1 s; raw = projection');
      line('/alliances right after /gaps', alliancesAfter, 'projection shared');
      line('/metrics right after /gaps', metricsAfter, 'projection shared');
      if (actors === 10_000) await breakdown(db, mapId, asOf, log);
    }

    log(`\n  load average ${load()} at the end`);
    log('\n  growth 1k → 10k actors, server time (linear would be 10×; target ≤ 12×):');
    for (const name of [
      'gaps',
      'gapsNoStale',
      'alliances',
      'metrics',
      'rawGaps',
      'rawProjection',
    ]) {
      log(`    ${name.padEnd(20)} ${ratio(results[10_000]![name]! / results[1000]![name]!)}`);
    }
  } finally {
    await app.close();
    for (const mapId of created) await maps.delete(mapId, systemWrite());
  }
}

/** The projection's queries, one read transaction, records fetched and dropped. */
async function rawProjectionQueries(db: Database, mapId: string, asOf: string): Promise<void> {
  const params = { mapId, asOf: toNeo4jDate(asOf) };
  await db.read(async (tx) => {
    for (const query of Object.values(PROJECTION_QUERIES)) await tx.run(query, params);
  });
}

/** Everything /gaps asks of the database, run the way the engine runs it, and nothing else. */
async function rawGapQueries(db: Database, mapId: string, asOf: string): Promise<void> {
  const params = { mapId, asOf: toNeo4jDate(asOf) };
  await Promise.all([
    rawProjectionQueries(db, mapId, asOf),
    ...Object.values(RULE_QUERIES).map((query) => db.read((tx) => tx.run(query, params))),
  ]);
}

/** Per query at 10k: median time, rows and database hits, to show where the time goes. */
async function breakdown(db: Database, mapId: string, asOf: string, log: (line: string) => void) {
  const params = { mapId, asOf: toNeo4jDate(asOf) };
  const queries: [string, string][] = [
    ...Object.entries(PROJECTION_QUERIES).map(([name, query]): [string, string] => [
      `projection.${name}`,
      query,
    ]),
    ...Object.entries(RULE_QUERIES).map(([kind, query]): [string, string] => [
      `rule.${kind}`,
      query,
    ]),
  ];
  log('    per query at 10k (alone, median of 3): time, rows, db hits');
  for (const [name, query] of queries) {
    let rows = 0;
    const durations = await time(async () => {
      rows = (await db.read((tx) => tx.run(query, params))).records.length;
    }, 3);
    const profile = await db.read((tx) => tx.run(`PROFILE ${query}`, params));
    log(
      `      ${name.padEnd(38)} ${ms(median(durations)).padStart(9)} ${String(rows).padStart(7)} rows ` +
        `${String(dbHits(profile.summary.profile)).padStart(9)} hits`,
    );
  }
}

function dbHits(plan: unknown): number {
  if (!plan || typeof plan !== 'object') return 0;
  const node = plan as { dbHits?: number; children?: unknown[] };
  return (
    (node.dbHits ?? 0) +
    (node.children ?? []).reduce<number>((sum, child) => sum + dbHits(child), 0)
  );
}
