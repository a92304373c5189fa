import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../api/src/app.ts';
import { linkEngine } from '../api/src/connect.ts';
import { Database } from '../api/src/db/database.ts';
import { migrate } from '../api/src/db/migrate.ts';
import { startLocalEngine } from '../neo4j/local-engine.ts';
import { makeCaller } from './access.ts';
import { median, ms } from './stats.ts';

const KILLS = 3;
const WRITERS = 6;

/**
 * Recovery of the local engine: on an engine and DATA_DIR of its own, kills the JVM (`kill -9`)
 * three times under write load from six concurrent writers, and prints the time from each kill
 * to the first acknowledged write after it, the latency of the 503s while the engine is down,
 * and how many acknowledged writes are missing afterwards (counted over Bolt; must be 0).
 */
export async function runRecoveryBench({ log }: { log: (line: string) => void }): Promise<void> {
  log('\n## Recovery of the local engine (kill -9 under write load)');
  const dataDir = mkdtempSync(join(tmpdir(), 'samspil-bench-recovery-'));
  const engineLog: string[] = [];
  const engine = await startLocalEngine({ dataDir, log: (line) => engineLog.push(line) });
  const settings = { uri: engine.uri, username: engine.username, password: engine.password };
  const db = new Database(settings, { log: (line) => engineLog.push(line) });
  linkEngine({ settings, engine }, db);
  await migrate(db);
  const app = await buildApp({ db, migrate: false });
  const { headers } = await makeCaller(db);
  try {
    const map = await app.inject({
      headers,
      method: 'POST',
      url: '/api/v1/maps',
      payload: { name: 'Bench' },
    });
    const mapId = (map.json() as { id: string }).id;
    const acknowledged: string[] = [];
    const recoveries: number[] = [];
    const unavailableMs: number[] = [];

    for (let kill = 1; kill <= KILLS; kill++) {
      let killedAt = Infinity;
      let recoveredAt: number | undefined;
      let writing = true;
      let n = 0;
      const writer = async () => {
        while (writing) {
          const started = performance.now();
          const response = await app.inject({
            headers,
            method: 'POST',
            url: `/api/v1/maps/${mapId}/actors`,
            payload: { name: `Actor ${kill}.${++n}`, sector: 'other' },
          });
          const done = performance.now();
          if (response.statusCode === 201) {
            acknowledged.push((response.json() as { id: string }).id);
            if (started > killedAt) recoveredAt ??= done;
          } else if (response.statusCode === 503) {
            if (started > killedAt && recoveredAt === undefined) unavailableMs.push(done - started);
            await new Promise((resolve) => setTimeout(resolve, 100));
          } else {
            throw new Error(`POST actor → ${response.statusCode}: ${response.body}`);
          }
        }
      };
      const writers = Array.from({ length: WRITERS }, writer);
      const ackedBefore = acknowledged.length;
      await until(() => acknowledged.length >= ackedBefore + 50, 60);
      const { pid } = JSON.parse(readFileSync(join(dataDir, 'neo4j', 'engine.json'), 'utf8')) as {
        pid: number;
      };
      killedAt = performance.now();
      process.kill(pid, 'SIGKILL');
      await until(() => recoveredAt !== undefined, 300);
      await until(() => acknowledged.length >= ackedBefore + 100, 60);
      writing = false;
      await Promise.all(writers);
      recoveries.push(recoveredAt! - killedAt);
      log(
        `  kill ${kill}: first acknowledged write after ${ms(recoveries.at(-1)!)} (load average ${loadavg()[0]!.toFixed(1)})`,
      );
    }

    const present = await db.read(async (tx) => {
      const result = await tx.run('MATCH (a:Actor) WHERE a.id IN $ids RETURN count(a) AS n', {
        ids: acknowledged,
      });
      return Number(result.records[0]!.get('n'));
    });
    const sorted = [...unavailableMs].sort((a, b) => a - b);
    log(
      `  recovery (kill → first acknowledged write): median ${ms(median(recoveries))} over ${KILLS} kills (${recoveries.map(ms).join(', ')})`,
    );
    log(
      `  503 while down: median ${ms(median(unavailableMs))}, 95th percentile ${ms(sorted[Math.floor(sorted.length * 0.95)] ?? 0)}, max ${ms(sorted.at(-1) ?? 0)} over ${unavailableMs.length} requests`,
    );
    log(
      `  acknowledged writes checked over Bolt: ${acknowledged.length}, lost: ${acknowledged.length - present}`,
    );
    for (const line of engineLog.filter((line) =>
      /unexpectedly|back after|answers again|failed/.test(line),
    )) {
      log(`    ${line}`);
    }
  } finally {
    await app.close();
    await db.close();
    await engine.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function until(check: () => boolean, seconds: number): Promise<void> {
  const deadline = performance.now() + seconds * 1000;
  while (!check()) {
    if (performance.now() > deadline) throw new Error(`gave up after ${seconds} s`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
