import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashToken, newToken } from '../../api/src/auth/secrets.ts';
import { AccessRepository } from '../../api/src/repositories/access-repository.ts';
import {
  buildTestApp,
  callAs,
  createUser,
  type Credential,
  type Json,
  type TestContext,
  type TestUser,
} from '../helpers/app.ts';
import { multipart } from '../helpers/upload.ts';

/**
 * Every API route against every kind of caller, from the access each route declares (the
 * `x-samspil-access` of its operation in the app's own OpenAPI document) and checked against
 * real requests with valid input. A refusal must be exactly 401 `unauthenticated`, 403
 * `forbidden` or 404 `map_not_found`; a granted call must succeed (2xx, or 303 for a link).
 */

type Who =
  | 'anonymous'
  | 'viewer'
  | 'editor'
  | 'owner'
  | 'otherOwner'
  | 'admin'
  | 'shareLink'
  | 'revokedLink';
const WHO: Who[] = [
  'anonymous',
  'viewer',
  'editor',
  'owner',
  'otherOwner',
  'admin',
  'shareLink',
  'revokedLink',
];
type Outcome = 'granted' | 401 | 403 | 404;
const DENIAL_CODE = { 401: 'unauthenticated', 403: 'forbidden', 404: 'map_not_found' } as const;

/** What the declared access means for each caller of the matrix's map. */
function expected(access: string, who: Who): Outcome {
  if (access === 'public') return 'granted';
  if (who === 'anonymous' || who === 'revokedLink') return 401;
  if (access === 'authenticated') return who === 'shareLink' ? 403 : 'granted';
  if (access === 'admin') return who === 'admin' ? 'granted' : 403;
  if (who === 'otherOwner' || who === 'admin') return 404;
  if (who === 'shareLink') return access === 'reader' ? 'granted' : 403;
  const rank = { viewer: 1, editor: 2, owner: 3 } as const;
  const needed = access === 'reader' ? 1 : rank[access as keyof typeof rank];
  return rank[who as keyof typeof rank] >= needed ? 'granted' : 403;
}

/**
 * The policy itself, written out, so a route that declares another access than intended fails
 * here even though the matrix (which follows the declarations) would agree with it.
 */
const POLICY: Record<string, string> = {
  'GET /health': 'public',
  'GET /maps': 'authenticated',
  'POST /maps': 'admin',
  'GET /maps/{mapId}': 'reader',
  'PATCH /maps/{mapId}': 'editor',
  'DELETE /maps/{mapId}': 'owner',
  'GET /maps/{mapId}/layout': 'reader',
  'PUT /maps/{mapId}/layout': 'editor',
  'GET /maps/{mapId}/graph': 'reader',
  'GET /maps/{mapId}/gaps': 'reader',
  'GET /maps/{mapId}/alliances': 'reader',
  'GET /maps/{mapId}/backing': 'reader',
  'GET /maps/{mapId}/backing/{targetId}': 'reader',
  'GET /maps/{mapId}/metrics': 'reader',
  'GET /maps/{mapId}/brief': 'reader',
  'GET /maps/{mapId}/history': 'viewer',
  'POST /maps/{mapId}/history/{changeId}/revert': 'editor',
  'POST /auth/login': 'public',
  'POST /auth/logout': 'public',
  'GET /auth/me': 'authenticated',
  'POST /auth/password': 'authenticated',
  'POST /auth/tokens': 'public',
  'GET /auth/tokens': 'authenticated',
  'DELETE /auth/tokens/{tokenId}': 'authenticated',
  'GET /auth/link/{token}': 'public',
  'GET /auth/invitations/{token}': 'public',
  'POST /auth/invitations/{token}/accept': 'public',
  'GET /maps/{mapId}/members': 'viewer',
  'POST /maps/{mapId}/members': 'owner',
  'PATCH /maps/{mapId}/members/{userId}': 'owner',
  'DELETE /maps/{mapId}/members/{userId}': 'owner',
  'GET /maps/{mapId}/share-links': 'owner',
  'POST /maps/{mapId}/share-links': 'owner',
  'DELETE /maps/{mapId}/share-links/{linkId}': 'owner',
  'GET /users': 'admin',
  'POST /users': 'admin',
  'PATCH /users/{userId}': 'admin',
  // A full backup is in the export, so share links do not export; a map made from a file is
  // made as POST /maps makes one.
  'GET /maps/{mapId}/export': 'viewer',
  'POST /maps/{mapId}/import': 'editor',
  'POST /maps/import': 'admin',
  'GET /imports/{token}/progress': 'authenticated',
};

/** Every collection of a map: anyone who may read the map reads it, editors change it. */
function intended(method: string, path: string): string | undefined {
  const collection = /^\/maps\/\{mapId\}\/([a-z]+)(\/\{id\})?$/.exec(path)?.[1];
  if (collection && collection in PATCHES) return method === 'GET' ? 'reader' : 'editor';
  return POLICY[`${method} ${path}`];
}

let ctx: TestContext;
let mapId: string;
const users = {} as Record<'viewer' | 'editor' | 'owner' | 'otherOwner' | 'admin', TestUser>;
const credentials = {} as Record<Who, Credential>;
let loginUser: TestUser;
let tokenUser: TestUser;
const ids: Record<string, string> = {};

/** Each caller comes from its own address, so the sign-in limits count per caller. */
const address = (who: Who) => `10.9.0.${WHO.indexOf(who) + 1}`;

async function as(who: Who, method: string, url: string, body?: unknown, file?: Upload) {
  const credential = credentials[who];
  const headers: Record<string, string> = {};
  if (credential && 'token' in credential) headers.authorization = `Bearer ${credential.token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const form = file ? multipart(file.bytes, file.filename) : null;
  const response = await ctx.app.inject({
    method: method as 'GET',
    url: `/api/v1${url}`,
    headers: { ...headers, ...form?.headers },
    remoteAddress: address(who),
    payload: form ? form.payload : body === undefined ? undefined : JSON.stringify(body),
  });
  let json: Json = null;
  try {
    json = response.body ? JSON.parse(response.body) : null;
  } catch {
    json = response.body;
  }
  return { status: response.statusCode, body: json };
}

/** A write made by the map's owner, to set up a cell; it must succeed. */
async function byOwner(method: 'POST' | 'PATCH' | 'DELETE', url: string, body?: unknown) {
  const response = await callAs(ctx.app, credentials.owner, method, url, body);
  if (response.status >= 300) {
    throw new Error(`${method} ${url} → ${response.status} ${JSON.stringify(response.body)}`);
  }
  return response.body as Json;
}

const fresh = () => randomBytes(4).toString('hex');
const freshEmail = () => `matrix-${fresh()}@samspil.test`;

/** A user who exists (invited, no password), for routes that change another user. */
async function freshUser() {
  const user = await new AccessRepository(ctx.db).createUser({
    email: freshEmail(),
    name: 'Somebody',
    passwordHash: null,
  });
  return user!;
}

const NODE_BODIES: Record<string, () => Record<string, unknown>> = {
  actors: () => ({ name: `Actor ${fresh()}`, sector: 'housing' }),
  initiatives: () => ({ title: `Initiative ${fresh()}`, status: 'active' }),
  plans: () => ({ title: `Plan ${fresh()}`, status: 'planned' }),
  goals: () => ({ title: `Goal ${fresh()}` }),
  areas: () => ({ name: `Area ${fresh()}` }),
  forums: () => ({ name: `Forum ${fresh()}`, kind: 'network' }),
  meetings: () => ({
    title: `Meeting ${fresh()}`,
    date: '2026-11-30',
    kind: 'information',
    status: 'planned',
  }),
  decisions: () => ({ title: `Decision ${fresh()}`, date: '2026-11-30', outcome: 'approved' }),
  actions: () => ({ title: `Action ${fresh()}`, status: 'open' }),
  views: () => ({ name: `View ${fresh()}`, state: { sectors: ['housing'], gaps: true } }),
};

/** A valid create body for each collection; a fact gets ends of its own, so it is no duplicate. */
async function createBody(collection: string): Promise<Record<string, unknown>> {
  const node = NODE_BODIES[collection];
  if (node) return node();
  const make = async (of: string) =>
    (await byOwner('POST', `/maps/${mapId}/${of}`, NODE_BODIES[of]!())).id as string;
  switch (collection) {
    case 'commitments':
      return {
        actorId: await make('actors'),
        initiativeId: await make('initiatives'),
        role: 'funder',
        status: 'agreed',
      };
    case 'collaborations':
      return { actorAId: await make('actors'), actorBId: await make('actors'), kind: 'network' };
    case 'memberships':
      return { actorId: await make('actors'), forumId: await make('forums'), role: 'member' };
    case 'stances':
      return {
        actorId: await make('actors'),
        initiativeId: await make('initiatives'),
        position: 'supports',
      };
    default:
      throw new Error(`no body for ${collection}`);
  }
}

const PATCHES: Record<string, Record<string, unknown>> = {
  actors: { description: 'changed' },
  initiatives: { description: 'changed' },
  plans: { description: 'changed' },
  goals: { description: 'changed' },
  areas: { description: 'changed' },
  forums: { description: 'changed' },
  commitments: { note: 'changed' },
  collaborations: { note: 'changed' },
  memberships: { note: 'changed' },
  stances: { note: 'changed' },
  meetings: { purpose: 'changed' },
  decisions: { reference: 'changed' },
  actions: { title: 'changed' },
  views: { state: { sectors: ['municipal'] } },
};

interface Upload {
  bytes: Uint8Array;
  filename: string;
}

interface Request {
  url: string;
  body?: unknown;
  /** A file sent as multipart/form-data instead of a JSON body. */
  file?: Upload;
}

/** A one-row actors sheet with a name of its own, so each import creates something. */
const actorsCsv = (): Upload => ({
  bytes: new TextEncoder().encode(`Navn,Sektor\nImporteret ${fresh()},other\n`),
  filename: 'Aktører.csv',
});

/**
 * How to call each operation in one cell: its path with real ids, and a valid body. Whatever a
 * call uses up (an entity it deletes, a change it reverts, a link it opens) is made anew for it.
 */
function prepare(method: string, path: string, who: Who): Promise<Request> | Request {
  const key = `${method} ${path}`;
  const collection = /^\/maps\/\{mapId\}\/([a-z]+)(\/\{id\})?$/.exec(path);
  if (collection && collection[1]! in PATCHES) {
    const name = collection[1]!;
    const one = `/maps/${mapId}/${name}`;
    if (!collection[2]) {
      return method === 'GET'
        ? { url: one }
        : createBody(name).then((body) => ({ url: one, body }));
    }
    if (method === 'GET') return { url: `${one}/${ids[name]}` };
    if (method === 'PATCH') return { url: `${one}/${ids[name]}`, body: PATCHES[name] };
    return createBody(name)
      .then((body) => byOwner('POST', one, body))
      .then((created) => ({ url: `${one}/${created.id}` }));
  }
  const m = `/maps/${mapId}`;
  switch (key) {
    case 'GET /health':
    case 'GET /maps':
    case 'GET /auth/me':
    case 'GET /auth/tokens':
    case 'GET /users':
      return { url: path };
    case 'POST /maps':
      return { url: '/maps', body: { name: `Matrix map ${fresh()}` } };
    case 'GET /maps/{mapId}':
    case 'GET /maps/{mapId}/layout':
    case 'GET /maps/{mapId}/graph':
    case 'GET /maps/{mapId}/gaps':
    case 'GET /maps/{mapId}/alliances':
    case 'GET /maps/{mapId}/backing':
    case 'GET /maps/{mapId}/metrics':
    case 'GET /maps/{mapId}/history':
    case 'GET /maps/{mapId}/members':
    case 'GET /maps/{mapId}/share-links':
      return { url: path.replace('{mapId}', mapId) };
    case 'GET /maps/{mapId}/brief':
      return { url: `${m}/brief?actorIds=${ids.actors}` };
    case 'GET /maps/{mapId}/backing/{targetId}':
      return { url: `${m}/backing/${ids.initiatives}` };
    case 'PATCH /maps/{mapId}':
      return { url: m, body: { description: `changed by ${who}` } };
    case 'DELETE /maps/{mapId}':
      return { url: m };
    case 'PUT /maps/{mapId}/layout':
      return { url: `${m}/layout`, body: { positions: { [ids.actors!]: { x: 1, y: 2 } } } };
    case 'POST /maps/{mapId}/history/{changeId}/revert':
      return byOwner('POST', `${m}/actors`, NODE_BODIES.actors!()).then(async (actor) => {
        const history = await callAs(
          ctx.app,
          credentials.owner,
          'GET',
          `${m}/history?entityId=${actor.id}`,
        );
        return { url: `${m}/history/${history.body.items[0].id}/revert` };
      });
    case 'POST /maps/{mapId}/members':
      return { url: `${m}/members`, body: { email: freshEmail(), role: 'viewer' } };
    case 'PATCH /maps/{mapId}/members/{userId}':
    case 'DELETE /maps/{mapId}/members/{userId}':
      return freshUser().then(async (user) => {
        await byOwner('POST', `${m}/members`, { email: user.email, role: 'viewer' });
        return {
          url: `${m}/members/${user.id}`,
          body: method === 'PATCH' ? { role: 'editor' } : undefined,
        };
      });
    case 'POST /maps/{mapId}/share-links':
      return { url: `${m}/share-links`, body: { label: `Link ${fresh()}` } };
    case 'DELETE /maps/{mapId}/share-links/{linkId}':
      return byOwner('POST', `${m}/share-links`, { label: 'to revoke' }).then((link) => ({
        url: `${m}/share-links/${link.id}`,
      }));
    case 'POST /auth/login':
      return { url: path, body: { email: loginUser.email, password: loginUser.password } };
    case 'POST /auth/logout':
      return { url: path };
    case 'POST /auth/password': {
      const user = users[who as keyof typeof users];
      const password = user?.password ?? 'not a user at all';
      return { url: path, body: { currentPassword: password, newPassword: password } };
    }
    case 'POST /auth/tokens':
      return {
        url: path,
        body: { email: tokenUser.email, password: tokenUser.password, name: `matrix ${who}` },
      };
    case 'DELETE /auth/tokens/{tokenId}': {
      const user = users[who as keyof typeof users] ?? tokenUser;
      return new AccessRepository(ctx.db)
        .createToken(user.user.id, 'to revoke', hashToken(newToken('apiToken')))
        .then((token) => ({ url: `/auth/tokens/${token.id}` }));
    }
    case 'GET /auth/link/{token}': {
      const token = newToken('signInLink');
      return new AccessRepository(ctx.db)
        .createSignInLink(tokenUser.user.id, hashToken(token))
        .then(() => ({ url: `/auth/link/${token}` }));
    }
    case 'GET /auth/invitations/{token}':
    case 'POST /auth/invitations/{token}/accept': {
      const token = newToken('invitation');
      return freshUser().then(async (user) => {
        await new AccessRepository(ctx.db).invite(user.id, hashToken(token));
        return {
          url: `/auth/invitations/${token}${method === 'POST' ? '/accept' : ''}`,
          body: method === 'POST' ? { name: 'Invited', password: 'a long password' } : undefined,
        };
      });
    }
    case 'GET /maps/{mapId}/export':
      return { url: `${m}/export?format=json` };
    case 'POST /maps/{mapId}/import':
      return { url: `${m}/import?lang=da`, file: actorsCsv() };
    case 'POST /maps/import':
      return { url: '/maps/import?lang=da', file: actorsCsv() };
    case 'GET /imports/{token}/progress': {
      const token = `matrix-${fresh()}`;
      return as(
        'owner',
        'POST',
        `${m}/import?dryRun=true&progress=${token}`,
        undefined,
        actorsCsv(),
      ).then((started) => {
        if (started.status !== 200) throw new Error(`dry run → ${started.status}`);
        return { url: `/imports/${token}/progress` };
      });
    }
    case 'POST /users':
      return { url: '/users', body: { email: freshEmail() } };
    case 'PATCH /users/{userId}':
      return freshUser().then((user) => ({ url: `/users/${user.id}`, body: { name: 'Renamed' } }));
    default:
      throw new Error(`the access matrix has no request for ${key}: add one`);
  }
}

beforeAll(async () => {
  ctx = await buildTestApp();
  const admin = { token: ctx.user.token };
  for (const who of ['viewer', 'editor', 'owner', 'otherOwner'] as const) {
    users[who] = await createUser(ctx.app, { name: who });
  }
  users.admin = await createUser(ctx.app, { admin: true, name: 'admin' });
  loginUser = await createUser(ctx.app, { name: 'login' });
  tokenUser = await createUser(ctx.app, { name: 'token' });

  // An administrator creates the map, hands it over and leaves it.
  mapId = (await callAs(ctx.app, admin, 'POST', '/maps', { name: 'Matrix' })).body.id;
  for (const who of ['owner', 'editor', 'viewer'] as const) {
    const added = await callAs(ctx.app, admin, 'POST', `/maps/${mapId}/members`, {
      email: users[who].email,
      role: who,
    });
    expect(added.status).toBe(201);
  }
  expect(
    (await callAs(ctx.app, admin, 'DELETE', `/maps/${mapId}/members/${ctx.user.user.id}`)).status,
  ).toBe(204);
  const other = (await callAs(ctx.app, admin, 'POST', '/maps', { name: 'Another map' })).body.id;
  await callAs(ctx.app, admin, 'POST', `/maps/${other}/members`, {
    email: users.otherOwner.email,
    role: 'owner',
  });

  for (const who of Object.keys(users) as (keyof typeof users)[]) {
    credentials[who] = { token: users[who].token };
  }
  credentials.anonymous = null;
  const share = await byOwner('POST', `/maps/${mapId}/share-links`, { label: 'Meeting' });
  credentials.shareLink = { token: share.token };
  const revoked = await byOwner('POST', `/maps/${mapId}/share-links`, { label: 'Old' });
  await byOwner('DELETE', `/maps/${mapId}/share-links/${revoked.id}`);
  credentials.revokedLink = { token: revoked.token };

  for (const [name, make] of Object.entries(NODE_BODIES)) {
    ids[name] = (await byOwner('POST', `/maps/${mapId}/${name}`, make())).id;
  }
  for (const name of ['commitments', 'collaborations', 'memberships', 'stances']) {
    ids[name] = (await byOwner('POST', `/maps/${mapId}/${name}`, await createBody(name))).id;
  }
});
afterAll(() => ctx.close());

describe('the access matrix', () => {
  // About 730 requests, many of them writes (imports among them): minutes on a busy machine.
  it('answers every route as its declared access says, for every kind of caller', async () => {
    const spec = (await ctx.app.inject({ method: 'GET', url: '/docs/json' })).json();
    const operations: { method: string; path: string; access: string; documented: string[] }[] = [];
    for (const [fullPath, item] of Object.entries<Record<string, Json>>(spec.paths)) {
      if (!fullPath.startsWith('/api/v1/')) continue;
      for (const [method, operation] of Object.entries(item)) {
        if (method === 'head') continue;
        const access = operation['x-samspil-access'];
        expect(access, `${method} ${fullPath}`).toBeTypeOf('string');
        expect(operation.description, `${method} ${fullPath}`).toContain('Who may call this');
        if (access !== 'public') {
          expect(operation.security).toEqual([{ session: [] }, { bearer: [] }]);
        }
        const path = fullPath.slice(7);
        expect(access, `${method} ${path}`).toBe(intended(method.toUpperCase(), path));
        const documented = Object.keys(operation.responses ?? {});
        operations.push({ method: method.toUpperCase(), path, access, documented });
      }
    }
    // The map is deleted last of all, by its owner last of all.
    const isMapDelete = (op: { method: string; path: string }) =>
      op.method === 'DELETE' && op.path === '/maps/{mapId}';
    operations.sort((a, b) => Number(isMapDelete(a)) - Number(isMapDelete(b)));
    expect(operations.length).toBeGreaterThan(60);

    const counts: Record<string, number> = { granted: 0, 401: 0, 403: 0, 404: 0 };
    const wrong: string[] = [];
    for (const op of operations) {
      const order = isMapDelete(op) ? [...WHO.filter((w) => w !== 'owner'), 'owner' as Who] : WHO;
      for (const who of order) {
        const outcome = expected(op.access, who);
        const request = await prepare(op.method, op.path, who);
        const response = await as(who, op.method, request.url, request.body, request.file);
        counts[String(outcome)]!++;
        if (outcome !== 'granted' && !op.documented.includes(String(outcome))) {
          wrong.push(`${op.method} ${op.path}: answers ${outcome} to ${who}, undocumented`);
        }
        const ok =
          outcome === 'granted'
            ? response.status < 400
            : response.status === outcome && response.body?.error === DENIAL_CODE[outcome];
        if (!ok) {
          wrong.push(
            `${op.method} ${op.path} (${op.access}) as ${who}: expected ${outcome}, got ` +
              `${response.status} ${JSON.stringify(response.body).slice(0, 160)}`,
          );
        }
      }
    }
    const cells = operations.length * WHO.length;
    console.log(
      `access matrix: ${operations.length} routes × ${WHO.length} callers = ${cells} cells; ` +
        `granted ${counts.granted}, 401 ${counts[401]}, 403 ${counts[403]}, 404 ${counts[404]}`,
    );
    expect(wrong).toEqual([]);
    // The owner's delete went through, so the map is gone for them too.
    expect((await as('owner', 'GET', `/maps/${mapId}`)).status).toBe(404);
  }, 600_000);
});
