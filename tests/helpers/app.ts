import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { User } from '../../graph-schema/index.ts';
import { buildApp, type AppOptions } from '../../api/src/app.ts';
import { hashPassword } from '../../api/src/auth/secrets.ts';
import { Database } from '../../api/src/db/database.ts';
import { AccessRepository } from '../../api/src/repositories/access-repository.ts';
import { MemberRepository } from '../../api/src/repositories/member-repository.ts';

export interface TestContext {
  app: FastifyInstance;
  db: Database;
  /** The administrator every `call` on this app is made as, with an API token. */
  user: TestUser;
  close(): Promise<void>;
}

/** A real user in the real database, with the password it was made with and an API token. */
export interface TestUser {
  user: User;
  email: string;
  password: string;
  token: string;
}

/** How a request is signed in: an API token or share-link token, a session cookie, or nobody. */
export type Credential = { token: string } | { cookie: string } | null;

const callers = new WeakMap<FastifyInstance, Credential>();

/**
 * Makes a user through the repository (as an administrator would invite one and they would set
 * a password), then gets an API token the way a script does: `POST /auth/tokens` with the email
 * and password.
 */
export async function createUser(
  app: FastifyInstance,
  options: { admin?: boolean; name?: string; email?: string } = {},
): Promise<TestUser> {
  const email = options.email ?? `test-${randomBytes(6).toString('hex')}@samspil.test`;
  const password = `pw-${randomBytes(9).toString('base64url')}`;
  const user = await new AccessRepository(app.db).createUser({
    email,
    name: options.name ?? email.split('@')[0]!,
    passwordHash: await hashPassword(password),
    admin: options.admin ?? false,
  });
  if (!user) throw new Error(`could not create user ${email}`);
  const response = await callAs(app, null, 'POST', '/auth/tokens', {
    email,
    password,
    name: 'tests',
  });
  if (response.status !== 201) {
    throw new Error(`could not get a token: ${response.status} ${JSON.stringify(response.body)}`);
  }
  return { user, email, password, token: response.body.token as string };
}

/** Makes `call(app, …)` go as a new administrator, and returns that user. */
export async function signInAsAdmin(app: FastifyInstance): Promise<TestUser> {
  const admin = await createUser(app, { admin: true, name: 'Test Admin' });
  callers.set(app, { token: admin.token });
  return admin;
}

/** Signs in through `POST /auth/login` and returns the session cookie's value. */
export async function signIn(app: FastifyInstance, email: string, password: string) {
  const response = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { email, password },
  });
  const cookie = response.cookies.find((item) => item.name === 'samspil_session');
  if (response.statusCode !== 200 || !cookie) {
    throw new Error(`could not sign in: ${response.statusCode} ${response.body}`);
  }
  return cookie.value;
}

/** The real app against the run's real Neo4j (see global-setup.ts), signed in as an admin. */
export async function buildTestApp(options: Partial<AppOptions> = {}): Promise<TestContext> {
  const db = new Database(inject('neo4j'));
  const app = await buildApp({ db, migrate: false, ...options });
  await app.ready();
  const user = await signInAsAdmin(app);
  return {
    app,
    db,
    user,
    close: async () => {
      await app.close();
      await db.close();
    },
  };
}

/**
 * A JSON answer as the tests read it: loosely, because each test's assertions check the shape
 * they rely on (the response schemas are checked by the fuzzer and the contract tests).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see the comment above
export type Json = any;

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/**
 * `app.inject` with JSON in and out, as the app's signed-in administrator (see `buildTestApp`);
 * `body` is sent as JSON unless it is a string.
 */
export function call(
  app: FastifyInstance,
  method: Method,
  url: string,
  body?: unknown,
  headers: Record<string, string> = {},
) {
  return callAs(app, callerOf(app), method, url, body, headers);
}

/**
 * `call` with the given credential: a bearer token, or a session cookie (sent the way the web
 * app sends it: from this site, with the CSRF header), or none.
 */
export async function callAs(
  app: FastifyInstance,
  credential: Credential,
  method: Method,
  url: string,
  body?: unknown,
  extra: Record<string, string> = {},
) {
  const headers = credentialHeaders(credential);
  if (body !== undefined) headers['content-type'] = 'application/json';
  Object.assign(headers, extra);
  const response = await app.inject({
    method,
    url: `/api/v1${url}`,
    headers,
    payload:
      body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const json = response.body ? safeJson(response.body) : null;
  return { status: response.statusCode, body: json as Json, headers: response.headers };
}

/** The credential `call` uses on `app`: its administrator's token (see `buildTestApp`). */
export function callerOf(app: FastifyInstance): Credential {
  return callers.get(app) ?? null;
}

/** The headers that send `credential`, as `callAs` sends them. */
export function credentialHeaders(credential: Credential): Record<string, string> {
  const headers: Record<string, string> = {};
  if (credential && 'token' in credential) headers.authorization = `Bearer ${credential.token}`;
  if (credential && 'cookie' in credential) {
    headers.cookie = `samspil_session=${credential.cookie}`;
    headers.origin = 'http://localhost:80';
    headers['x-samspil-csrf'] = '1';
  }
  return headers;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** A fresh map of its own for each test: the isolation unit (Community has one database). */
export async function createMap(app: FastifyInstance, name = 'Test map'): Promise<string> {
  const response = await call(app, 'POST', '/maps', { name });
  if (response.status !== 201)
    throw new Error(`could not create map: ${JSON.stringify(response.body)}`);
  return response.body.id as string;
}

/** Gives `user` a role on a map that was written straight through a repository (a seeder's). */
export async function grantRole(
  app: FastifyInstance,
  mapId: string,
  user: TestUser | User,
  role: 'owner' | 'editor' | 'viewer' = 'owner',
): Promise<void> {
  const id = 'user' in user ? user.user.id : user.id;
  await new MemberRepository(app.db).grant(mapId, id, role);
}
