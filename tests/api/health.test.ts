import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../api/src/app.ts';
import {
  adminPasswordFile,
  createSignInLink,
  ensureFirstOwner,
} from '../../api/src/auth/first-owner.ts';
import { loadConfig } from '../../api/src/config.ts';
import { migrate } from '../../api/src/db/migrate.ts';
import { Database } from '../../api/src/db/database.ts';
import { startLocalEngine, type LocalEngine } from '../../neo4j/local-engine.ts';
import { buildTestApp, call, signIn, signInAsAdmin } from '../helpers/app.ts';

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

describe('health', () => {
  it('reports the connected Neo4j', async () => {
    const ctx = await buildTestApp();
    try {
      const response = await call(ctx.app, 'GET', '/health');
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ status: 'ok', neo4j: { connected: true } });
      expect(response.body.neo4j.version).toMatch(/^\d+\.\d+/);
      expect(response.body.neo4j.edition).toMatch(/community|enterprise/);
      expect(response.body.neo4j.latencyMs).toBeGreaterThanOrEqual(0);
    } finally {
      await ctx.close();
    }
  });

  describe('on an engine of its own: a first start, then an outage', () => {
    // An engine of its own, empty at first, so that stopping it does not disturb the other tests.
    const dataDir = mkdtempSync(join(tmpdir(), 'samspil-outage-'));
    let engine: LocalEngine;
    let boltPort: number;
    let db: Database;
    beforeAll(async () => {
      boltPort = await freePort();
      engine = await startLocalEngine({ dataDir, boltPort, log: () => {} });
      // Not linked to the engine's supervisor, as with NEO4J_URI: its breaker finds out by
      // itself, and nothing restarts the server but the test.
      db = new Database({ uri: engine.uri, username: engine.username, password: engine.password });
      await migrate(db);
    }, 240_000);
    afterAll(async () => {
      await db?.close();
      await engine?.stop();
      rmSync(dataDir, { recursive: true, force: true });
    });

    it('creates the first owner on a start with no users: a generated password only its owner can read, and a sign-in link that works once', async () => {
      const base = loadConfig();
      const config = {
        ...base,
        dataDir,
        access: { ...base.access, adminEmail: 'first-owner@localhost', adminPassword: undefined },
      };
      const first = await ensureFirstOwner(db, config);
      expect(first.created).toBe(true);
      expect(first.user).toMatchObject({ email: 'first-owner@localhost', admin: true });
      const file = adminPasswordFile(dataDir);
      expect(first.passwordHint).toBe(file);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      const password = readFileSync(file, 'utf8').trim();
      expect(password.length).toBeGreaterThanOrEqual(10);

      const again = await ensureFirstOwner(db, config);
      expect(again).toMatchObject({
        created: false,
        passwordHint: `${file}, unless changed since`,
      });
      expect(again.user.id).toBe(first.user.id);

      const app = await buildApp({ db, migrate: false });
      try {
        const session = await signIn(app, 'first-owner@localhost', password);
        const me = await app.inject({
          method: 'GET',
          url: '/api/v1/auth/me',
          cookies: { samspil_session: session },
        });
        expect(me.statusCode).toBe(200);
        expect(me.json().user).toMatchObject({ id: first.user.id, admin: true });

        const link = new URL(await createSignInLink(db, first.user.id, 'http://127.0.0.1:3000'));
        const opened = await app.inject({ method: 'GET', url: link.pathname });
        expect(opened.statusCode).toBe(303);
        expect(opened.headers.location).toBe('/');
        const linked = opened.cookies.find((cookie) => cookie.name === 'samspil_session');
        const byLink = await app.inject({
          method: 'GET',
          url: '/api/v1/auth/me',
          cookies: { samspil_session: linked?.value ?? '' },
        });
        expect(byLink.json().user).toMatchObject({ id: first.user.id });
        const reused = await app.inject({ method: 'GET', url: link.pathname });
        expect(reused.headers.location).toBe('/#/sign-in?link=expired');
        expect(reused.cookies.find((cookie) => cookie.name === 'samspil_session')).toBeUndefined();
      } finally {
        await app.close();
      }
    }, 120_000);

    it('answers 503 at once while it is down and recovers by itself when it returns', async () => {
      const app = await buildApp({ db, migrate: false });
      try {
        await signInAsAdmin(app);
        const map = await call(app, 'POST', '/maps', { name: 'Before the outage' });
        expect(map.status).toBe(201);

        await engine.stop();
        const down = await call(app, 'GET', '/health');
        expect(down.status, JSON.stringify(down.body)).toBe(503);
        expect(down.body.neo4j.connected).toBe(false);
        // The failed health check opened the breaker: the write is refused before it is sent,
        // not after the driver's retries, so the answer can say that nothing was saved.
        expect(db.available).toBe(false);
        const write = await call(app, 'POST', `/maps/${map.body.id}/actors`, {
          name: 'X',
          sector: 'other',
        });
        expect(write.status).toBe(503);
        expect(write.body).toMatchObject({ error: 'database_unavailable', details: [] });
        expect(write.body.message).toMatch(/nothing was saved/);

        engine = await startLocalEngine({ dataDir, boltPort, log: () => {} });
        let healthy = 0;
        for (let attempt = 0; attempt < 30 && healthy !== 200; attempt++) {
          healthy = (await call(app, 'GET', '/health')).status;
          if (healthy !== 200) await new Promise((resolve) => setTimeout(resolve, 1000));
        }
        expect(healthy).toBe(200);
        expect((await call(app, 'GET', `/maps/${map.body.id}`)).body.name).toBe(
          'Before the outage',
        );
        const after = await call(app, 'POST', `/maps/${map.body.id}/actors`, {
          name: 'X',
          sector: 'other',
        });
        expect(after.status).toBe(201);
      } finally {
        await app.close();
      }
    }, 240_000);
  });
});
