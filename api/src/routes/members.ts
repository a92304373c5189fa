import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import {
  IdSchema,
  MemberAddedSchema,
  MemberAddSchema,
  MemberPatchSchema,
  MemberSchema,
  ShareLinkCreatedSchema,
  ShareLinkCreateSchema,
  ShareLinkSchema,
} from '../../../graph-schema/index.ts';
import { hashToken, newToken } from '../auth/secrets.ts';
import { errors } from '../errors.ts';
import { publicOrigin } from '../plugins/access.ts';
import { errorResponses, MapParams } from './common.ts';

const MemberParams = Type.Object(
  { mapId: IdSchema, userId: IdSchema },
  { additionalProperties: false },
);
const LinkParams = Type.Object(
  { mapId: IdSchema, linkId: IdSchema },
  { additionalProperties: false },
);

export interface MemberRouteOptions {
  publicUrl?: string;
}

/**
 * Who may use a map: its members with their roles, and its read-only share links. Owners manage
 * both; every member may see who else is on the map. Links the API hands out (invitations,
 * share links) carry their secret after `#`, so it never reaches a server log or a `Referer`.
 */
const members: FastifyPluginAsyncTypebox<MemberRouteOptions> = async (fastify, options) => {
  const repo = fastify.repos.members;

  fastify.get(
    '/maps/:mapId/members',
    {
      config: { access: 'viewer' },
      schema: {
        tags: ['access'],
        summary: "The map's members and their roles",
        params: MapParams,
        response: {
          200: Type.Object({ items: Type.Array(MemberSchema) }),
          ...errorResponses(401, 403, 404),
        },
      },
    },
    async (request) => ({ items: await repo.list(request.params.mapId) }),
  );

  fastify.post(
    '/maps/:mapId/members',
    {
      config: { access: 'owner' },
      schema: {
        tags: ['access'],
        summary: 'Add a person by email, with a role',
        description:
          'An email without an account gets one, invited: the answer then holds an ' +
          '`invitationUrl`, once, that lets the person choose a password (there is no mail ' +
          'server, so pass it on). 409 `already_member` if the person is on the map already.',
        params: MapParams,
        body: MemberAddSchema,
        response: { 201: MemberAddedSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const token = newToken('invitation');
      const { member, invited } = await repo.add(
        request.params.mapId,
        request.body.email,
        request.body.role,
        hashToken(token),
      );
      const invitationUrl = invited
        ? `${publicOrigin(request, options.publicUrl)}/#/invite/${token}`
        : null;
      return reply.status(201).send({ member, invitationUrl });
    },
  );

  fastify.patch(
    '/maps/:mapId/members/:userId',
    {
      config: { access: 'owner' },
      schema: {
        tags: ['access'],
        summary: "Change a member's role",
        description: 'A map keeps at least one owner: 409 `last_owner` otherwise.',
        params: MemberParams,
        body: MemberPatchSchema,
        response: { 200: MemberSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const { mapId, userId } = request.params;
      const member = await repo.setRole(mapId, userId, request.body.role);
      if (!member) throw errors.notFound('member', userId);
      return member;
    },
  );

  fastify.delete(
    '/maps/:mapId/members/:userId',
    {
      config: { access: 'owner' },
      schema: {
        tags: ['access'],
        summary: 'Take a member off the map',
        description: 'A map keeps at least one owner: 409 `last_owner` otherwise.',
        params: MemberParams,
        response: { 204: Type.Null(), ...errorResponses(401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const { mapId, userId } = request.params;
      if (!(await repo.remove(mapId, userId))) throw errors.notFound('member', userId);
      return reply.status(204).send(null);
    },
  );

  fastify.get(
    '/maps/:mapId/share-links',
    {
      config: { access: 'owner' },
      schema: {
        tags: ['access'],
        summary: "The map's share links, newest first (without their secret)",
        params: MapParams,
        response: {
          200: Type.Object({ items: Type.Array(ShareLinkSchema) }),
          ...errorResponses(401, 403, 404),
        },
      },
    },
    async (request) => ({ items: await repo.listShareLinks(request.params.mapId) }),
  );

  fastify.post(
    '/maps/:mapId/share-links',
    {
      config: { access: 'owner' },
      schema: {
        tags: ['access'],
        summary: 'Create a read-only share link',
        description:
          'The `url` opens the web app on this map, read-only, with no members or history. ' +
          'The API takes the `token` as `Authorization: Bearer <token>` for reads of this map ' +
          'only. Both are in this answer only; a revoked or expired link gets 401.',
        params: MapParams,
        body: ShareLinkCreateSchema,
        response: { 201: ShareLinkCreatedSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const { expiresAt } = request.body;
      if (expiresAt !== undefined && Date.parse(expiresAt) <= Date.now()) {
        throw errors.invalid(
          [{ path: '/expiresAt', message: 'must be in the future', keyword: 'future' }],
          'A share link must expire in the future.',
        );
      }
      const { mapId } = request.params;
      const token = newToken('shareLink');
      const principal = request.principal!;
      const link = await repo.createShareLink(mapId, request.body, hashToken(token), principal);
      const url = `${publicOrigin(request, options.publicUrl)}/#/maps/${encodeURIComponent(mapId)}?share=${token}`;
      return reply.status(201).send({ ...link, url, token });
    },
  );

  fastify.delete(
    '/maps/:mapId/share-links/:linkId',
    {
      config: { access: 'owner' },
      schema: {
        tags: ['access'],
        summary: 'Revoke a share link; it stops working at once',
        params: LinkParams,
        response: { 204: Type.Null(), ...errorResponses(401, 403, 404) },
      },
    },
    async (request, reply) => {
      const { mapId, linkId } = request.params;
      if (!(await repo.revokeShareLink(mapId, linkId))) throw errors.notFound('share link', linkId);
      return reply.status(204).send(null);
    },
  );
};

export default members;
