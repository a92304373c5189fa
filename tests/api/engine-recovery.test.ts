import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../api/src/app.ts';
import { linkEngine } from '../../api/src/connect.ts';
import { Database } from '../../api/src/db/database.ts';
import { migrate } from '../../api/src/db/migrate.ts';
import { startLocalEngine, type LocalEngine } from '../../neo4j/local-engine.ts';
import { call, createMap, signInAsAdmin, type Json } from '../helpers/app.ts';

/**
 * The local engine under faults: killed under write load, stalled with SIGSTOP, stopped
 * cleanly. One engine of its own on a temporary DATA_DIR, so the other tests never notice.
 */

const dataDir = mkdtempSync(join(tmpdir(), 'samspil-recovery-'));
const stateDir = join(dataDir, 'neo4j');
const lines: string[] = [];
const log = (line: string) => lines.push(line);
let engine: LocalEngine;
let db: Database;
let app: FastifyInstance;

const enginePid = () =>
  (JSON.parse(readFileSync(join(stateDir, 'engine.json'), 'utf8')) as { pid: number }).pid;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitUntil(check: () => boolean, seconds: number): Promise<boolean> {
  const until = Date.now() + seconds * 1000;
  while (!check()) {
    if (Date.now() > until) return false;
    await sleep(20);
  }
  return true;
}

/** Every thread of `pid` in the stopped state (`T`), from /proc. */
function allThreadsStopped(pid: number): boolean {
  return readdirSync(`/proc/${pid}/task`).every((task) => {
    const stat = readFileSync(`/proc/${pid}/task/${task}/stat`, 'utf8');
    return /^[Tt]$/.test(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0]!);
  });
}

async function waitUntilHealthy(seconds: number): Promise<boolean> {
  const until = Date.now() + seconds * 1000;
  while (Date.now() < until) {
    const health = await call(app, 'GET', '/health');
    if (health.status === 200 && health.body.status === 'ok') return true;
    await sleep(250);
  }
  return false;
}

beforeAll(async () => {
  // As an older version left them: readable by everyone.
  mkdirSync(join(stateDir, 'store'), { recursive: true, mode: 0o755 });
  engine = await startLocalEngine({ dataDir, log });
  const settings = { uri: engine.uri, username: engine.username, password: engine.password };
  db = new Database(settings, { log });
  linkEngine({ settings, engine }, db);
  // Migrations on a cold engine can outlast Fastify's plugin timeout on a busy machine.
  await migrate(db);
  app = await buildApp({ db, migrate: false });
  await app.ready();
  await signInAsAdmin(app);
});

afterAll(async () => {
  await app?.close();
  await db?.close();
  await engine?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the local engine under faults', { timeout: 300_000 }, () => {
  it('keeps its store private (0700), tightening a directory left readable', () => {
    expect(statSync(stateDir).mode & 0o777).toBe(0o700);
    expect(statSync(join(stateDir, 'store')).mode & 0o777).toBe(0o700);
  });

  it('is restarted after kill -9 under write load, answers fast 503s meanwhile, and loses no acknowledged write', async () => {
    const mapId = await createMap(app, 'Written through a crash');
    const acknowledged: string[] = [];
    const unavailable: { ms: number; breakerOpen: boolean; body: Json }[] = [];
    const other: { status: number; body: unknown }[] = [];
    let writing = true;
    let n = 0;
    const writer = async () => {
      while (writing) {
        const breakerOpen = !db.available;
        const started = performance.now();
        const response = await call(app, 'POST', `/maps/${mapId}/actors`, {
          name: `Actor ${++n}`,
          sector: 'other',
        });
        const ms = performance.now() - started;
        if (response.status === 201) acknowledged.push(response.body.id);
        else if (response.status === 503)
          unavailable.push({ ms, breakerOpen, body: response.body });
        else other.push({ status: response.status, body: response.body });
        // Not too hard: the restarting JVM needs the CPU more than the writers do.
        if (response.status === 503) await sleep(100);
      }
    };
    const writers = Array.from({ length: 6 }, writer);

    // A second command on the same DATA_DIR only reuses the engine: the owner restarts it.
    const reused = await startLocalEngine({ dataDir, log: () => {} });
    expect(reused.reused).toBe(true);
    const statuses: { owner: string[]; reused: string[] } = { owner: [], reused: [] };
    const unsubscribe = engine.onStatus((status) => statuses.owner.push(status));
    reused.onStatus((status) => statuses.reused.push(status));

    while (acknowledged.length < 30) await sleep(50);
    const pid = enginePid();
    process.kill(pid, 'SIGKILL');
    // Generous: a start takes 5–10 s here, but far longer on a machine that is busy elsewhere.
    const recovered = await waitUntilHealthy(120);
    const ackedBeforeRecovery = acknowledged.length;
    await waitUntil(() => acknowledged.length >= ackedBeforeRecovery + 30, 60);
    writing = false;
    await Promise.all(writers);

    expect(recovered).toBe(true);
    expect(other).toEqual([]);
    expect(unavailable.length).toBeGreaterThan(0);
    for (const { body } of unavailable) {
      expect(body).toMatchObject({ error: 'database_unavailable', details: [] });
    }
    // Refused by the open breaker, not after the driver's retries (which took 6–8 s each).
    const refused = unavailable.filter((entry) => entry.breakerOpen);
    expect(refused.length).toBeGreaterThan(0);
    for (const entry of refused) {
      expect(entry.ms).toBeLessThan(1000);
      expect(entry.body.message).toMatch(/nothing was saved/);
    }
    // Those in flight when the engine died fail with their connection, without the driver's
    // retry loop (1 s, 2 s, 4 s) that held each of them for 6–8 s.
    for (const entry of unavailable) expect(entry.ms).toBeLessThan(5000);

    unsubscribe();
    expect(statuses).toEqual({ owner: ['down', 'up'], reused: [] });
    expect(engine.pid).not.toBe(pid);
    expect(enginePid()).toBe(engine.pid);
    expect(lines.join('\n')).toMatch(/stopped unexpectedly \(signal SIGKILL\); restarting/);
    expect(lines.join('\n')).toMatch(/Neo4j: back after \d+\.\d s/);

    const present = await db.read(async (tx) => {
      const result = await tx.run('MATCH (a:Actor) WHERE a.id IN $ids RETURN count(a) AS n', {
        ids: acknowledged,
      });
      return Number(result.records[0]!.get('n'));
    });
    expect(present).toBe(acknowledged.length);
  });

  it('answers /health within 2 s while the engine is stalled (SIGSTOP)', async () => {
    expect(await waitUntilHealthy(30)).toBe(true);
    const pid = enginePid();
    process.kill(pid, 'SIGSTOP');
    // Resumed in any case, so that a /health that hangs fails this test rather than the file.
    const resume = setTimeout(() => process.kill(pid, 'SIGCONT'), 10_000);
    // The kernel stops each thread once it runs next, which on a busy machine takes a while.
    expect(await waitUntil(() => allThreadsStopped(pid), 10)).toBe(true);
    try {
      const started = performance.now();
      const health = await call(app, 'GET', '/health');
      const ms = performance.now() - started;
      expect(ms).toBeLessThan(2000);
      expect([200, 503]).toContain(health.status);
      expect(['degraded', 'unavailable']).toContain(health.body.status);
      expect(health.status).toBe(health.body.status === 'degraded' ? 200 : 503);
    } finally {
      clearTimeout(resume);
      process.kill(pid, 'SIGCONT');
    }
    expect(await waitUntilHealthy(30)).toBe(true);
    expect(engine.pid).toBe(pid);
  });

  it('is not restarted after a clean stop()', async () => {
    const statuses: string[] = [];
    engine.onStatus((status) => statuses.push(status));
    const before = lines.length;
    await engine.stop();
    await sleep(3000);
    expect(statuses).toEqual([]);
    expect(lines.slice(before).join('\n')).not.toMatch(/restart/);
    expect(() => enginePid()).toThrow();
    const health = await call(app, 'GET', '/health');
    expect(health.status).toBe(503);
  });
});
