import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../api/src/app.ts';
import { Database } from '../../api/src/db/database.ts';
import { startLocalEngine, type LocalEngine } from '../../neo4j/local-engine.ts';
import { buildTestApp, call } from '../helpers/app.ts';

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
    } finally {
      await ctx.close();
    }
  });

  describe('when the database goes away', () => {
    // An engine of its own, so stopping it does not disturb the other tests.
    const dataDir = mkdtempSync(join(tmpdir(), 'samspil-outage-'));
    let engine: LocalEngine | undefined;
    afterAll(async () => {
      await engine?.stop();
      rmSync(dataDir, { recursive: true, force: true });
    });

    it('answers 503 while it is down and recovers by itself when it returns', async () => {
      const boltPort = await freePort();
      engine = await startLocalEngine({ dataDir, boltPort, log: () => {} });
      const db = new Database({
        uri: engine.uri,
        username: engine.username,
        password: engine.password,
      });
      const app = await buildApp({ db });
      try {
        const map = await call(app, 'POST', '/maps', { name: 'Before the outage' });
        expect(map.status).toBe(201);

        await engine.stop();
        const down = await call(app, 'GET', '/health');
        expect(down.status).toBe(503);
        expect(down.body.neo4j.connected).toBe(false);
        const write = await call(app, 'POST', `/maps/${map.body.id}/actors`, {
          name: 'X',
          sector: 'other',
        });
        expect(write.status).toBe(503);
        expect(write.body).toMatchObject({ error: 'database_unavailable' });

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
        await db.close();
      }
    }, 240_000);
  });
});
