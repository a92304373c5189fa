import { randomBytes } from 'node:crypto';
import type { Database } from '../api/src/db/database.ts';
import { hashToken, newToken } from '../api/src/auth/secrets.ts';
import { AccessRepository } from '../api/src/repositories/access-repository.ts';
import { MemberRepository } from '../api/src/repositories/member-repository.ts';

/**
 * Who the benchmarks are: an administrator of their own, made for the run, with an API token
 * (for `fetch`) and a session (a cookie for Chromium). Only the hashes are stored, as always.
 */
export interface BenchCaller {
  userId: string;
  token: string;
  session: string;
  /** Headers that sign a `fetch` in. */
  headers: Record<string, string>;
}

let made: Promise<BenchCaller> | null = null;

/** The run's caller on the benchmarks' database, made once. */
export function benchCaller(db: Database): Promise<BenchCaller> {
  made ??= makeCaller(db);
  return made;
}

/** A caller of its own on `db`, for a benchmark that runs on a database of its own. */
export async function makeCaller(db: Database): Promise<BenchCaller> {
  const repo = new AccessRepository(db);
  const user = await repo.createUser({
    email: `bench-${randomBytes(4).toString('hex')}@localhost`,
    name: 'Benchmarks',
    passwordHash: null,
    admin: true,
  });
  const token = newToken('apiToken');
  const session = newToken('session');
  await repo.createToken(user!.id, 'benchmarks', hashToken(token));
  await repo.createSession(user!.id, hashToken(session));
  return {
    userId: user!.id,
    token,
    session,
    headers: { authorization: `Bearer ${token}` },
  };
}

/** Gives the benchmarks' user a role on a map they wrote straight through a repository. */
export async function own(db: Database, mapId: string, role: 'owner' | 'viewer' = 'owner') {
  const caller = await benchCaller(db);
  await new MemberRepository(db).grant(mapId, caller.userId, role);
  return caller;
}
