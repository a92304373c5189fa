/**
 * Errors with a stable machine code (`error`), a human message and details. Routes and
 * repositories throw these; the error handler turns them into `{error, message, details}`.
 */
export class AppError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly details: unknown[] = [],
  ) {
    super(message);
    this.name = 'AppError';
  }
}

/**
 * One problem with one field. `keyword` is a stable code clients translate (Ajv's own keywords,
 * or one of ours: `unknown_reference`, `cycle`, `immutable`, `date_order`, `exactly_one`,
 * `self_reference`); `message` is the English fallback.
 */
export interface FieldProblem {
  path: string;
  message: string;
  keyword?: string;
  params?: Record<string, unknown>;
}

export const errors = {
  notFound: (what: string, id: string) =>
    new AppError(404, 'not_found', `No ${what} with id "${id}" in this map.`, [{ what, id }]),
  mapNotFound: (id: string) =>
    new AppError(404, 'map_not_found', `No map with id "${id}".`, [{ id }]),
  staleVersion: (expected: number, actual: number) =>
    new AppError(
      412,
      'stale_version',
      `Someone else changed this in the meantime (you had version ${expected}, it is now ${actual}). Reload and try again.`,
      [{ expected, actual }],
    ),
  badIfMatch: (value: string) =>
    new AppError(
      400,
      'invalid_if_match',
      'If-Match must hold the version number you read, e.g. `3`.',
      [{ header: 'if-match', value }],
    ),
  duplicate: (what: string, existingId: string) =>
    new AppError(
      409,
      'duplicate',
      `This ${what} already exists for an overlapping period; change or end that one instead.`,
      [{ existingId }],
    ),
  unknownReference: (problems: FieldProblem[]) =>
    new AppError(
      400,
      'unknown_reference',
      'Some referenced entities do not exist in this map.',
      problems,
    ),
  cycle: (path: string, message: string) =>
    new AppError(400, 'cycle', message, [{ path, message, keyword: 'cycle' }]),
  immutableEnds: (fields: string[]) =>
    new AppError(
      400,
      'immutable_ends',
      'The ends of a fact never change; delete it and create a new one instead.',
      fields.map((path) => ({
        path: `/${path}`,
        message: 'cannot be changed',
        keyword: 'immutable',
      })),
    ),
  invalid: (problems: FieldProblem[], message = 'The request is not valid.') =>
    new AppError(400, 'validation_failed', message, problems),
  invalidCursor: () =>
    new AppError(400, 'invalid_cursor', 'The cursor is not one this API handed out.', [
      { path: 'cursor', message: 'unknown cursor' },
    ]),
  unauthenticated: (reason: 'missing' | 'invalid' = 'missing') =>
    new AppError(
      401,
      'unauthenticated',
      reason === 'missing'
        ? 'Sign in, or send an API token as `Authorization: Bearer <token>`.'
        : 'This session, token or link is not valid (any more): it was revoked, expired or never existed.',
      [{ reason }],
    ),
  forbidden: (needed: string) =>
    new AppError(403, 'forbidden', `This needs the ${needed} role, which you do not have.`, [
      { needed },
    ]),
  invalidLogin: () =>
    new AppError(401, 'invalid_login', 'The email or the password is not right.', []),
  csrf: () =>
    new AppError(
      403,
      'csrf_rejected',
      'A change made with a session cookie must come from this site and carry `X-Samspil-CSRF: 1`.',
      [{ header: 'x-samspil-csrf' }],
    ),
  alreadyMember: (email: string, role: string) =>
    new AppError(
      409,
      'already_member',
      `${email} is already on this map as ${role}; change the role instead.`,
      [{ email, role }],
    ),
  lastOwner: () =>
    new AppError(
      409,
      'last_owner',
      'A map needs at least one owner: make someone else owner first.',
      [],
    ),
};
