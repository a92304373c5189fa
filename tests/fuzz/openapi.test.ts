import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildApp } from '../../api/src/app.ts';
import { Database } from '../../api/src/db/database.ts';
import { loadDemoMap } from '../../seed/load.ts';
import { call, signInAsAdmin, type TestUser } from '../helpers/app.ts';
import { portOf } from '../helpers/raw-http.ts';

/**
 * Schemathesis against the running app's own OpenAPI document (`/docs/json`): generated valid
 * and invalid requests to every operation, each answer checked against the document. Path
 * parameters are pinned to ids of a real map, so requests reach the handlers instead of 404.
 */

const run = promisify(execFile);
const ensureScript = fileURLToPath(new URL('./ensure-schemathesis.sh', import.meta.url));
const RESULTS = fileURLToPath(new URL('../../test-results/fuzz/', import.meta.url));
const CHECKS = [
  'not_a_server_error',
  'status_code_conformance',
  'content_type_conformance',
  'response_schema_conformance',
];
/** Per operation and phase; three to five minutes for the whole run on this machine. */
const MAX_EXAMPLES = 15;
const COLLECTIONS = [
  'actors',
  'initiatives',
  'plans',
  'goals',
  'areas',
  'forums',
  'commitments',
  'collaborations',
  'memberships',
  'stances',
  'meetings',
  'decisions',
  'actions',
  'views',
];

let db: Database;
let app: FastifyInstance;
let st: string;
let workDir: string;
/** The fuzzer calls as an administrator with an API token, like a script would. */
let admin: TestUser;

beforeAll(async () => {
  st = (await run('bash', [ensureScript], { maxBuffer: 1 << 20 })).stdout.trim();
  db = new Database(inject('neo4j'));
  app = await buildApp({ db, migrate: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  admin = await signInAsAdmin(app);
  workDir = mkdtempSync(join(tmpdir(), 'samspil-fuzz-'));
});

afterAll(async () => {
  await app?.close();
  await db?.close();
  if (workDir) rmSync(workDir, { recursive: true, force: true, maxRetries: 5 });
});

const quote = (value: string) => `'${value}'`;

/**
 * TOML for one operation's fixed parameters, each given as a TOML value. It names the operation
 * as `METHOD path`: one filter, since separate `include-method` and `include-path` filters would
 * each match on their own.
 */
function operation(name: string, parameters: Record<string, string>): string {
  const values = Object.entries(parameters)
    .map(([key, value]) => `"${key}" = ${value}`)
    .join(', ');
  return `[[operations]]\ninclude-name = '${name}'\nparameters = { ${values} }\n`;
}

/** A body or query field drawn from a dictionary of real ids most of the time. */
const drawn = (dictionary: string, probability = 0.9) =>
  `{ dictionary = "${dictionary}", probability = ${probability} }`;

/** The ends of each kind of fact, for the create bodies. */
const FACT_ENDS: Record<string, Record<string, string>> = {
  commitments: { actorId: 'actors', initiativeId: 'initiatives' },
  collaborations: { actorAId: 'actors', actorBId: 'actors' },
  memberships: { actorId: 'actors', forumId: 'forums' },
  stances: { actorId: 'actors', initiativeId: 'initiatives' },
};

/**
 * A map with the demo content under a fresh id, and the ids the fuzzer's requests use: for each
 * collection one entity to read and patch, and another one to delete, so that a generated
 * DELETE does not take the one the other operations read. A map of its own is there to delete.
 * The ends of a created fact and the filters of a list are drawn mostly from real ids, so that
 * requests pass the check that referenced entities exist and reach the success path.
 */
async function fixture(): Promise<string> {
  const mapId = `fuzz-${randomBytes(6).toString('hex')}`;
  await loadDemoMap(db, { mapId, ownerId: admin.user.id });
  const spare = await call(app, 'POST', '/maps', { name: 'Fuzz map to delete' });
  const ids = async (collection: string, limit = 20) =>
    (
      (await call(app, 'GET', `/maps/${mapId}/${collection}?limit=${limit}`)).body.items as {
        id: string;
      }[]
    ).map((item) => item.id);

  const dictionaries = ['[dictionaries]'];
  for (const collection of ['actors', 'initiatives', 'plans', 'forums']) {
    dictionaries.push(
      `${collection} = { values = [${(await ids(collection)).map(quote).join(', ')}] }`,
    );
  }
  const filters = {
    actorId: 'actors',
    initiativeId: 'initiatives',
    planId: 'plans',
    forumId: 'forums',
  };
  const parameters = ['[parameters]', `"path.mapId" = ${quote(mapId)}`];
  for (const [field, collection] of Object.entries(filters)) {
    parameters.push(`"query.${field}" = ${drawn(collection)}`);
  }
  // The document's `bearer` security scheme, so that Schemathesis sends the token wherever an
  // operation declares it (and still tries requests without it, which the document allows).
  const auth = `[auth.openapi.bearer]\nbearer = ${quote(admin.token)}`;
  const sections = [auth, dictionaries.join('\n'), parameters.join('\n')];
  sections.push(operation('DELETE /api/v1/maps/{mapId}', { 'path.mapId': quote(spare.body.id) }));
  // A token of its own to revoke: Schemathesis learns ids from answers (`GET /auth/tokens`), and
  // would otherwise revoke the very token it calls with.
  const spareToken = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/tokens',
    payload: { email: admin.email, password: admin.password, name: 'Fuzz token to revoke' },
  });
  sections.push(
    operation('DELETE /api/v1/auth/tokens/{tokenId}', {
      'path.tokenId': quote(spareToken.json().id),
    }),
  );
  for (const [collection, ends] of Object.entries(FACT_ENDS)) {
    const bodies = Object.fromEntries(
      Object.entries(ends).map(([field, dictionary]) => [`body.${field}`, drawn(dictionary)]),
    );
    sections.push(operation(`POST /api/v1/maps/{mapId}/${collection}`, bodies));
  }
  let initiativeId = '';
  for (const collection of COLLECTIONS) {
    const [keep, remove] = await ids(collection, 2);
    if (!keep || !remove) throw new Error(`the demo map has fewer than 2 ${collection}`);
    if (collection === 'initiatives') initiativeId = keep;
    const path = `/api/v1/maps/{mapId}/${collection}/{id}`;
    sections.push(operation(`GET ${path}`, { 'path.id': quote(keep) }));
    sections.push(operation(`PATCH ${path}`, { 'path.id': quote(keep) }));
    sections.push(operation(`DELETE ${path}`, { 'path.id': quote(remove) }));
  }
  sections.push(
    operation('GET /api/v1/maps/{mapId}/backing/{targetId}', {
      'path.targetId': quote(initiativeId),
    }),
  );
  return sections.join('\n\n');
}

interface Summary {
  operations: number;
  testCases: number;
  failures: number;
  errors: number;
}

/** Counts from the JUnit report: one test case per operation, a failure per failed check. */
function summarize(junit: string, output: string): Summary {
  const suite = /<testsuite\b[^>]*>/.exec(junit)?.[0] ?? '';
  const attribute = (name: string) =>
    Number(new RegExp(`${name}="(\\d+)"`).exec(suite)?.[1] ?? NaN);
  const generated = [...output.matchAll(/(\d+) generated/g)].map((match) => Number(match[1]));
  return {
    operations: attribute('tests'),
    testCases: generated.length > 0 ? Math.max(...generated) : NaN,
    failures: attribute('failures'),
    errors: attribute('errors'),
  };
}

describe('the OpenAPI document, fuzzed', () => {
  it('holds for every operation: no 5xx, documented status codes, content types and schemas', async () => {
    writeFileSync(join(workDir, 'schemathesis.toml'), await fixture());
    const base = `http://127.0.0.1:${portOf(app)}`;
    mkdirSync(RESULTS, { recursive: true });
    const junit = join(RESULTS, 'junit.xml');
    const started = performance.now();
    const result = await run(
      st,
      [
        'run',
        `${base}/docs/json`,
        '--url',
        base,
        '--checks',
        CHECKS.join(','),
        '--phases',
        'examples,coverage,fuzzing',
        '--max-examples',
        String(MAX_EXAMPLES),
        '--seed',
        '20261201',
        // One worker: with several threads, Python 3.11 before 3.11.8 can fail inside
        // `ast.parse` (AST constructor recursion depth mismatch), which Hypothesis calls.
        '--workers',
        '1',
        '--request-timeout',
        '30',
        '--generation-database',
        'none',
        '--report',
        'junit',
        '--report-junit-path',
        junit,
        '--no-color',
      ],
      { cwd: workDir, maxBuffer: 64 << 20, env: { ...process.env, NO_COLOR: '1' } },
    ).then(
      (done) => ({ code: 0, output: done.stdout + done.stderr }),
      (failed: { code?: number; stdout?: string; stderr?: string }) => ({
        code: failed.code ?? -1,
        output: `${failed.stdout ?? ''}${failed.stderr ?? ''}`,
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    writeFileSync(join(RESULTS, 'schemathesis.txt'), result.output);
    const summary = summarize(readFileSync(junit, 'utf8'), result.output);
    process.stdout.write(
      `Schemathesis: ${summary.operations} operations, ${summary.testCases} test cases, ` +
        `${summary.failures} failures, ${summary.errors} errors, ${seconds.toFixed(0)} s ` +
        `(full output: test-results/fuzz/schemathesis.txt)\n`,
    );
    if (result.code !== 0) process.stdout.write(result.output.slice(-20_000));
    // The fuzzer called as the administrator to the end: its credentials were not revoked along
    // the way, so its requests reached the handlers rather than the access check.
    const me = await call(app, 'GET', '/auth/me');
    expect(me.status).toBe(200);
    expect(me.body.user.id).toBe(admin.user.id);
    expect(summary.operations).toBeGreaterThan(60);
    expect(summary.testCases).toBeGreaterThan(1000);
    expect({ ...summary, exitCode: result.code }).toMatchObject({
      failures: 0,
      errors: 0,
      exitCode: 0,
    });
  }, 1_200_000);
});
