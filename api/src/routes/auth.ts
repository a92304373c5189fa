import rateLimit from '@fastify/rate-limit';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import {
  ApiTokenSchema,
  IdSchema,
  InvitationAcceptSchema,
  InvitationSchema,
  LoginSchema,
  MeSchema,
  PasswordChangeSchema,
  TokenCreatedSchema,
  TokenCreateSchema,
  type User,
} from '../../../graph-schema/index.ts';
import { checkPassword, hashPassword, hashToken, newToken } from '../auth/secrets.ts';
import { AppError, errors } from '../errors.ts';
import { endSession, startSession } from '../plugins/access.ts';
import { errorResponses } from './common.ts';

/** Sign-in attempts per client address and minute, and per email and quarter of an hour. */
export const SIGN_IN_LIMITS = { perAddress: 30, perEmail: 10 } as const;

/** A token handed out in a link: looked up by its hash, so any text is safe to accept. */
const LinkToken = Type.String({ minLength: 1, maxLength: 100 });

const invitationNotFound = () =>
  new AppError(
    404,
    'invitation_not_found',
    'This invitation link is not valid: it was used, replaced by a newer one, or has expired.',
    [],
  );

/**
 * Signing in and out, the caller's own account, API tokens, invitations and one-time sign-in
 * links. A wrong password and an unknown email get the same answer after the same work (see
 * `checkPassword`), and every check of a password counts against the sign-in rate limits.
 */
const auth: FastifyPluginAsyncTypebox = async (fastify) => {
  // Its own limits, kept in this process: with several processes each counts for itself, which
  // still bounds guessing to a small multiple of the limit.
  await fastify.register(rateLimit, { global: false });
  const perAddress = fastify.createRateLimit({
    max: SIGN_IN_LIMITS.perAddress,
    timeWindow: 60_000,
    keyGenerator: (request) => `sign-in-address:${request.ip}`,
  });
  const perEmail = fastify.createRateLimit({
    max: SIGN_IN_LIMITS.perEmail,
    timeWindow: 15 * 60_000,
    keyGenerator: (request) => {
      const body = request.body as { email?: unknown } | undefined;
      const email = request.auth?.user?.email ?? body?.email;
      return `sign-in-email:${String(email ?? '').toLowerCase()}`;
    },
  });

  /** Counts a password check; 429 with `Retry-After` past either limit. */
  async function limitSignIn(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    for (const limiter of [perAddress, perEmail]) {
      const result = await limiter(request);
      if (!result.isAllowed && result.isExceeded) {
        reply.header('retry-after', String(result.ttlInSeconds));
        throw new AppError(
          429,
          'rate_limited',
          `Too many sign-in attempts. Try again in ${result.ttlInSeconds} seconds.`,
          [{ retryAfterSeconds: result.ttlInSeconds }],
        );
      }
    }
  }

  /** The user whose email and password these are; 401 `invalid_login` for any mismatch. */
  async function signIn(
    request: FastifyRequest,
    reply: FastifyReply,
    email: string,
    password: string,
  ): Promise<User> {
    await limitSignIn(request, reply);
    const found = await fastify.repos.access.credentials(email);
    const ok = await checkPassword(found?.passwordHash ?? null, password);
    if (!found || !ok) throw errors.invalidLogin();
    return found.user;
  }

  fastify.post(
    '/auth/login',
    {
      config: { access: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'Sign in: sets the session cookie',
        description:
          'The cookie is HttpOnly and SameSite=Lax (and Secure over https). A wrong password ' +
          'and an unknown email get the same 401 `invalid_login`. Limited to ' +
          `${SIGN_IN_LIMITS.perAddress} attempts a minute per address and ` +
          `${SIGN_IN_LIMITS.perEmail} per email and quarter of an hour (429 \`rate_limited\`).`,
        body: LoginSchema,
        response: { 200: MeSchema, ...errorResponses(400, 401, 429) },
      },
    },
    async (request, reply) => {
      const user = await signIn(request, reply, request.body.email, request.body.password);
      await endSession(request, reply);
      await startSession(request, reply, user);
      return { user, via: 'session' as const };
    },
  );

  fastify.post(
    '/auth/logout',
    {
      config: { access: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'Sign out: ends the session and clears its cookie',
        response: { 204: Type.Null(), ...errorResponses(403) },
      },
    },
    async (request, reply) => {
      await endSession(request, reply);
      return reply.status(204).send(null);
    },
  );

  fastify.get(
    '/auth/me',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['auth'],
        summary: 'Who you are signed in as',
        response: { 200: MeSchema, ...errorResponses(401, 403) },
      },
    },
    async (request) => ({
      user: request.auth.user!,
      via: request.auth.via === 'token' ? ('token' as const) : ('session' as const),
    }),
  );

  fastify.post(
    '/auth/password',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['auth'],
        summary: 'Change your password; your other sessions end',
        body: PasswordChangeSchema,
        response: { 204: Type.Null(), ...errorResponses(400, 401, 403, 429) },
      },
    },
    async (request, reply) => {
      const user = request.auth.user!;
      await limitSignIn(request, reply);
      const stored = await fastify.repos.access.passwordHash(user.id);
      if (!(await checkPassword(stored, request.body.currentPassword))) {
        throw errors.invalid(
          [
            {
              path: '/currentPassword',
              message: 'is not your current password',
              keyword: 'wrong_password',
            },
          ],
          'The current password is not right.',
        );
      }
      await fastify.repos.access.setPassword(
        user.id,
        await hashPassword(request.body.newPassword),
        request.auth.sessionHash ?? undefined,
      );
      return reply.status(204).send(null);
    },
  );

  fastify.post(
    '/auth/tokens',
    {
      config: { access: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'Create an API token for scripts',
        description:
          'Send `{email, password, name}`, or only `{name}` from a signed-in session. The answer ' +
          'holds the token once; only its hash is kept. Send it as `Authorization: Bearer <token>`. ' +
          'An API token cannot make more tokens.',
        body: TokenCreateSchema,
        response: { 201: TokenCreatedSchema, ...errorResponses(400, 401, 403, 429) },
      },
    },
    async (request, reply) => {
      const { name, email, password } = request.body;
      let user: User;
      if (email !== undefined || password !== undefined) {
        if (email === undefined || password === undefined) {
          throw errors.invalid(
            [{ path: email === undefined ? '/email' : '/password', message: 'is required' }],
            'Send both email and password, or neither from a signed-in session.',
          );
        }
        user = await signIn(request, reply, email, password);
      } else if (request.auth.via === 'session') {
        user = request.auth.user!;
      } else if (request.auth.user) {
        throw errors.forbidden('session (or email and password)');
      } else {
        throw errors.unauthenticated(request.auth.invalid ? 'invalid' : 'missing');
      }
      const token = newToken('apiToken');
      const created = await fastify.repos.access.createToken(user.id, name, hashToken(token));
      return reply.status(201).send({ ...created, token });
    },
  );

  fastify.get(
    '/auth/tokens',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['auth'],
        summary: 'Your API tokens (without their secret)',
        response: {
          200: Type.Object({ items: Type.Array(ApiTokenSchema) }),
          ...errorResponses(401, 403),
        },
      },
    },
    async (request) => ({ items: await fastify.repos.access.listTokens(request.auth.user!.id) }),
  );

  fastify.delete(
    '/auth/tokens/:tokenId',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['auth'],
        summary: 'Revoke one of your API tokens',
        params: Type.Object({ tokenId: IdSchema }, { additionalProperties: false }),
        response: { 204: Type.Null(), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const { tokenId } = request.params;
      if (!(await fastify.repos.access.deleteToken(request.auth.user!.id, tokenId))) {
        throw errors.notFound('API token', tokenId);
      }
      return reply.status(204).send(null);
    },
  );

  fastify.get(
    '/auth/link/:token',
    {
      config: { access: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'Open a one-time sign-in link: signs in and opens the web app',
        description:
          'The start banner prints such a link for the first owner; it works once, for 15 ' +
          'minutes. Redirects (303) to `/`, signed in, or to the sign-in page when the link is ' +
          'used or expired.',
        params: Type.Object({ token: LinkToken }, { additionalProperties: false }),
        response: { 303: Type.Null(), ...errorResponses(400) },
      },
    },
    async (request, reply) => {
      const user = await fastify.repos.access.consumeSignInLink(hashToken(request.params.token));
      if (!user) return reply.redirect('/#/sign-in?link=expired', 303);
      await endSession(request, reply);
      await startSession(request, reply, user);
      return reply.redirect('/', 303);
    },
  );

  fastify.get(
    '/auth/invitations/:token',
    {
      config: { access: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'The email an invitation is for',
        params: Type.Object({ token: LinkToken }, { additionalProperties: false }),
        response: { 200: InvitationSchema, ...errorResponses(400, 404) },
      },
    },
    async (request) => {
      const invitation = await fastify.repos.access.invitation(hashToken(request.params.token));
      if (!invitation) throw invitationNotFound();
      return invitation;
    },
  );

  fastify.post(
    '/auth/invitations/:token/accept',
    {
      config: { access: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'Accept an invitation: choose your name and password, and be signed in',
        params: Type.Object({ token: LinkToken }, { additionalProperties: false }),
        body: InvitationAcceptSchema,
        response: { 200: MeSchema, ...errorResponses(400, 404) },
      },
    },
    async (request, reply) => {
      const user = await fastify.repos.access.acceptInvitation(
        hashToken(request.params.token),
        request.body.name,
        await hashPassword(request.body.password),
      );
      if (!user) throw invitationNotFound();
      await endSession(request, reply);
      await startSession(request, reply, user);
      return { user, via: 'session' as const };
    },
  );
};

export default auth;
