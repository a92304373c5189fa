import { Type, type Static } from 'typebox';
import { IdSchema, NameSchema, Nullable, StringEnum, TimestampSchema } from './common.ts';
import { MapSchema } from './entities.ts';

/**
 * People and access (docs/access.md): users, their sessions and API tokens, roles on maps,
 * invitations and read-only share links. No schema here carries a stored secret: a token appears
 * once, in the answer that creates it, and nowhere else.
 */

/** A role on one map, highest first: an owner manages members and the map, an editor edits. */
export const MAP_ROLES = ['owner', 'editor', 'viewer'] as const;
export type MapRole = (typeof MAP_ROLES)[number];

/** How the caller reads a map: by a role, or through a read-only share link (`link`). */
export const MAP_ACCESS = [...MAP_ROLES, 'link'] as const;
export type MapAccess = (typeof MAP_ACCESS)[number];

/**
 * An email address as people type it; compared in lower case. Deliberately loose (one `@`, no
 * spaces), because `admin@localhost` and internal domains are real addresses here.
 */
export const EmailSchema = Type.String({
  minLength: 3,
  maxLength: 254,
  pattern: '^[^\\s@]+@[^\\s@]+$',
  description: 'Email address',
});

/** A password being checked: any length, so a wrong one never gets a different error. */
const GivenPassword = Type.String({ minLength: 1, maxLength: 1000 });

/** A new password: at least 10 characters (long passphrases welcome). */
export const NewPasswordSchema = Type.String({
  minLength: 10,
  maxLength: 1000,
  description: 'At least 10 characters',
});

export const UserSchema = Type.Object(
  {
    id: IdSchema,
    email: Type.String(),
    name: Type.String(),
    admin: Type.Boolean({ description: 'Instance administrator: lists users, creates maps' }),
    invited: Type.Boolean({ description: 'Invited and has not set a password yet' }),
    createdAt: TimestampSchema,
  },
  { additionalProperties: false, title: 'User' },
);
export type User = Static<typeof UserSchema>;

export const MeSchema = Type.Object(
  {
    user: UserSchema,
    via: StringEnum(['session', 'token'] as const, 'How this request was signed in'),
  },
  { additionalProperties: false },
);
export type Me = Static<typeof MeSchema>;

export const LoginSchema = Type.Object(
  { email: EmailSchema, password: GivenPassword },
  { additionalProperties: false, title: 'Login' },
);
export type Login = Static<typeof LoginSchema>;

export const PasswordChangeSchema = Type.Object(
  { currentPassword: GivenPassword, newPassword: NewPasswordSchema },
  { additionalProperties: false },
);

/** From a session `{name}`; from anywhere else `{email, password, name}`. */
export const TokenCreateSchema = Type.Object(
  {
    name: Type.String({ ...NameSchema, description: 'What the token is for, e.g. "backup"' }),
    email: Type.Optional(EmailSchema),
    password: Type.Optional(GivenPassword),
  },
  { additionalProperties: false },
);
export type TokenCreate = Static<typeof TokenCreateSchema>;

export const ApiTokenSchema = Type.Object(
  {
    id: IdSchema,
    name: Type.String(),
    createdAt: TimestampSchema,
    lastUsedAt: Nullable(TimestampSchema),
  },
  { additionalProperties: false, title: 'ApiToken' },
);
export type ApiToken = Static<typeof ApiTokenSchema>;

export const TokenCreatedSchema = Type.Object(
  {
    ...ApiTokenSchema.properties,
    token: Type.String({
      description: 'Send as `Authorization: Bearer <token>`. Shown only in this answer.',
    }),
  },
  { additionalProperties: false },
);

export const MemberSchema = Type.Object(
  {
    userId: IdSchema,
    email: Type.String(),
    name: Type.String(),
    role: StringEnum(MAP_ROLES),
    invited: Type.Boolean({ description: 'Has not accepted the invitation yet' }),
    since: TimestampSchema,
  },
  { additionalProperties: false, title: 'Member' },
);
export type Member = Static<typeof MemberSchema>;

export const MemberAddSchema = Type.Object(
  { email: EmailSchema, role: StringEnum(MAP_ROLES) },
  { additionalProperties: false },
);

export const MemberPatchSchema = Type.Object(
  { role: StringEnum(MAP_ROLES) },
  { additionalProperties: false },
);

const InvitationUrl = Nullable(
  Type.String({
    description:
      'For an email that had no account: the link that lets that person set a password. ' +
      'There is no mail server, so pass it on yourself; it is shown only in this answer.',
  }),
);

export const MemberAddedSchema = Type.Object(
  { member: MemberSchema, invitationUrl: InvitationUrl },
  { additionalProperties: false },
);
export type MemberAdded = Static<typeof MemberAddedSchema>;

export const UserCreateSchema = Type.Object(
  {
    email: EmailSchema,
    name: Type.Optional(NameSchema),
    admin: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export const UserPatchSchema = Type.Object(
  { name: Type.Optional(NameSchema), admin: Type.Optional(Type.Boolean()) },
  { additionalProperties: false, minProperties: 1 },
);

export const UserCreatedSchema = Type.Object(
  { user: UserSchema, invitationUrl: InvitationUrl },
  { additionalProperties: false },
);

export const InvitationSchema = Type.Object(
  { email: Type.String(), expiresAt: TimestampSchema },
  { additionalProperties: false, title: 'Invitation' },
);

export const InvitationAcceptSchema = Type.Object(
  { name: NameSchema, password: NewPasswordSchema },
  { additionalProperties: false },
);

export const ShareLinkSchema = Type.Object(
  {
    id: IdSchema,
    label: Type.String(),
    createdAt: TimestampSchema,
    expiresAt: Nullable(TimestampSchema),
    revokedAt: Nullable(TimestampSchema),
    active: Type.Boolean({ description: 'Neither revoked nor expired' }),
    createdBy: Nullable(Type.Object({ id: Type.String(), name: Type.String() })),
  },
  { additionalProperties: false, title: 'ShareLink' },
);
export type ShareLink = Static<typeof ShareLinkSchema>;

export const ShareLinkCreateSchema = Type.Object(
  {
    label: Type.String({ ...NameSchema, description: 'Who or what the link is for' }),
    expiresAt: Type.Optional(
      Type.String({ ...TimestampSchema, description: 'When the link stops working (optional)' }),
    ),
  },
  { additionalProperties: false },
);

export const ShareLinkCreatedSchema = Type.Object(
  {
    ...ShareLinkSchema.properties,
    url: Type.String({ description: 'Opens the web app on this map, read-only' }),
    token: Type.String({
      description: 'The link’s secret, for `Authorization: Bearer`. Shown only in this answer.',
    }),
  },
  { additionalProperties: false },
);
export type ShareLinkCreated = Static<typeof ShareLinkCreatedSchema>;

/** A map as its reader sees it: with the caller's own access to it. */
export const MapWithAccessSchema = Type.Object(
  {
    ...MapSchema.properties,
    access: StringEnum(MAP_ACCESS, 'Your role on this map, or `link` for a share link'),
  },
  { additionalProperties: false, title: 'MapWithAccess' },
);
export type MapWithAccess = Static<typeof MapWithAccessSchema>;
