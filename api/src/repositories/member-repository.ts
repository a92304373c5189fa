import type { ManagedTransaction } from 'neo4j-driver';
import { ulid } from 'ulid';
import type { MapRole, Member, ShareLink } from '../../../graph-schema/index.ts';
import type { Database } from '../db/database.ts';
import { toPlain } from '../db/values.ts';
import { errors } from '../errors.ts';
import { AccessRepository } from './access-repository.ts';

/**
 * Who may use a map: roles, `(:User)-[:HAS_ROLE {role, since}]->(:Map)`, and read-only share
 * links, `(:ShareLink {mapId})`. Changes to either take the map node's write lock, so two owners
 * who demote each other at once cannot leave a map without an owner. They do not raise the
 * map's revision: who may read a map does not change what it says.
 */

const MEMBER_PROJECTION = `{ userId: u.id, email: u.email, name: u.name, role: r.role,
  invited: u.passwordHash IS NULL, since: r.since }`;

const SHARE_PROJECTION = `l { .id, .label, .createdAt, .expiresAt, .revokedAt,
  active: l.revokedAt IS NULL AND (l.expiresAt IS NULL OR l.expiresAt > datetime()),
  createdBy: CASE WHEN l.createdById IS NULL THEN null
    ELSE { id: l.createdById, name: coalesce(l.createdByName, '') } END }`;

/** Locks the map against other changes of its access; 404 for an unknown or deleting map. */
async function lockMap(tx: ManagedTransaction, mapId: string): Promise<void> {
  await tx.run('MATCH (m:Map {id: $mapId}) SET m._lock = true REMOVE m._lock', { mapId });
  const result = await tx.run(
    'MATCH (m:Map {id: $mapId}) WHERE m.deleting IS NULL RETURN m.id AS id',
    { mapId },
  );
  if (result.records.length === 0) throw errors.mapNotFound(mapId);
}

/** Throws 409 if taking `userId`'s owner role away would leave the map without an owner. */
async function keepAnOwner(tx: ManagedTransaction, mapId: string, userId: string): Promise<void> {
  const result = await tx.run(
    `MATCH (:User)-[r:HAS_ROLE {role: 'owner'}]->(:Map {id: $mapId})
     RETURN count(r) AS owners,
       EXISTS { (:User {id: $userId})-[:HAS_ROLE {role: 'owner'}]->(:Map {id: $mapId}) } AS isOwner`,
    { mapId, userId },
  );
  const record = result.records[0]!;
  if (record.get('isOwner') && Number(toPlain(record.get('owners'))) <= 1) {
    throw errors.lastOwner();
  }
}

export class MemberRepository {
  constructor(private readonly db: Database) {}

  /** Gives a user a role on a map, replacing any role they had (seeders, map creation). */
  async grant(mapId: string, userId: string, role: MapRole): Promise<void> {
    await this.db.write((tx) => MemberRepository.grantIn(tx, mapId, userId, role));
  }

  static async grantIn(
    tx: ManagedTransaction,
    mapId: string,
    userId: string,
    role: MapRole,
  ): Promise<void> {
    await tx.run(
      `MATCH (u:User {id: $userId}), (m:Map {id: $mapId})
       MERGE (u)-[r:HAS_ROLE]->(m)
       ON CREATE SET r.since = datetime()
       SET r.role = $role`,
      { mapId, userId, role },
    );
  }

  async list(mapId: string): Promise<Member[]> {
    return this.db.read(async (tx) => {
      const result = await tx.run(
        `MATCH (u:User)-[r:HAS_ROLE]->(:Map {id: $mapId})
         RETURN ${MEMBER_PROJECTION} AS member
         ORDER BY CASE r.role WHEN 'owner' THEN 0 WHEN 'editor' THEN 1 ELSE 2 END, u.name, u.id`,
        { mapId },
      );
      return result.records.map((record) => toPlain(record.get('member')) as Member);
    });
  }

  /**
   * Adds a person by email. An email without an account gets an invited user, and a user who
   * has not set a password yet gets a new invitation (`invitationHash`, replacing older ones):
   * `invited` says whether the invitation link is to be shown. 409 if they are on the map already.
   */
  async add(
    mapId: string,
    email: string,
    role: MapRole,
    invitationHash: string,
  ): Promise<{ member: Member; invited: boolean }> {
    return this.db.write(async (tx) => {
      await lockMap(tx, mapId);
      const name = email.split('@')[0] ?? email;
      await AccessRepository.createUserIn(tx, { email, name, passwordHash: null });
      const found = await tx.run(
        `MATCH (u:User {email: $email})
         OPTIONAL MATCH (u)-[r:HAS_ROLE]->(:Map {id: $mapId})
         RETURN u.id AS userId, u.passwordHash IS NULL AS invited, r.role AS role`,
        { email: email.toLowerCase(), mapId },
      );
      const record = found.records[0]!;
      const existing = record.get('role') as MapRole | null;
      if (existing) throw errors.alreadyMember(email.toLowerCase(), existing);
      const userId = record.get('userId') as string;
      const invited = record.get('invited') as boolean;
      if (invited) await AccessRepository.inviteIn(tx, userId, invitationHash);
      await MemberRepository.grantIn(tx, mapId, userId, role);
      return { member: (await this.memberIn(tx, mapId, userId))!, invited };
    });
  }

  private async memberIn(
    tx: ManagedTransaction,
    mapId: string,
    userId: string,
  ): Promise<Member | null> {
    const result = await tx.run(
      `MATCH (u:User {id: $userId})-[r:HAS_ROLE]->(:Map {id: $mapId})
       RETURN ${MEMBER_PROJECTION} AS member`,
      { mapId, userId },
    );
    const record = result.records[0];
    return record ? (toPlain(record.get('member')) as Member) : null;
  }

  /** Changes a member's role; null when the user is not on the map; 409 for the last owner. */
  async setRole(mapId: string, userId: string, role: MapRole): Promise<Member | null> {
    return this.db.write(async (tx) => {
      await lockMap(tx, mapId);
      if (!(await this.memberIn(tx, mapId, userId))) return null;
      if (role !== 'owner') await keepAnOwner(tx, mapId, userId);
      await tx.run(
        'MATCH (:User {id: $userId})-[r:HAS_ROLE]->(:Map {id: $mapId}) SET r.role = $role',
        { mapId, userId, role },
      );
      return this.memberIn(tx, mapId, userId);
    });
  }

  /** Takes a member off the map; false when they were not on it; 409 for the last owner. */
  async remove(mapId: string, userId: string): Promise<boolean> {
    return this.db.write(async (tx) => {
      await lockMap(tx, mapId);
      if (!(await this.memberIn(tx, mapId, userId))) return false;
      await keepAnOwner(tx, mapId, userId);
      await tx.run('MATCH (:User {id: $userId})-[r:HAS_ROLE]->(:Map {id: $mapId}) DELETE r', {
        mapId,
        userId,
      });
      return true;
    });
  }

  /* Share links. */

  async createShareLink(
    mapId: string,
    input: { label: string; expiresAt?: string },
    tokenHash: string,
    by: { id: string | null; name: string | null },
  ): Promise<ShareLink> {
    return this.db.write(async (tx) => {
      await lockMap(tx, mapId);
      const result = await tx.run(
        `CREATE (l:ShareLink {id: $id, mapId: $mapId, label: $label, tokenHash: $tokenHash,
           createdAt: datetime(), expiresAt: CASE WHEN $expiresAt IS NULL THEN null
             ELSE datetime($expiresAt) END,
           createdById: $byId, createdByName: $byName})
         RETURN ${SHARE_PROJECTION} AS link`,
        {
          id: ulid(),
          mapId,
          label: input.label,
          expiresAt: input.expiresAt ?? null,
          tokenHash,
          byId: by.id,
          byName: by.name,
        },
      );
      return toPlain(result.records[0]!.get('link')) as ShareLink;
    });
  }

  async listShareLinks(mapId: string): Promise<ShareLink[]> {
    return this.db.read(async (tx) => {
      const result = await tx.run(
        `MATCH (l:ShareLink) WHERE l.mapId = $mapId
         RETURN ${SHARE_PROJECTION} AS link ORDER BY l.createdAt DESC, l.id DESC`,
        { mapId },
      );
      return result.records.map((record) => toPlain(record.get('link')) as ShareLink);
    });
  }

  /** Revokes a link (it stays listed, marked revoked); null when the map has no such link. */
  async revokeShareLink(mapId: string, linkId: string): Promise<ShareLink | null> {
    return this.db.write(async (tx) => {
      const result = await tx.run(
        `MATCH (l:ShareLink {id: $linkId}) WHERE l.mapId = $mapId
         SET l.revokedAt = coalesce(l.revokedAt, datetime())
         RETURN ${SHARE_PROJECTION} AS link`,
        { mapId, linkId },
      );
      const record = result.records[0];
      return record ? (toPlain(record.get('link')) as ShareLink) : null;
    });
  }
}
