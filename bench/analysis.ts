import { randomUUID } from 'node:crypto';
import { GAP_KINDS, type GapKind } from '../graph-schema/index.ts';
import { buildApp } from '../api/src/app.ts';
import type { Database } from '../api/src/db/database.ts';
import { toNeo4jDate, today } from '../api/src/db/values.ts';
import { evaluateGaps } from '../api/src/analysis/engine.ts';
import { RULES } from '../api/src/analysis/rules/index.ts';
import type { CypherRule } from '../api/src/analysis/types.ts';
import { ANALYSIS_QUERIES } from '../api/src/repositories/analysis-repository.ts';
import { AnalysisRepository } from '../api/src/repositories/analysis-repository.ts';
import { BundleRepository } from '../api/src/repositories/bundle-repository.ts';
import { MapRepository } from '../api/src/repositories/map-repository.ts';
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
const CYPHER_RULES = RULES.filter((rule): rule is CypherRule => rule.engine === 'cypher');
const COORDINATION_KINDS: GapKind[] = [
  'uncoordinated_partners',
  'contested_ownership',
  'dependency_without_alliance',
  'isolated_actor',
  'single_point_of_failure',
];

/**
 * The analysis endpoints on synthetic maps of 1,000 and 10,000 actors (DESIGN §6): the median
 * of `RUNS` requests over real HTTP on loopback (body read in full) for /gaps, /alliances and
 * /metrics, with the server's own time of each, against baselines measured in the same run:
 * - raw: the same queries straight through the driver — the projection's queries in one read
 *   transaction, and for /gaps every Cypher rule in its own, concurrently, as the engine runs
 *   them — fetching the records and nothing else;
 * - engine: the analysis without Fastify and without words (load, rules, no texts, no JSON).
 * Also the growth 1k → 10k, a per-query breakdown with database hits (PROFILE) at 10k, and the
 * demo map's /gaps time. Prints figures; never fails on time.
 */
export async function runAnalysisBench({ db, log }: Options): Promise<void> {
  log('\n## Analysis: /gaps, /alliances, /metrics (median of ' + RUNS + ' requests over HTTP)');
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

  const get = async (path: string) => {
    const response = await fetch(`${address}/api/v1${path}`);
    const text = await response.text();
    if (response.status !== 200)
      throw new Error(`${path} → ${response.status}: ${text.slice(0, 300)}`);
    return text;
  };

  try {
    const demoId = seededId('bench-analysis', randomUUID());
    created.push(demoId);
    await loadDemoMap(db, { mapId: demoId });
    const demoServer: number[] = [];
    const demo = median(
      await time(
        async () => {
          await get(`/maps/${demoId}/gaps?asOf=${asOf}`);
          demoServer.push(lastServerTime);
        },
        RUNS,
        2,
      ),
    );
    log(
      `  demo map (Høje-Taastrup) /gaps: server ${ms(median(demoServer.slice(-RUNS)))}, ` +
        `HTTP ${ms(demo)} (target < 100 ms server time)`,
    );

    for (const actors of [1000, 10_000]) {
      const mapId = seededId('bench-analysis', `${actors}-${randomUUID()}`);
      const bundle = generateSyntheticBundle({ actors, seed: SEED, mapId });
      await new BundleRepository(db).import(bundle);
      created.push(mapId);
      log(
        `\n  ${actors} actors, ${bundle.initiatives.length} initiatives, ` +
          `${countRelationships(bundle)} relationships (seed ${SEED}):`,
      );
      const figures: Record<string, number> = {};
      const server: Record<string, number> = {};
      const sizes: Record<string, number> = {};
      const endpoint = async (name: string, path: string) => {
        const serverTimes: number[] = [];
        const durations = await time(async () => {
          sizes[name] = (await get(path)).length;
          // onResponse fires when the last byte leaves; let it run before reading its figure.
          await new Promise((resolve) => setImmediate(resolve));
          serverTimes.push(lastServerTime);
        }, RUNS);
        figures[name] = median(durations);
        server[name] = median(serverTimes.slice(-RUNS));
      };
      const notStale = GAP_KINDS.filter((kind) => kind !== 'stale_fact')
        .map((kind) => `kind=${kind}`)
        .join('&');
      await endpoint('gaps', `/maps/${mapId}/gaps?asOf=${asOf}`);
      await endpoint('gapsNoStale', `/maps/${mapId}/gaps?asOf=${asOf}&${notStale}`);
      await endpoint('alliances', `/maps/${mapId}/alliances?asOf=${asOf}`);
      await endpoint('metrics', `/maps/${mapId}/metrics?asOf=${asOf}`);
      figures.rawGaps = median(await time(() => rawGapQueries(db, mapId, asOf), RUNS));
      figures.rawProjection = median(await time(() => rawProjection(db, mapId, asOf), RUNS));
      figures.engineGaps = median(await time(() => evaluateGaps(repository, mapId, asOf), RUNS));
      figures.engineCoordination = median(
        await time(
          () => evaluateGaps(repository, mapId, asOf, { kinds: COORDINATION_KINDS }),
          RUNS,
        ),
      );
      const high = JSON.parse(await get(`/maps/${mapId}/gaps?asOf=${asOf}&severity=high`)).summary;
      const stale = JSON.parse(
        await get(`/maps/${mapId}/gaps?asOf=${asOf}&kind=stale_fact`),
      ).summary;
      results[actors] = { ...figures, ...prefixed('server.', server) };

      const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
      log(
        `    raw queries: /gaps ${ms(figures.rawGaps!)}, projection ${ms(figures.rawProjection!)}; ` +
          `engine without words or HTTP: all rules ${ms(figures.engineGaps!)}, ` +
          `coordination rules ${ms(figures.engineCoordination!)}`,
      );
      const line = (label: string, name: string, raw: number, extra = '') =>
        log(
          `    ${label.padEnd(26)} HTTP ${ms(figures[name]!).padStart(10)}  server ${ms(server[name]!).padStart(10)}` +
            `  ${mb(sizes[name]!).padStart(8)}  server ÷ raw ${ratio(server[name]! / raw)}${extra}`,
        );
      line(
        '/gaps',
        'gaps',
        figures.rawGaps!,
        `  (÷ engine ${ratio(server.gaps! / figures.engineGaps!)})`,
      );
      line('/gaps without stale_fact', 'gapsNoStale', figures.rawGaps!);
      line('/alliances', 'alliances', figures.rawProjection!);
      line('/metrics', 'metrics', figures.rawProjection!);
      log(`    (${stale.total} stale facts among the gaps; ${high.total} high-severity gaps)`);
      if (actors === 10_000) await breakdown(db, mapId, asOf, log);
    }

    log('\n  growth 1k → 10k actors (linear would be 10×):');
    for (const name of [
      'server.gaps',
      'server.gapsNoStale',
      'server.alliances',
      'server.metrics',
      'rawGaps',
    ]) {
      log(`    ${name.padEnd(20)} ${ratio(results[10_000]![name]! / results[1000]![name]!)}`);
    }
    log(
      '  targets: /gaps ≤ 1.5 s at 10k actors on 2 cores; /gaps ÷ raw ≤ 1.25; near-linear growth.',
    );
  } finally {
    await app.close();
    for (const mapId of created) await maps.delete(mapId);
  }
}

function prefixed(prefix: string, values: Record<string, number>): Record<string, number> {
  return Object.fromEntries(
    Object.entries(values).map(([key, value]) => [`${prefix}${key}`, value]),
  );
}

/** The projection's queries, one read transaction, records fetched and dropped. */
async function rawProjection(db: Database, mapId: string, asOf: string): Promise<void> {
  const params = { mapId, asOf: toNeo4jDate(asOf) };
  await db.read(async (tx) => {
    for (const query of Object.values(ANALYSIS_QUERIES)) await tx.run(query, params);
  });
}

/** Everything /gaps asks of the database, run the way the engine runs it, and nothing else. */
async function rawGapQueries(db: Database, mapId: string, asOf: string): Promise<void> {
  const params = { mapId, asOf: toNeo4jDate(asOf) };
  await Promise.all([
    rawProjection(db, mapId, asOf),
    ...CYPHER_RULES.map((rule) => db.read((tx) => tx.run(rule.cypher, params))),
  ]);
}

/** Per query at 10k: median time, rows and database hits, to show where the time goes. */
async function breakdown(db: Database, mapId: string, asOf: string, log: (line: string) => void) {
  const params = { mapId, asOf: toNeo4jDate(asOf) };
  const queries: [string, string][] = [
    ...Object.entries(ANALYSIS_QUERIES).map(([name, query]): [string, string] => [
      `projection.${name}`,
      query,
    ]),
    ...CYPHER_RULES.map((rule): [string, string] => [`rule.${rule.kind}`, rule.cypher]),
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
