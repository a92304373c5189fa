import type { ManagedTransaction } from 'neo4j-driver';
import { ulid } from 'ulid';
import type { ApiToken, MapRole, User } from '../../../graph-schema/index.ts';
import type { Database } from '../db/database.ts';
import { int, toPlain } from '../db/values.ts';
import { decodeCursor, fullTextQuery, toPage, type Page } from './pagination.ts';

/**
 * Users and their credentials: passwords (as argon2id hashes), sessions, API tokens,
 * invitations and one-time sign-in links (each as the SHA-256 of its token). The callers hash;
 * no secret itself ever reaches this repository or the database.
 */

/** A user as the API shows it, from a `u` bound in Cypher. */
export const USER_PROJECTION = `u { .id, .email, .name, admin: coalesce(u.admin, false),
  invited: u.passwordHash IS NULL, createdAt: u.createdAt }`;

const toUser = (value: unknown) => toPlain(value) as User;

/** Who a credential belongs to, and their role on the map the request names (if any). */
export interface Resolved {
  user: User;
  role: MapRole | null;
  /** A session that was last refreshed over an hour ago, so its expiry moves on. */
  refresh?: boolean;
  tokenId?: string;
}

export interface ResolvedShare {
  id: string;
  mapId: string;
  label: string;
}

/** Sessions last this long after they were last used. */
export const SESSION_DAYS = 30;

/** The role a user has on a map, as Cypher that binds `role` from `u` and `$mapId`. */
const ROLE_ON_MAP = `OPTIONAL MATCH (u)-[r:HAS_ROLE]->(m:Map {id: $mapId}) WHERE m.deleting IS NULL
  WITH *, r.role AS role`;

export class AccessRepository {
  constructor(private readonly db: Database) {}

  async hasUsers(): Promise<boolean> {
    return this.db.read(async (tx) => {
      const result = await tx.run('MATCH (u:User) RETURN u.id AS id LIMIT 1');
      return result.records.length > 0;
    });
  }

  /** Creates a user; null when the email is taken. A user without a password is invited. */
  async createUser(input: {
    email: string;
    name: string;
    passwordHash: string | null;
    admin?: boolean;
  }): Promise<User | null> {
    return this.db.write((tx) => AccessRepository.createUserIn(tx, input));
  }

  static async createUserIn(
    tx: ManagedTransaction,
    input: { email: string; name: string; passwordHash: string | null; admin?: boolean },
  ): Promise<User | null> {
    const result = await tx.run(
      `MERGE (u:User {email: $email})
       ON CREATE SET u.id = $id, u.name = $name, u.passwordHash = $passwordHash,
         u.admin = $admin, u.createdAt = datetime(), u.updatedAt = datetime(), u._new = true
       WITH u, u._new IS NOT NULL AS created REMOVE u._new
       RETURN created, ${USER_PROJECTION} AS user`,
      {
        id: ulid(),
        email: input.email.toLowerCase(),
        name: input.name,
        passwordHash: input.passwordHash,
        admin: input.admin ?? false,
      },
    );
    const record = result.records[0]!;
    return record.get('created') ? toUser(record.get('user')) : null;
  }

  async userById(id: string): Promise<User | null> {
    return this.db.read(async (tx) => {
      const result = await tx.run(`MATCH (u:User {id: $id}) RETURN ${USER_PROJECTION} AS user`, {
        id,
      });
      const record = result.records[0];
      return record ? toUser(record.get('user')) : null;
    });
  }

  async userByEmail(email: string): Promise<User | null> {
    return this.db.read(async (tx) => {
      const result = await tx.run(
        `MATCH (u:User {email: $email}) RETURN ${USER_PROJECTION} AS user`,
        { email: email.toLowerCase() },
      );
      const record = result.records[0];
      return record ? toUser(record.get('user')) : null;
    });
  }

  /** The user and stored password hash for a sign-in; null for an unknown email. */
  async credentials(email: string): Promise<{ user: User; passwordHash: string | null } | null> {
    return this.db.read(async (tx) => {
      const result = await tx.run(
        `MATCH (u:User {email: $email})
         RETURN ${USER_PROJECTION} AS user, u.passwordHash AS passwordHash`,
        { email: email.toLowerCase() },
      );
      const record = result.records[0];
      return record
        ? {
            user: toUser(record.get('user')),
            passwordHash: record.get('passwordHash') as string | null,
          }
        : null;
    });
  }

  async passwordHash(userId: string): Promise<string | null> {
    return this.db.read(async (tx) => {
      const result = await tx.run('MATCH (u:User {id: $userId}) RETURN u.passwordHash AS hash', {
        userId,
      });
      return (result.records[0]?.get('hash') as string | null | undefined) ?? null;
    });
  }

  /** Sets a new password and ends every session of the user except `keepSessionHash`. */
  async setPassword(userId: string, passwordHash: string, keepSessionHash?: string): Promise<void> {
    await this.db.write(async (tx) => {
      await tx.run(
        'MATCH (u:User {id: $userId}) SET u.passwordHash = $passwordHash, u.updatedAt = datetime()',
        { userId, passwordHash },
      );
      await tx.run(
        `MATCH (s:Session)-[:OF_USER]->(:User {id: $userId})
         WHERE $keep IS NULL OR s.tokenHash <> $keep DETACH DELETE s`,
        { userId, keep: keepSessionHash ?? null },
      );
    });
  }

  async listUsers(query: { q?: string; limit?: number; cursor?: string }): Promise<Page<User>> {
    const limit = query.limit ?? 100;
    const after = decodeCursor(query.cursor);
    const words = query.q === undefined ? null : fullTextQuery(query.q);
    if (query.q !== undefined && words === null) return { items: [], nextCursor: null };
    return this.db.read(async (tx) => {
      const result = await tx.run(
        `MATCH (u:User) WHERE ($after IS NULL OR u.id > $after)
           AND ($q IS NULL OR toLower(u.name) CONTAINS $q OR u.email CONTAINS $q)
         WITH u ORDER BY u.id LIMIT $limit RETURN ${USER_PROJECTION} AS user`,
        { after, q: query.q?.toLowerCase() ?? null, limit: int(limit + 1) },
      );
      return toPage(
        result.records.map((record) => toUser(record.get('user'))),
        limit,
      );
    });
  }

  async updateUser(id: string, patch: { name?: string; admin?: boolean }): Promise<User | null> {
    return this.db.write(async (tx) => {
      const result = await tx.run(
        `MATCH (u:User {id: $id})
         SET u.name = coalesce($name, u.name), u.admin = coalesce($admin, u.admin),
             u.updatedAt = datetime()
         RETURN ${USER_PROJECTION} AS user`,
        { id, name: patch.name ?? null, admin: patch.admin ?? null },
      );
      const record = result.records[0];
      return record ? toUser(record.get('user')) : null;
    });
  }

  /** The first administrator there was: the first owner the app created. */
  async firstAdmin(): Promise<User | null> {
    return this.db.read(async (tx) => {
      const result = await tx.run(
        `MATCH (u:User) WHERE u.admin = true
         RETURN ${USER_PROJECTION} AS user ORDER BY u.createdAt, u.id LIMIT 1`,
      );
      const record = result.records[0];
      return record ? toUser(record.get('user')) : null;
    });
  }

  /* Sessions. */

  async createSession(userId: string, tokenHash: string): Promise<void> {
    await this.db.write((tx) =>
      tx.run(
        `MATCH (u:User {id: $userId})
         CREATE (s:Session {id: $id, tokenHash: $tokenHash, createdAt: datetime(),
           lastSeenAt: datetime(), expiresAt: datetime() + duration({days: $days})})
         CREATE (s)-[:OF_USER]->(u)
         WITH u
         OPTIONAL MATCH (old:Session)-[:OF_USER]->(u) WHERE old.expiresAt < datetime()
         DETACH DELETE old`,
        { userId, id: ulid(), tokenHash, days: int(SESSION_DAYS) },
      ),
    );
  }

  /** The user of a live session, with their role on `mapId`. */
  async resolveSession(tokenHash: string, mapId: string | null): Promise<Resolved | null> {
    return this.db.read(async (tx) => {
      const result = await tx.run(
        `MATCH (s:Session {tokenHash: $tokenHash})-[:OF_USER]->(u:User)
         WHERE s.expiresAt > datetime()
         ${ROLE_ON_MAP}
         RETURN ${USER_PROJECTION} AS user, role,
           s.lastSeenAt < datetime() - duration('PT1H') AS refresh`,
        { tokenHash, mapId },
      );
      const record = result.records[0];
      if (!record) return null;
      return {
        user: toUser(record.get('user')),
        role: record.get('role') as MapRole | null,
        refresh: record.get('refresh') as boolean,
      };
    });
  }

  /** Moves a session's expiry on; done at most once an hour per session. */
  async refreshSession(tokenHash: string): Promise<void> {
    await this.db.write((tx) =>
      tx.run(
        `MATCH (s:Session {tokenHash: $tokenHash})
         SET s.lastSeenAt = datetime(), s.expiresAt = datetime() + duration({days: $days})`,
        { tokenHash, days: int(SESSION_DAYS) },
      ),
    );
  }

  async deleteSession(tokenHash: string): Promise<void> {
    await this.db.write((tx) =>
      tx.run('MATCH (s:Session {tokenHash: $tokenHash}) DETACH DELETE s', { tokenHash }),
    );
  }

  /* API tokens. */

  async createToken(userId: string, name: string, tokenHash: string): Promise<ApiToken> {
    return this.db.write(async (tx) => {
      const result = await tx.run(
        `MATCH (u:User {id: $userId})
         CREATE (t:ApiToken {id: $id, name: $name, tokenHash: $tokenHash, createdAt: datetime()})
         CREATE (t)-[:OF_USER]->(u)
         RETURN t { .id, .name, .createdAt, lastUsedAt: null } AS token`,
        { userId, id: ulid(), name, tokenHash },
      );
      return toPlain(result.records[0]!.get('token')) as ApiToken;
    });
  }

  async listTokens(userId: string): Promise<ApiToken[]> {
    return this.db.read(async (tx) => {
      const result = await tx.run(
        `MATCH (t:ApiToken)-[:OF_USER]->(:User {id: $userId})
         RETURN t { .id, .name, .createdAt, .lastUsedAt } AS token ORDER BY t.createdAt DESC`,
        { userId },
      );
      return result.records.map((record) => toPlain(record.get('token')) as ApiToken);
    });
  }

  /** Revokes one of the user's tokens; false when the user has no such token. */
  async deleteToken(userId: string, tokenId: string): Promise<boolean> {
    return this.db.write(async (tx) => {
      const result = await tx.run(
        `MATCH (t:ApiToken {id: $tokenId})-[:OF_USER]->(:User {id: $userId})
         DETACH DELETE t RETURN count(*) AS deleted`,
        { userId, tokenId },
      );
      return Number(toPlain(result.records[0]!.get('deleted'))) > 0;
    });
  }

  /** The user of an API token, with their role on `mapId`. */
  async resolveToken(tokenHash: string, mapId: string | null): Promise<Resolved | null> {
    return this.db.read(async (tx) => {
      const result = await tx.run(
        `MATCH (t:ApiToken {tokenHash: $tokenHash})-[:OF_USER]->(u:User)
         ${ROLE_ON_MAP}
         RETURN ${USER_PROJECTION} AS user, role, t.id AS tokenId,
           coalesce(t.lastUsedAt < datetime() - duration('PT1H'), true) AS refresh`,
        { tokenHash, mapId },
      );
      const record = result.records[0];
      if (!record) return null;
      return {
        user: toUser(record.get('user')),
        role: record.get('role') as MapRole | null,
        tokenId: record.get('tokenId') as string,
        refresh: record.get('refresh') as boolean,
      };
    });
  }

  /** Notes when a token was last used, to the hour (so a busy script writes once an hour). */
  async touchToken(tokenId: string): Promise<void> {
    await this.db.write((tx) =>
      tx.run('MATCH (t:ApiToken {id: $tokenId}) SET t.lastUsedAt = datetime()', { tokenId }),
    );
  }

  /* Share links, as a credential (the owner's side is in MemberRepository). */

  async resolveShare(tokenHash: string): Promise<ResolvedShare | null> {
    return this.db.read(async (tx) => {
      const result = await tx.run(
        `MATCH (l:ShareLink {tokenHash: $tokenHash})
         WHERE l.revokedAt IS NULL AND (l.expiresAt IS NULL OR l.expiresAt > datetime())
         MATCH (m:Map {id: l.mapId}) WHERE m.deleting IS NULL
         RETURN l { .id, .mapId, .label } AS link`,
        { tokenHash },
      );
      const record = result.records[0];
      return record ? (record.get('link') as ResolvedShare) : null;
    });
  }

  /* Invitations and one-time sign-in links. */

  /** A new invitation for a user who has no password yet; earlier invitations stop working. */
  static async inviteIn(
    tx: ManagedTransaction,
    userId: string,
    tokenHash: string,
    days = 14,
  ): Promise<void> {
    await tx.run(
      `MATCH (u:User {id: $userId})
       OPTIONAL MATCH (old:Invitation)-[:OF_USER]->(u)
       DETACH DELETE old
       WITH DISTINCT u
       CREATE (i:Invitation {id: $id, tokenHash: $tokenHash, createdAt: datetime(),
         expiresAt: datetime() + duration({days: $days})})
       CREATE (i)-[:OF_USER]->(u)`,
      { userId, id: ulid(), tokenHash, days: int(days) },
    );
  }

  async invite(userId: string, tokenHash: string): Promise<void> {
    await this.db.write((tx) => AccessRepository.inviteIn(tx, userId, tokenHash));
  }

  /** The invited email of a live invitation; null when it is unknown, used or expired. */
  async invitation(tokenHash: string): Promise<{ email: string; expiresAt: string } | null> {
    return this.db.read(async (tx) => {
      const result = await tx.run(
        `MATCH (i:Invitation {tokenHash: $tokenHash})-[:OF_USER]->(u:User)
         WHERE i.expiresAt > datetime()
         RETURN u.email AS email, i.expiresAt AS expiresAt`,
        { tokenHash },
      );
      const record = result.records[0];
      return record ? (toPlain(record.toObject()) as { email: string; expiresAt: string }) : null;
    });
  }

  /** Accepts an invitation: sets the name and password, once. Null when it is not live. */
  async acceptInvitation(
    tokenHash: string,
    name: string,
    passwordHash: string,
  ): Promise<User | null> {
    return this.db.write(async (tx) => {
      const result = await tx.run(
        `MATCH (i:Invitation {tokenHash: $tokenHash})-[:OF_USER]->(u:User)
         WHERE i.expiresAt > datetime()
         DETACH DELETE i
         SET u.name = $name, u.passwordHash = $passwordHash, u.updatedAt = datetime()
         RETURN ${USER_PROJECTION} AS user`,
        { tokenHash, name, passwordHash },
      );
      const record = result.records[0];
      return record ? toUser(record.get('user')) : null;
    });
  }

  async createSignInLink(userId: string, tokenHash: string, minutes = 15): Promise<void> {
    await this.db.write((tx) =>
      tx.run(
        `MATCH (u:User {id: $userId})
         OPTIONAL MATCH (old:SignInLink) WHERE old.expiresAt < datetime()
         DETACH DELETE old
         WITH DISTINCT u
         CREATE (l:SignInLink {id: $id, tokenHash: $tokenHash, createdAt: datetime(),
           expiresAt: datetime() + duration({minutes: $minutes})})
         CREATE (l)-[:OF_USER]->(u)`,
        { userId, id: ulid(), tokenHash, minutes: int(minutes) },
      ),
    );
  }

  /** Uses up a sign-in link: its user, once, while it is live; null otherwise. */
  async consumeSignInLink(tokenHash: string): Promise<User | null> {
    return this.db.write(async (tx) => {
      const result = await tx.run(
        `MATCH (l:SignInLink {tokenHash: $tokenHash})-[:OF_USER]->(u:User)
         WITH l, u, l.expiresAt > datetime() AS live
         DETACH DELETE l
         WITH u, live WHERE live
         RETURN ${USER_PROJECTION} AS user`,
        { tokenHash },
      );
      const record = result.records[0];
      return record ? toUser(record.get('user')) : null;
    });
  }
}
