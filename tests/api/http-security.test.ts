import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildApp, type AppOptions } from '../../api/src/app.ts';
import { loadConfig } from '../../api/src/config.ts';
import { Database } from '../../api/src/db/database.ts';
import { signInAsAdmin } from '../helpers/app.ts';
import { portOf, rawRequest } from '../helpers/raw-http.ts';

/** Security headers, the Host allow-list, the write limit and the timeouts of the HTTP edge. */

let db: Database;
let webRoot: string;
const apps: FastifyInstance[] = [];
/** An administrator's API token, so that what is tested is the edge, not the caller's rights. */
let token: string;
const auth = () => ({ authorization: `Bearer ${token}` });

beforeAll(async () => {
  db = new Database(inject('neo4j'));
  webRoot = mkdtempSync(join(tmpdir(), 'samspil-web-root-'));
  writeFileSync(join(webRoot, 'index.html'), '<!doctype html><title>Samspil</title>');
  token = (await signInAsAdmin(await app())).token;
});

afterAll(async () => {
  for (const app of apps) await app.close();
  await db?.close();
  rmSync(webRoot, { recursive: true, force: true });
});

async function app(http: AppOptions['http'] = {}): Promise<FastifyInstance> {
  const built = await buildApp({ db, migrate: false, webRoot, http });
  await built.ready();
  apps.push(built);
  return built;
}

describe('security headers', () => {
  it('go out on the web app, the API, the docs and on errors', async () => {
    const edge = await app();
    for (const url of ['/', '/index.html', '/api/v1/maps', '/docs', '/docs/json', '/nowhere']) {
      const response = await edge.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBeLessThan(500);
      const csp = String(response.headers['content-security-policy']);
      expect(csp, url).toContain("default-src 'self'");
      expect(csp, url).toContain("script-src 'self'");
      expect(csp, url).toContain("frame-ancestors 'none'");
      expect(csp, url).toContain("object-src 'none'");
      expect(csp, url).not.toMatch(/unsafe-inline|unsafe-eval/);
      expect(response.headers['x-content-type-options'], url).toBe('nosniff');
      expect(response.headers['x-frame-options'], url).toBe('DENY');
      expect(response.headers['referrer-policy'], url).toBe('no-referrer');
    }
  });
});

describe('the Host allow-list', () => {
  it('serves loopback names with any port and refuses other names with 421', async () => {
    const edge = await app();
    const get = (host: string) =>
      edge.inject({ method: 'GET', url: '/api/v1/maps?limit=1', headers: { host, ...auth() } });
    for (const host of [
      'localhost',
      'localhost:3000',
      'LOCALHOST:80',
      '127.0.0.1:9',
      '[::1]:8080',
    ]) {
      expect((await get(host)).statusCode, host).toBe(200);
    }
    for (const host of [
      'evil.example',
      'evil.example:3000',
      'localhost.evil.example',
      '127.0.0.1.nip.io',
      '203.0.113.7',
      'localhost:3000:1',
    ]) {
      const response = await get(host);
      expect(response.statusCode, host).toBe(421);
      expect(response.json()).toMatchObject({
        error: 'host_not_allowed',
        details: [{ header: 'host' }],
      });
    }
  });

  it('refuses a request without Host (HTTP/1.0), since it names no served host', async () => {
    const edge = await app();
    await edge.listen({ port: 0, host: '127.0.0.1' });
    const response = await rawRequest(portOf(edge), 'GET /api/v1/maps HTTP/1.0\r\n\r\n');
    expect(response.status).toBe(421);
    expect(response.body).toMatchObject({ error: 'host_not_allowed' });
  });

  it('refuses writes from a foreign Host before they touch anything', async () => {
    const edge = await app();
    const name = `rebinding-${Date.now()}`;
    const response = await edge.inject({
      method: 'POST',
      url: '/api/v1/maps',
      headers: { host: 'attacker.example', 'content-type': 'application/json' },
      payload: JSON.stringify({ name }),
    });
    expect(response.statusCode).toBe(421);
    const found = await db.read((tx) =>
      tx.run('MATCH (m:Map {name: $name}) RETURN count(m) AS c', { name }),
    );
    expect(found.records[0]!.get('c').toNumber()).toBe(0);
  });

  it('also serves HOST and ALLOWED_HOSTS from the config', async () => {
    const config = loadConfig({
      HOST: '203.0.113.20',
      ALLOWED_HOSTS: 'Samspil.Example.org, fe80::1',
    });
    expect(config.http.allowedHosts).toEqual(['203.0.113.20', 'samspil.example.org', 'fe80::1']);
    const edge = await app({ allowedHosts: config.http.allowedHosts });
    for (const host of [
      '203.0.113.20:3000',
      'samspil.example.org',
      'samspil.example.org.',
      '[fe80::1]:3000',
      'localhost',
    ]) {
      const response = await edge.inject({
        method: 'GET',
        url: '/api/v1/maps?limit=1',
        headers: { host, ...auth() },
      });
      expect(response.statusCode, host).toBe(200);
    }
    const other = await edge.inject({ method: 'GET', url: '/', headers: { host: 'example.org' } });
    expect(other.statusCode).toBe(421);
  });
});

describe('the write limit', () => {
  it('answers 429 with Retry-After past the configured writes a minute, and leaves reads alone', async () => {
    const edge = await app({ writesPerMinute: 3 });
    const name = `rate-${Date.now()}`;
    const create = () =>
      edge.inject({
        method: 'POST',
        url: '/api/v1/maps',
        headers: { 'content-type': 'application/json', ...auth() },
        payload: JSON.stringify({ name }),
      });
    for (let i = 0; i < 3; i++) expect((await create()).statusCode).toBe(201);
    const refused = await create();
    expect(refused.statusCode).toBe(429);
    expect(refused.json()).toMatchObject({ error: 'rate_limited', details: [{ limit: 3 }] });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(60);
    const stored = await db.read((tx) =>
      tx.run('MATCH (m:Map {name: $name}) RETURN count(m) AS c', { name }),
    );
    expect(stored.records[0]!.get('c').toNumber()).toBe(3);
    const read = await edge.inject({ method: 'GET', url: '/api/v1/maps?limit=1', headers: auth() });
    expect(read.statusCode).toBe(200);
    // One count for all writes of an address, whichever route they go to.
    const remove = await edge.inject({
      method: 'DELETE',
      url: '/api/v1/maps/01ABCDEF',
      headers: auth(),
    });
    expect(remove.statusCode).toBe(429);
  });

  it('is generous by default: the config allows thousands of writes a minute', () => {
    expect(loadConfig({}).http.writesPerMinute).toBeGreaterThanOrEqual(1000);
    expect(loadConfig({ RATE_LIMIT_WRITES_PER_MINUTE: '50' }).http.writesPerMinute).toBe(50);
    for (const bad of ['0', '-1', '1e3', 'many']) {
      expect(() => loadConfig({ RATE_LIMIT_WRITES_PER_MINUTE: bad }), bad).toThrow(
        /RATE_LIMIT_WRITES_PER_MINUTE/,
      );
    }
  });
});

describe('timeouts', () => {
  it('cuts off a client that sends half a body with 408 in the error shape', async () => {
    const edge = await app({ requestTimeoutMs: 500 });
    await edge.listen({ port: 0, host: '127.0.0.1' });
    const response = await rawRequest(
      portOf(edge),
      'POST /api/v1/maps HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n' +
        `Authorization: Bearer ${token}\r\n` +
        'Content-Length: 1000\r\n\r\n{"name":"a',
      15_000,
    );
    expect(response.status).toBe(408);
    expect(response.body).toMatchObject({ error: 'request_timeout', details: [] });
    expect(response.closed).toBe(true);
  });

  it('closes a connection that stays idle past the connection timeout', async () => {
    const edge = await app({ connectionTimeoutMs: 300, keepAliveTimeoutMs: 200 });
    await edge.listen({ port: 0, host: '127.0.0.1' });
    const response = await rawRequest(portOf(edge), '', 15_000);
    expect(response.closed).toBe(true);
  });

  it('reads the timeouts from the config, with defaults', () => {
    const defaults = loadConfig({}).http;
    expect(defaults.requestTimeoutMs).toBe(30_000);
    expect(defaults.connectionTimeoutMs).toBeGreaterThan(defaults.keepAliveTimeoutMs);
    const set = loadConfig({
      REQUEST_TIMEOUT_MS: '1500',
      CONNECTION_TIMEOUT_MS: '4000',
      KEEP_ALIVE_TIMEOUT_MS: '2000',
    }).http;
    expect(set).toMatchObject({
      requestTimeoutMs: 1500,
      connectionTimeoutMs: 4000,
      keepAliveTimeoutMs: 2000,
    });
    expect(() => loadConfig({ REQUEST_TIMEOUT_MS: '30s' })).toThrow(/REQUEST_TIMEOUT_MS/);
  });
});
