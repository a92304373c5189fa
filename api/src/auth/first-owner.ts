import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { User } from '../../../graph-schema/index.ts';
import type { Config } from '../config.ts';
import type { Database } from '../db/database.ts';
import { AccessRepository } from '../repositories/access-repository.ts';
import { generatePassword, hashPassword, hashToken, newToken } from './secrets.ts';

/** The first owner: the administrator Samspil creates on a start with no users. */
export interface FirstOwner {
  user: User;
  /** Made by this call (a first start), rather than found. */
  created: boolean;
  /** Where the password is, for the start banner; null once it is no longer known. */
  passwordHint: string | null;
}

/** The file a generated password is written to, readable by the owner of the process only. */
export const adminPasswordFile = (dataDir: string) => join(dataDir, 'admin-password');

/**
 * Creates the first owner when the database has no user: SAMSPIL_ADMIN_EMAIL with
 * SAMSPIL_ADMIN_PASSWORD, or with a generated password written with mode 0600 to
 * `DATA_DIR/admin-password`. With users present it finds that administrator (or else the first
 * one). Two processes starting at once create one owner: the email is unique.
 */
export async function ensureFirstOwner(db: Database, config: Config): Promise<FirstOwner> {
  const repo = new AccessRepository(db);
  const { adminEmail, adminPassword } = config.access;
  const file = adminPasswordFile(config.dataDir);
  if (!(await repo.hasUsers())) {
    if (adminPassword !== undefined && adminPassword.length < 10) {
      throw new Error('SAMSPIL_ADMIN_PASSWORD must be at least 10 characters long.');
    }
    const password = adminPassword ?? generatePassword();
    const user = await repo.createUser({
      email: adminEmail,
      name: 'Administrator',
      passwordHash: await hashPassword(password),
      admin: true,
    });
    if (user) {
      if (adminPassword === undefined) {
        mkdirSync(config.dataDir, { recursive: true });
        writeFileSync(file, `${password}\n`, { mode: 0o600 });
      }
      return {
        user,
        created: true,
        passwordHint: adminPassword === undefined ? file : 'SAMSPIL_ADMIN_PASSWORD',
      };
    }
  }
  const named = await repo.userByEmail(adminEmail);
  const user = named?.admin ? named : await repo.firstAdmin();
  if (!user) throw new Error('The database has users but no administrator.');
  const hint =
    user.email === adminEmail && config.access.adminPassword !== undefined
      ? 'SAMSPIL_ADMIN_PASSWORD, unless changed since'
      : existsSync(file)
        ? `${file}, unless changed since`
        : null;
  return { user, created: false, passwordHint: hint };
}

/** A one-time link that signs `userId` in and opens the web app; it works for 15 minutes. */
export async function createSignInLink(
  db: Database,
  userId: string,
  origin: string,
): Promise<string> {
  const token = newToken('signInLink');
  await new AccessRepository(db).createSignInLink(userId, hashToken(token), 15);
  return `${origin}/api/v1/auth/link/${token}`;
}
