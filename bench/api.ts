import type { Database } from '../api/src/db/database.ts';
import { buildApp } from '../api/src/app.ts';
import { hashToken } from '../api/src/auth/secrets.ts';
import { AccessRepository } from '../api/src/repositories/access-repository.ts';
import { own } from './access.ts';
import { BundleRepository } from '../api/src/repositories/bundle-repository.ts';
import { MapRepository } from '../api/src/repositories/map-repository.ts';
import { systemWrite } from '../api/src/repositories/map-write.ts';
import { nodeProjection } from '../api/src/repositories/storage.ts';
import { ActorModel } from '../graph-schema/index.ts';
import { generateSyntheticBundle } from '../seed/synthetic.ts';
import { median, ms, ratio } from './stats.ts';

interface Options {
  db: Database;
  log: (line: string) => void;
}

/**
 * Loading synthetic maps: the median of three loads at 1k and at 10k actors, and the growth
 * ratio between them (10× the data should take about 10× the time).
 */
export async function runLoadBench({ db, log }: Options): Promise<void> {
  log('\n## Loading synthetic maps (seed:synthetic)');
  const maps = new MapRepository(db);
  const figures: Record<number, number> = {};
  for (const actors of [1000, 10_000]) {
    const durations: number[] = [];
    for (let run = 0; run < 3; run++) {
      const bundle = generateSyntheticBundle({ actors, seed: run + 1 });
      const started = performance.now();
      await new BundleRepository(db).import(bundle, systemWrite());
      durations.push(performance.now() - started);
      await maps.delete(bundle.map.id, systemWrite());
    }
    figures[actors] = median(durations);
    log(
      `  ${actors} actors: median ${ms(figures[actors]!)} over 3 loads (${durations.map(ms).join(', ')})`,
    );
  }
  log(`  growth 1k → 10k: ${ratio(figures[10_000]! / figures[1000]!)} (linear would be 10×)`);
}

/**
 * Single-entity reads under concurrent load on loopback: the API (HTTP, validation,
 * serialisation) against the same query run straight through the driver, same concurrency.
 * The target is at least 70 % of the driver's throughput.
 */
export async function runReadBench({ db, log }: Options): Promise<void> {
  log('\n## Single-entity reads under load (GET /actors/:id vs. the driver)');
  const bundle = generateSyntheticBundle({ actors: 2000, seed: 11 });
  await new BundleRepository(db).import(bundle, systemWrite());
  const { headers, token } = await own(db, bundle.map.id);
  const access = new AccessRepository(db);
  const app = await buildApp({ db, migrate: false });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  const ids = bundle.actors.map((actor) => actor.id);
  const mapId = bundle.map.id;
  const cypher = `MATCH (n:Actor {id: $id}) WHERE n.mapId = $mapId RETURN ${nodeProjection(ActorModel)}`;
  const concurrency = 16;
  const seconds = 5;

  const throughput = async (request: (id: string) => Promise<unknown>) => {
    let count = 0;
    const until = performance.now() + seconds * 1000;
    await Promise.all(
      Array.from({ length: concurrency }, async (_, worker) => {
        let i = worker;
        while (performance.now() < until) {
          await request(ids[i++ % ids.length]!);
          count++;
        }
      }),
    );
    return count / seconds;
  };
  const viaDriver = (id: string) =>
    db.read(async (tx) => {
      await tx.run('MATCH (m:Map {id: $mapId}) RETURN m.id', { mapId });
      return tx.run(cypher, { id, mapId });
    });
  // What the API asks of the database for each request: the caller's token and role, then the read.
  const viaDriverSignedIn = async (id: string) => {
    await access.resolveToken(hashToken(token), mapId);
    return viaDriver(id);
  };
  const viaApi = async (id: string) => {
    const response = await fetch(`${address}/api/v1/maps/${mapId}/actors/${id}`, { headers });
    if (response.status !== 200) throw new Error(`GET actor → ${response.status}`);
    return response.json();
  };
  try {
    const rounds: { driver: number; signedIn: number; api: number }[] = [];
    await throughput(viaDriver);
    await throughput(viaApi);
    for (let round = 0; round < 3; round++) {
      rounds.push({
        driver: await throughput(viaDriver),
        signedIn: await throughput(viaDriverSignedIn),
        api: await throughput(viaApi),
      });
    }
    const driver = median(rounds.map((r) => r.driver));
    const signedIn = median(rounds.map((r) => r.signedIn));
    const api = median(rounds.map((r) => r.api));
    const percent = (value: number) => `${(100 * value).toFixed(0)} %`;
    log(`  concurrency ${concurrency}, ${seconds} s per measurement, median of 3 rounds`);
    log(
      `  driver: ${driver.toFixed(0)} reads/s; driver with the token lookup: ${signedIn.toFixed(0)} reads/s; ` +
        `API: ${api.toFixed(0)} reads/s`,
    );
    log(
      `  API / driver with the token lookup (the same database work): ${percent(api / signedIn)} (target ≥ 70 %)`,
    );
    log(`  API / driver, the read alone: ${percent(api / driver)}`);
  } finally {
    await app.close();
    await new MapRepository(db).delete(mapId, systemWrite());
  }
}
