import cookie from '@fastify/cookie';
import type { FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import fp from 'fastify-plugin';
import { ErrorSchema, ID_PATTERN, type MapAccess, type User } from '../../../graph-schema/index.ts';
import { hashToken, newToken, tokenKind } from '../auth/secrets.ts';
import { DatabaseUnavailableError } from '../db/database.ts';
import { errors } from '../errors.ts';
import { SESSION_DAYS, type ResolvedShare } from '../repositories/access-repository.ts';
import type { Principal } from '../repositories/map-write.ts';
import { MAP_LEVELS, type Access } from '../routes/access.ts';

/**
 * Who is asking, and may they (docs/access.md). One `onRequest` hook, before any body is read:
 * 1. Authentication: `Authorization: Bearer` with an API token or a share link's token, else the
 *    session cookie. Each is looked up in Neo4j by its hash, together with the caller's role on
 *    the map the path names, in one query; so any number of API processes share sessions.
 * 2. CSRF: a change made with the session cookie must carry `X-Samspil-CSRF: 1` and come from
 *    this site (`Origin`, else `Referer`). A page elsewhere cannot send that header without a
 *    CORS preflight, which this API never grants; a bearer token is never sent by a browser on
 *    its own, so bearer requests need neither.
 * 3. Authorization against the route's declared `config.access`. A map the caller has no role
 *    on answers 404 `map_not_found`, as an unknown map does, so ids do not leak.
 * Every route must declare its access: the app refuses to start otherwise.
 */

export const SESSION_COOKIE = 'samspil_session';
export const CSRF_HEADER = 'x-samspil-csrf';

/** What the hook found out about the request. */
export interface Auth {
  user: User | null;
  via: 'session' | 'token' | 'share' | null;
  share: ResolvedShare | null;
  /** The caller's access to the map in the path (`request.params.mapId`), if any. */
  role: MapAccess | null;
  sessionHash: string | null;
  tokenId: string | null;
  /** Credentials were sent but are not (or no longer) valid. */
  invalid: boolean;
}

declare module 'fastify' {
  interface FastifyRequest {
    auth: Auth;
  }
}

export interface AccessOptions {
  /** The address people open, for links the API hands out; else the request's own origin. */
  publicUrl?: string;
}

const RANK = { viewer: 1, editor: 2, owner: 3 } as const;
const ID = new RegExp(ID_PATTERN);
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Paths registered by plugins of others that are public by nature: the API documentation. */
const PUBLIC_PREFIXES = ['/docs'];

const anonymous = (): Auth => ({
  user: null,
  via: null,
  share: null,
  role: null,
  sessionHash: null,
  tokenId: null,
  invalid: false,
});

function cookieOptions(request: FastifyRequest) {
  return {
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: request.protocol === 'https',
    maxAge: SESSION_DAYS * 24 * 60 * 60,
  };
}

/** Starts a session for `user` and sets its cookie. */
export async function startSession(
  request: FastifyRequest,
  reply: FastifyReply,
  user: User,
): Promise<void> {
  const token = newToken('session');
  await request.server.repos.access.createSession(user.id, hashToken(token));
  reply.setCookie(SESSION_COOKIE, token, cookieOptions(request));
}

/** Ends the request's session, if it has one, and clears the cookie. */
export async function endSession(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  const token = request.cookies[SESSION_COOKIE];
  if (token) await request.server.repos.access.deleteSession(hashToken(token));
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
}

/** The origin links are built on: PUBLIC_URL, else the one the request was sent to. */
export function publicOrigin(request: FastifyRequest, publicUrl?: string): string {
  if (publicUrl) return publicUrl.replace(/\/+$/, '');
  return `${request.protocol}://${request.host}`;
}

/** Whether `origin` (a URL) is this site: the request's own host, or PUBLIC_URL's origin. */
function sameSite(origin: string, request: FastifyRequest, publicUrl?: string): boolean {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (publicUrl && url.origin === new URL(publicUrl).origin) return true;
  try {
    // Through URL, so `localhost:80` and `localhost` compare equal over http.
    return url.host === new URL(`${url.protocol}//${request.headers.host ?? ''}`).host;
  } catch {
    return false;
  }
}

function principalOf(auth: Auth): Principal | undefined {
  if (auth.user) {
    return {
      type: auth.via === 'token' ? 'token' : 'user',
      id: auth.user.id,
      name: auth.user.name,
    };
  }
  if (auth.share) return { type: 'share', id: auth.share.id, name: auth.share.label };
  return undefined;
}

export default fp<AccessOptions>(
  async (fastify, options) => {
    await fastify.register(cookie);
    fastify.decorateRequest('auth', null as unknown as Auth);

    const routes: RouteOptions[] = [];
    fastify.addHook('onRoute', (route) => {
      if (!route.config?.access && PUBLIC_PREFIXES.some((prefix) => route.url.startsWith(prefix))) {
        route.config = { ...route.config, access: 'public', credentials: false };
      }
      routes.push(route);
      const access = route.config?.access;
      if (access && route.schema && !route.schema.hide) documentAccess(route, access);
      // A hook of the route's own, after those of plugins registered before this one (the write
      // limiter's): a flood is refused before its credentials cost a database read.
      route.onRequest = [route.onRequest ?? []].flat().concat(checkAccess);
    });

    // Routes are collected as they are added, and checked once all are in: a hook further in
    // (the web app's files) may still declare the access of the routes it adds.
    fastify.addHook('onReady', async () => {
      const problems = routes.flatMap((route) => {
        const access = route.config?.access;
        const name = `${[route.method].flat().join(',')} ${route.url}`;
        if (!access) return [`${name} declares no config.access`];
        if (MAP_LEVELS.has(access) && !route.url.includes(':mapId')) {
          return [`${name} needs a map role (${access}) but has no :mapId`];
        }
        return [];
      });
      if (problems.length > 0) {
        throw new Error(`Every route declares who may call it:\n  ${problems.join('\n  ')}`);
      }
    });

    async function checkAccess(request: FastifyRequest, reply: FastifyReply): Promise<void> {
      const access: Access = request.routeOptions.config?.access ?? 'public';
      if (access === 'public' && request.routeOptions.config?.credentials === false) {
        request.auth = anonymous();
        request.principal = principalOf(request.auth);
        return;
      }
      let auth: Auth;
      try {
        auth = await authenticate(request, reply);
      } catch (error) {
        // A public route answers without its caller: `/health` must still say that the database
        // is away, in its own words, while credentials cannot be looked up.
        if (access !== 'public' || !(error instanceof DatabaseUnavailableError)) throw error;
        auth = anonymous();
      }
      request.auth = auth;
      request.principal = principalOf(auth);

      if (auth.via === 'session' && !SAFE_METHODS.has(request.method)) {
        const origin = request.headers.origin ?? request.headers.referer;
        if (
          request.headers[CSRF_HEADER] !== '1' ||
          !origin ||
          !sameSite(origin, request, options.publicUrl)
        ) {
          throw errors.csrf();
        }
      }

      if (access === 'public') return;
      if (!auth.user && !auth.share) {
        reply.header('www-authenticate', 'Bearer');
        throw errors.unauthenticated(auth.invalid ? 'invalid' : 'missing');
      }
      if (access === 'authenticated') {
        if (!auth.user) throw errors.forbidden('signed-in user');
        return;
      }
      if (access === 'admin') {
        if (!auth.user?.admin) throw errors.forbidden('admin');
        return;
      }
      const mapId = String((request.params as { mapId?: unknown }).mapId ?? '');
      // No map has a malformed id: validation answers 400 for it, as it would without access.
      if (!ID.test(mapId)) return;
      if (!auth.role) throw errors.mapNotFound(mapId);
      if (auth.role === 'link') {
        if (access !== 'reader') throw errors.forbidden(access);
        return;
      }
      const needed = access === 'reader' ? 'viewer' : (access as keyof typeof RANK);
      if (RANK[auth.role] < RANK[needed]) throw errors.forbidden(needed);
    }

    /** Looks the request's credentials up; invalid ones make it anonymous, marked `invalid`. */
    async function authenticate(request: FastifyRequest, reply: FastifyReply): Promise<Auth> {
      const repos = fastify.repos.access;
      const mapIdParam = (request.params as { mapId?: unknown } | undefined)?.mapId;
      const mapId = typeof mapIdParam === 'string' ? mapIdParam : null;
      const header = request.headers.authorization;
      if (header !== undefined) {
        const token = /^Bearer +(\S+) *$/i.exec(header)?.[1] ?? '';
        const kind = tokenKind(token);
        if (kind === 'apiToken') {
          const found = await repos.resolveToken(hashToken(token), mapId);
          if (found) {
            if (found.refresh) await repos.touchToken(found.tokenId!);
            return {
              ...anonymous(),
              user: found.user,
              via: 'token',
              role: found.role,
              tokenId: found.tokenId!,
            };
          }
        } else if (kind === 'shareLink') {
          const share = await repos.resolveShare(hashToken(token));
          if (share) {
            return {
              ...anonymous(),
              via: 'share',
              share,
              role: share.mapId === mapId ? 'link' : null,
            };
          }
        }
        return { ...anonymous(), invalid: true };
      }
      const session = request.cookies[SESSION_COOKIE];
      if (session === undefined) return anonymous();
      const sessionHash = hashToken(session);
      const found = await repos.resolveSession(sessionHash, mapId);
      if (!found) {
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
        return { ...anonymous(), invalid: true };
      }
      if (found.refresh) {
        await repos.refreshSession(sessionHash);
        reply.setCookie(SESSION_COOKIE, session, cookieOptions(request));
      }
      return { ...anonymous(), user: found.user, via: 'session', role: found.role, sessionHash };
    }
  },
  { name: 'access' },
);

const LEVEL_TEXT: Record<Access, string> = {
  public: 'Anyone, signed in or not.',
  authenticated: 'A signed-in user (session cookie or API token).',
  reader: 'A viewer, editor or owner of the map, or a read-only share link of it.',
  viewer: 'A viewer, editor or owner of the map (not a share link).',
  editor: 'An editor or owner of the map.',
  owner: 'An owner of the map.',
  admin: 'An instance administrator.',
};

/** The access of a route in its OpenAPI operation: `x-samspil-access`, the text and `security`. */
function documentAccess(route: RouteOptions, access: Access): void {
  const schema = route.schema as Record<string, unknown>;
  if (schema['x-samspil-access']) return;
  schema['x-samspil-access'] = access;
  const who = `**Who may call this:** ${LEVEL_TEXT[access]}`;
  schema.description = schema.description ? `${String(schema.description)}\n\n${who}` : who;
  if (access !== 'public') schema.security = [{ session: [] }, { bearer: [] }];
  const response = schema.response as Record<string, unknown> | undefined;
  if (!response) return;
  // What this hook itself may answer: 401 without valid credentials, 403 for too low a role or a
  // session write without the CSRF header, 404 for a map the caller has no role on.
  const methods = [route.method].flat();
  const codes: number[] = [];
  if (access !== 'public') codes.push(401, 403);
  else if (methods.some((method) => !SAFE_METHODS.has(method))) codes.push(403);
  if (MAP_LEVELS.has(access)) codes.push(404);
  for (const code of codes) response[code] ??= ErrorSchema;
}
