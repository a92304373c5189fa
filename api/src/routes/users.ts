import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import {
  IdSchema,
  ListQuerySchema,
  Page,
  UserCreatedSchema,
  UserCreateSchema,
  UserPatchSchema,
  UserSchema,
} from '../../../graph-schema/index.ts';
import { hashToken, newToken } from '../auth/secrets.ts';
import { AppError, errors } from '../errors.ts';
import { publicOrigin } from '../plugins/access.ts';
import { errorResponses } from './common.ts';

export interface UserRouteOptions {
  publicUrl?: string;
}

/** The instance's users, for administrators: list them, invite one, name other administrators. */
const users: FastifyPluginAsyncTypebox<UserRouteOptions> = async (fastify, options) => {
  const repo = fastify.repos.access;

  fastify.get(
    '/users',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['access'],
        summary: 'List users',
        querystring: Type.Object(ListQuerySchema, { additionalProperties: false }),
        response: { 200: Page(UserSchema), ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => repo.listUsers(request.query),
  );

  fastify.post(
    '/users',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['access'],
        summary: 'Invite a user (with no map yet)',
        description:
          'The answer holds the `invitationUrl` once. 409 `email_taken` if the email has an account.',
        body: UserCreateSchema,
        response: { 201: UserCreatedSchema, ...errorResponses(400, 401, 403, 409) },
      },
    },
    async (request, reply) => {
      const { email, name, admin } = request.body;
      const user = await repo.createUser({
        email,
        name: name ?? email.split('@')[0] ?? email,
        passwordHash: null,
        admin,
      });
      if (!user) {
        throw new AppError(409, 'email_taken', `${email} already has an account.`, [{ email }]);
      }
      const token = newToken('invitation');
      await repo.invite(user.id, hashToken(token));
      const invitationUrl = `${publicOrigin(request, options.publicUrl)}/#/invite/${token}`;
      return reply.status(201).send({ user, invitationUrl });
    },
  );

  fastify.patch(
    '/users/:userId',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['access'],
        summary: "Change a user's name, or make them an administrator (or not)",
        params: Type.Object({ userId: IdSchema }, { additionalProperties: false }),
        body: UserPatchSchema,
        response: { 200: UserSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const { userId } = request.params;
      if (request.body.admin === false && userId === request.auth.user!.id) {
        throw new AppError(
          409,
          'last_admin',
          'You cannot take away your own administrator role; ask another administrator.',
          [],
        );
      }
      const user = await repo.updateUser(userId, request.body);
      if (!user) throw errors.notFound('user', userId);
      return user;
    },
  );
};

export default users;
