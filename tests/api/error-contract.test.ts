import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildApp } from '../../api/src/app.ts';
import { Database } from '../../api/src/db/database.ts';
import { createMap, signInAsAdmin } from '../helpers/app.ts';
import { portOf, rawRequest } from '../helpers/raw-http.ts';

/**
 * Every answer that is not a success has one shape, `{error, message, details}`, with a code of
 * ours: also for what Fastify and Node's HTTP parser refuse before any route runs.
 */

let db: Database;
let app: FastifyInstance;
let port: number;
/** An administrator's API token: the requests below fail on their form, not on who sends them. */
let token: string;
const logLines: string[] = [];

beforeAll(async () => {
  db = new Database(inject('neo4j'));
  app = await buildApp({
    db,
    migrate: false,
    logger: { level: 'error', stream: { write: (line: string) => void logLines.push(line) } },
  });
  // Two routes that exist only in this test, to reach the handler's 500 and 409 paths.
  app.get('/test/boom', { config: { access: 'public' } }, async () => {
    throw new Error('secret detail: the database at db.internal.example refused the password');
  });
  app.post('/test/duplicate-actor', { config: { access: 'public' } }, async () => {
    const id = `dup-${randomBytes(6).toString('hex')}`;
    await db.write((tx) =>
      tx.run('CREATE (:Actor {id: $id, mapId: $id}) CREATE (:Actor {id: $id, mapId: $id})', { id }),
    );
    return { id };
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  port = portOf(app);
  token = (await signInAsAdmin(app)).token;
});

afterAll(async () => {
  await app?.close();
  await db?.close();
});

function expectErrorShape(body: unknown, code: string) {
  expect(body).toEqual({ error: code, message: expect.any(String), details: expect.any(Array) });
  expect((body as { message: string }).message.length).toBeGreaterThan(0);
}

const raw = (bytes: string, waitMs?: number) => rawRequest(port, bytes, waitMs);

describe('requests Node cannot parse', () => {
  it('answers 431 for headers that are too large', async () => {
    const response = await raw(
      `GET /api/v1/maps HTTP/1.1\r\nHost: localhost\r\nX-Padding: ${'a'.repeat(20_000)}\r\n\r\n`,
    );
    expect(response.status).toBe(431);
    expectErrorShape(response.body, 'header_too_large');
    expect(response.closed).toBe(true);
  });

  it('answers 400 bad_request for a malformed request line', async () => {
    for (const line of ['GET /api/v1/maps HTTP/9.9', 'GET /api/v1/ma\x01ps HTTP/1.1', 'GET']) {
      const response = await raw(`${line}\r\nHost: localhost\r\n\r\n`);
      expect(response.status, JSON.stringify(line)).toBe(400);
      expectErrorShape(response.body, 'bad_request');
      expect(response.headers['content-type']).toMatch(/^application\/json/);
    }
  });

  it('answers 400 invalid_content_length for a Content-Length that is no number', async () => {
    const response = await raw(
      'POST /api/v1/maps HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n' +
        'Content-Length: abc\r\n\r\n{}',
    );
    expect(response.status).toBe(400);
    expectErrorShape(response.body, 'invalid_content_length');
  });

  it('answers 501 for a method name HTTP does not know', async () => {
    const response = await raw('FROBNICATE /api/v1/maps HTTP/1.1\r\nHost: localhost\r\n\r\n');
    expect(response.status).toBe(501);
    expectErrorShape(response.body, 'method_not_implemented');
  });
});

describe('requests Fastify refuses', () => {
  const post = (headers: Record<string, string>, payload: string | Buffer) =>
    app.inject({
      method: 'POST',
      url: '/api/v1/maps',
      headers: { authorization: `Bearer ${token}`, ...headers },
      payload,
    });

  it('answers 413 payload_too_large for a body over 1 MB', async () => {
    const response = await post(
      { 'content-type': 'application/json' },
      JSON.stringify({ name: 'x'.repeat(1_100_000) }),
    );
    expect(response.statusCode).toBe(413);
    expectErrorShape(response.json(), 'payload_too_large');
  });

  it('answers 415 unsupported_media_type for a body that is not JSON', async () => {
    for (const type of ['text/plain', 'application/xml', 'multipart/form-data; boundary=x']) {
      const response = await post({ 'content-type': type }, 'name=x');
      expect(response.statusCode, type).toBe(415);
      expectErrorShape(response.json(), 'unsupported_media_type');
    }
  });

  it('answers 400 malformed_json and empty_body for bodies that are not JSON', async () => {
    const json = { 'content-type': 'application/json' };
    const cases: [string, string][] = [
      ['{"name": ', 'malformed_json'],
      ['{"__proto__": {"name": "x"}}', 'malformed_json'],
      ['', 'empty_body'],
    ];
    for (const [payload, code] of cases) {
      const response = await post(json, payload);
      expect(response.statusCode, payload).toBe(400);
      expectErrorShape(response.json(), code);
    }
  });

  it('answers 400 bad_url for a broken percent-encoding', async () => {
    const response = await raw('GET /api/v1/maps/%zz HTTP/1.1\r\nHost: localhost\r\n\r\n');
    expect(response.status).toBe(400);
    expectErrorShape(response.body, 'bad_url');
  });

  it('answers 404 route_not_found for an unknown path, whatever the method', async () => {
    for (const method of ['GET', 'POST', 'TRACE']) {
      const response = await raw(
        `${method} /api/v1/nowhere HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0\r\n\r\n`,
      );
      expect(response.status, method).toBe(404);
      expectErrorShape(response.body, 'route_not_found');
    }
  });

  it('never lets a Fastify error code out', async () => {
    const responses = await Promise.all([
      post({ 'content-type': 'application/json' }, ''),
      post({ 'content-type': 'text/plain' }, 'x'),
      post({ 'content-type': 'application/json' }, '{'),
      app.inject({ method: 'GET', url: '/api/v1/maps/%zz' }),
    ]);
    for (const response of responses) {
      expect(response.body).not.toMatch(/fst_err|FST_ERR|statusCode/);
    }
  });
});

describe('405 for a known path with a method it does not have', () => {
  it('answers 405 with Allow for TRACE, QUERY, PUT and DELETE on collections', async () => {
    const mapId = await createMap(app);
    const cases: [string, string, string][] = [
      ['TRACE', '/api/v1/maps', 'GET, HEAD, POST'],
      ['QUERY', '/api/v1/maps', 'GET, HEAD, POST'],
      ['PUT', `/api/v1/maps/${mapId}/actors`, 'GET, HEAD, POST'],
      ['POST', `/api/v1/maps/${mapId}/actors/someone`, 'DELETE, GET, HEAD, PATCH'],
      ['DELETE', `/api/v1/maps/${mapId}/layout`, 'GET, HEAD, PUT'],
    ];
    for (const [method, path, allow] of cases) {
      const response = await raw(
        `${method} ${path} HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0\r\n\r\n`,
      );
      expect(response.status, `${method} ${path}`).toBe(405);
      expect(response.headers.allow, `${method} ${path}`).toBe(allow);
      expectErrorShape(response.body, 'method_not_allowed');
    }
  });
});

describe('the error handler', () => {
  it('answers 500 internal_error, hides the message and logs the error', async () => {
    const response = await app.inject({ method: 'GET', url: '/test/boom' });
    expect(response.statusCode).toBe(500);
    expectErrorShape(response.json(), 'internal_error');
    expect(response.body).not.toContain('secret');
    const logged = logLines.map((line) => JSON.parse(line));
    expect(logged).toContainEqual(
      expect.objectContaining({
        level: 50,
        url: '/test/boom',
        method: 'GET',
        err: expect.objectContaining({ message: expect.stringContaining('secret detail') }),
      }),
    );
  });

  it('answers 409 conflict when Neo4j refuses a duplicate id, and nothing is written', async () => {
    const before = await db.read((tx) =>
      tx.run("MATCH (n:Actor) WHERE n.id STARTS WITH 'dup-' RETURN count(n) AS c"),
    );
    const response = await app.inject({ method: 'POST', url: '/test/duplicate-actor' });
    expect(response.statusCode).toBe(409);
    expectErrorShape(response.json(), 'conflict');
    const after = await db.read((tx) =>
      tx.run("MATCH (n:Actor) WHERE n.id STARTS WITH 'dup-' RETURN count(n) AS c"),
    );
    expect(after.records[0]!.get('c').toNumber()).toBe(before.records[0]!.get('c').toNumber());
  });
});
