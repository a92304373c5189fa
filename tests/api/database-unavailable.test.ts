import { createConnection, createServer, type Server, type Socket } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildApp } from '../../api/src/app.ts';
import { Database } from '../../api/src/db/database.ts';
import { call, createMap, signInAsAdmin } from '../helpers/app.ts';

/**
 * The breaker and `mayHaveCommitted`, against the run's real Neo4j reached through a TCP proxy
 * that can cut a connection at a chosen Bolt message: right after the server has committed
 * (the acknowledgement never arrives), or before a query reaches the server at all.
 */

/** Bolt messages, as they appear in the client's byte stream (chunk header, struct marker, tag). */
const COMMIT = Buffer.from([0x00, 0x02, 0xb0, 0x12]);
const BEGIN = Buffer.from([0xb1, 0x11]);
const RUN = Buffer.from([0xb3, 0x10]);

/**
 * The query text the trap waits for: the actor's CREATE. Each request first reads its caller's
 * token through the same driver, and that read's RUN and COMMIT must pass untouched.
 */
const TRAPPED_QUERY = Buffer.from('CREATE (n:Actor');

class CuttingProxy {
  /** What to do to the next connection that sends the trapped query. */
  trap: 'after-commit' | 'before-run' | null = null;
  begins = 0;
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();

  constructor(private readonly target: { host: string; port: number }) {
    this.server = createServer((client) => this.relay(client));
  }

  async listen(): Promise<string> {
    await new Promise<void>((done) => this.server.listen(0, '127.0.0.1', done));
    return `bolt://127.0.0.1:${(this.server.address() as { port: number }).port}`;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise((done) => this.server.close(done));
  }

  private relay(client: Socket): void {
    const server = createConnection(this.target);
    this.sockets.add(client).add(server);
    let swallowReply = false;
    let trappedRun = false;
    const cut = () => {
      client.destroy();
      server.destroy();
    };
    client.on('data', (data: Buffer) => {
      if (data.includes(BEGIN)) this.begins++;
      const trapped = data.includes(RUN) && data.includes(TRAPPED_QUERY);
      if (this.trap === 'before-run' && trapped) {
        this.trap = null;
        return cut();
      }
      if (this.trap === 'after-commit' && trapped) trappedRun = true;
      if (this.trap === 'after-commit' && trappedRun && data.includes(COMMIT)) {
        this.trap = null;
        swallowReply = true;
      }
      server.write(data);
    });
    server.on('data', (data: Buffer) => {
      if (swallowReply) return cut();
      client.write(data);
    });
    client.on('error', cut).on('close', cut);
    server.on('error', cut).on('close', cut);
  }
}

const settings = inject('neo4j');
let direct: Database;
let proxy: CuttingProxy;
let db: Database;
let app: FastifyInstance;

beforeAll(async () => {
  direct = new Database(settings);
  const { hostname, port } = new URL(settings.uri.replace(/^[a-z+]+:/, 'http:'));
  proxy = new CuttingProxy({ host: hostname, port: Number(port) || 7687 });
  // A slow probe, so that the breaker stays open until a test asks it to check.
  db = new Database({ ...settings, uri: await proxy.listen() }, { probeIntervalMs: 60_000 });
  app = await buildApp({ db, migrate: false });
  await app.ready();
  await signInAsAdmin(app);
});

afterAll(async () => {
  await app?.close();
  await db?.close();
  await direct?.close();
  await proxy?.close();
});

const countActors = (mapId: string, name: string) =>
  direct.read(async (tx) => {
    const result = await tx.run(
      'MATCH (a:Actor {mapId: $mapId}) WHERE a.name = $name RETURN count(a) AS n',
      { mapId, name },
    );
    return Number(result.records[0]!.get('n'));
  });

describe.skipIf(!settings.uri.startsWith('bolt://'))('a database that goes away', () => {
  it('answers 503 for a write whose commit landed unacknowledged, and says it may be saved', async () => {
    const mapId = await createMap(app, 'Lost acknowledgement');
    proxy.trap = 'after-commit';
    const name = 'Saved, but nobody heard';
    const response = await call(app, 'POST', `/maps/${mapId}/actors`, { name, sector: 'other' });
    expect(response.status).toBe(503);
    expect(response.body).toMatchObject({ error: 'database_unavailable', details: [] });
    expect(response.body.message).toMatch(/may have been saved/);
    // Saved exactly once: the lost commit is not retried into a duplicate.
    expect(await countActors(mapId, name)).toBe(1);
    expect(db.available).toBe(false);
    expect(await db.probeNow()).toBe(true);
  });

  it('answers 503 for a write cut off before it reached the server, and says nothing was saved', async () => {
    const mapId = await createMap(app, 'Cut off');
    proxy.trap = 'before-run';
    const name = 'Never arrived';
    const response = await call(app, 'POST', `/maps/${mapId}/actors`, { name, sector: 'other' });
    expect(response.status).toBe(503);
    expect(response.body.message).toMatch(/nothing was saved/);
    expect(await countActors(mapId, name)).toBe(0);
    expect(await db.probeNow()).toBe(true);
  });

  it('refuses at once while the breaker is open, sending nothing, and serves when a probe answers', async () => {
    const mapId = await createMap(app, 'Breaker');
    db.markUnavailable('a test says so');
    const begins = proxy.begins;
    const refused = await call(app, 'POST', `/maps/${mapId}/actors`, {
      name: 'A',
      sector: 'other',
    });
    expect(refused.status).toBe(503);
    expect(refused.body.message).toMatch(/nothing was saved/);
    const health = await call(app, 'GET', '/health');
    expect(health).toMatchObject({ status: 503, body: { status: 'unavailable' } });
    expect(proxy.begins).toBe(begins);
    expect(await countActors(mapId, 'A')).toBe(0);

    expect(await db.probeNow()).toBe(true);
    const served = await call(app, 'POST', `/maps/${mapId}/actors`, { name: 'A', sector: 'other' });
    expect(served.status).toBe(201);
    expect(proxy.begins).toBeGreaterThan(begins);
  });
});
