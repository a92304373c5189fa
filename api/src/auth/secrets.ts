import { createHash, randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

/**
 * Secrets and how they are kept. Every token (session, API token, share link, invitation,
 * sign-in link) is 256 random bits; only its SHA-256 is stored, which is enough for a secret
 * that cannot be guessed and lets a lookup go by an index. Passwords are chosen by people, so
 * they get argon2id, which is slow and memory-hard on purpose.
 */

/** The kinds of token, told apart by a prefix so a bearer token says what it is. */
export const TOKEN_PREFIX = {
  apiToken: 'spt_',
  shareLink: 'sps_',
  session: 'spc_',
  invitation: 'spi_',
  signInLink: 'spl_',
} as const;
export type TokenKind = keyof typeof TOKEN_PREFIX;

/** A new secret of a kind: its prefix and 43 characters of base64url (256 bits). */
export function newToken(kind: TokenKind): string {
  return `${TOKEN_PREFIX[kind]}${randomBytes(32).toString('base64url')}`;
}

/** What is stored of a token: its SHA-256, hex. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** The kind of a presented token, or null for something that is no token of ours. */
export function tokenKind(token: string): TokenKind | null {
  if (!/^sp[a-z]_[A-Za-z0-9_-]{43}$/.test(token)) return null;
  const entry = Object.entries(TOKEN_PREFIX).find(([, prefix]) => token.startsWith(prefix));
  return entry ? (entry[0] as TokenKind) : null;
}

/** argon2id with the library's defaults (19 MiB, 2 passes: the OWASP baseline). */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

let dummy: Promise<string> | null = null;

/**
 * Checks a password against a stored hash, or against a dummy hash when there is none (an
 * unknown email, or an invited user without a password yet), so that both take about as long
 * as a wrong password and the answer says nothing about whether the email exists.
 */
export async function checkPassword(stored: string | null, password: string): Promise<boolean> {
  dummy ??= hash(randomBytes(16).toString('base64url'));
  const against = stored ?? (await dummy);
  const ok = await verify(against, password).catch(() => false);
  return ok && stored !== null;
}

/** A password for the first owner when none is given: 24 characters, about 143 bits. */
export function generatePassword(): string {
  return randomBytes(18).toString('base64url');
}
