import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashToken, newToken } from '../../api/src/auth/secrets.ts';
import { AccessRepository } from '../../api/src/repositories/access-repository.ts';
import {
  buildTestApp,
  call,
  callAs,
  createMap,
  createUser,
  signIn,
  type TestContext,
} from '../helpers/app.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await buildTestApp();
});
afterAll(() => ctx.close());

const login = (body: unknown, remoteAddress = '10.1.0.1') =>
  ctx.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: body as object,
    remoteAddress,
  });

describe('signing in', () => {
  it('sets an HttpOnly, SameSite=Lax session cookie that /auth/me and logout follow', async () => {
    const person = await createUser(ctx.app, { name: 'Rikke' });
    const response = await login({ email: person.email.toUpperCase(), password: person.password });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      user: { email: person.email, name: 'Rikke' },
      via: 'session',
    });
    const cookie = response.cookies.find((item) => item.name === 'samspil_session')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(cookie.secure).toBeUndefined();
    expect(cookie.maxAge).toBe(30 * 24 * 3600);

    const me = await callAs(ctx.app, { cookie: cookie.value }, 'GET', '/auth/me');
    expect(me.body).toMatchObject({ user: { id: person.user.id }, via: 'session' });
    expect((await callAs(ctx.app, { cookie: cookie.value }, 'POST', '/auth/logout')).status).toBe(
      204,
    );
    const after = await callAs(ctx.app, { cookie: cookie.value }, 'GET', '/auth/me');
    expect(after.status).toBe(401);
    expect(after.body).toMatchObject({
      error: 'unauthenticated',
      details: [{ reason: 'invalid' }],
    });
  });

  it('marks the cookie Secure behind an https proxy it trusts', async () => {
    const proxied = await buildTestApp({ trustProxy: true });
    try {
      const person = await createUser(proxied.app);
      const response = await proxied.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        headers: { 'x-forwarded-proto': 'https' },
        payload: { email: person.email, password: person.password },
      });
      expect(response.cookies.find((item) => item.name === 'samspil_session')?.secure).toBe(true);
    } finally {
      await proxied.close();
    }
  });

  it('gives an unknown email and a wrong password the same answer', async () => {
    const person = await createUser(ctx.app);
    const wrong = await login({ email: person.email, password: 'not the password' }, '10.1.0.2');
    const unknown = await login(
      { email: 'nobody@samspil.test', password: 'not the password' },
      '10.1.0.2',
    );
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
    expect(wrong.json().error).toBe('invalid_login');
    expect(wrong.cookies).toEqual([]);
  });

  it('answers 401 unauthenticated without credentials, and for a token that is not one', async () => {
    const mapId = await createMap(ctx.app);
    const anonymous = await callAs(ctx.app, null, 'GET', `/maps/${mapId}`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.body).toMatchObject({
      error: 'unauthenticated',
      details: [{ reason: 'missing' }],
    });
    expect(anonymous.headers['www-authenticate']).toBe('Bearer');
    const forged = await callAs(ctx.app, { token: newToken('apiToken') }, 'GET', `/maps/${mapId}`);
    expect(forged.status).toBe(401);
    expect(forged.body.details).toEqual([{ reason: 'invalid' }]);
    expect((await callAs(ctx.app, null, 'GET', '/health')).status).toBe(200);
  });
});

describe('the sign-in limits', () => {
  it('refuses an email after 10 attempts, even with the right password, with Retry-After', async () => {
    // Making the user's API token with its password was the first of the 10.
    const person = await createUser(ctx.app);
    for (let attempt = 1; attempt < 10; attempt++) {
      const response = await login(
        { email: person.email, password: `guess ${attempt}` },
        `10.2.0.${attempt}`,
      );
      expect(response.statusCode).toBe(401);
    }
    const refused = await login({ email: person.email, password: person.password }, '10.2.1.1');
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error).toBe('rate_limited');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(refused.cookies).toEqual([]);
    // A script's token for the same email counts against the same limit.
    const token = await callAs(ctx.app, null, 'POST', '/auth/tokens', {
      email: person.email,
      password: person.password,
      name: 'x',
    });
    expect(token.status).toBe(429);
  });

  it('refuses an address after 30 attempts a minute, whatever the emails', async () => {
    for (let attempt = 0; attempt < 30; attempt++) {
      const response = await login(
        { email: `n${attempt}@samspil.test`, password: 'x' },
        '10.3.0.1',
      );
      expect(response.statusCode).toBe(401);
    }
    expect((await login({ email: 'n@samspil.test', password: 'x' }, '10.3.0.1')).statusCode).toBe(
      429,
    );
    expect((await login({ email: 'n@samspil.test', password: 'x' }, '10.3.0.2')).statusCode).toBe(
      401,
    );
  });
});

describe('CSRF', () => {
  it('refuses a change made with the cookie unless it carries the header and comes from here', async () => {
    const mapId = await createMap(ctx.app);
    const cookie = await signIn(ctx.app, ctx.user.email, ctx.user.password);
    const write = (headers: Record<string, string>) =>
      ctx.app.inject({
        method: 'POST',
        url: `/api/v1/maps/${mapId}/actors`,
        headers: {
          cookie: `samspil_session=${cookie}`,
          'content-type': 'application/json',
          ...headers,
        },
        payload: { name: 'Via cookie', sector: 'other' },
      });
    const noHeader = await write({ origin: 'http://localhost' });
    expect(noHeader.statusCode).toBe(403);
    expect(noHeader.json().error).toBe('csrf_rejected');
    const foreign = await write({ origin: 'https://evil.example', 'x-samspil-csrf': '1' });
    expect(foreign.statusCode).toBe(403);
    const nullOrigin = await write({ origin: 'null', 'x-samspil-csrf': '1' });
    expect(nullOrigin.statusCode).toBe(403);
    const noOrigin = await write({ 'x-samspil-csrf': '1' });
    expect(noOrigin.statusCode).toBe(403);
    expect((await call(ctx.app, 'GET', `/maps/${mapId}/actors`)).body.items).toEqual([]);

    expect((await write({ origin: 'http://localhost', 'x-samspil-csrf': '1' })).statusCode).toBe(
      201,
    );
    expect(
      (await write({ referer: 'http://localhost/#/maps', 'x-samspil-csrf': '1' })).statusCode,
    ).toBe(201);
    // Reads need neither; a bearer token needs neither (a browser never sends one by itself).
    const read = await ctx.app.inject({
      url: `/api/v1/maps/${mapId}`,
      headers: { cookie: `samspil_session=${cookie}` },
    });
    expect(read.statusCode).toBe(200);
    const bearer = await ctx.app.inject({
      method: 'POST',
      url: `/api/v1/maps/${mapId}/actors`,
      headers: { authorization: `Bearer ${ctx.user.token}`, origin: 'https://evil.example' },
      payload: { name: 'Via token', sector: 'other' },
    });
    expect(bearer.statusCode).toBe(201);
  });
});

describe('API tokens', () => {
  it('are shown once, listed without their secret, revoked, and cannot make more tokens', async () => {
    const person = await createUser(ctx.app);
    const session = await signIn(ctx.app, person.email, person.password);
    const made = await callAs(ctx.app, { cookie: session }, 'POST', '/auth/tokens', {
      name: 'backup',
    });
    expect(made.status).toBe(201);
    expect(made.body.token).toMatch(/^spt_[A-Za-z0-9_-]{43}$/);
    const listed = await callAs(ctx.app, { token: made.body.token }, 'GET', '/auth/tokens');
    expect(listed.body.items.map((item: { name: string }) => item.name).sort()).toEqual([
      'backup',
      'tests',
    ]);
    expect(JSON.stringify(listed.body)).not.toContain(made.body.token);
    expect(
      listed.body.items.find((item: { id: string }) => item.id === made.body.id).lastUsedAt,
    ).not.toBeNull();

    const minted = await callAs(ctx.app, { token: made.body.token }, 'POST', '/auth/tokens', {
      name: 'more',
    });
    expect(minted.status).toBe(403);
    const me = await callAs(ctx.app, { token: made.body.token }, 'GET', '/auth/me');
    expect(me.body).toMatchObject({ user: { id: person.user.id }, via: 'token' });

    const revoke = await callAs(
      ctx.app,
      { cookie: session },
      'DELETE',
      `/auth/tokens/${made.body.id}`,
    );
    expect(revoke.status).toBe(204);
    expect((await callAs(ctx.app, { token: made.body.token }, 'GET', '/auth/me')).status).toBe(401);
    // Someone else's token is not yours to revoke.
    const others = await callAs(ctx.app, { token: ctx.user.token }, 'GET', '/auth/tokens');
    const foreign = await callAs(
      ctx.app,
      { token: person.token },
      'DELETE',
      `/auth/tokens/${others.body.items[0].id}`,
    );
    expect(foreign.status).toBe(404);
  });
});

describe('changing the password', () => {
  it('needs the current one, keeps this session and ends the others', async () => {
    const person = await createUser(ctx.app);
    const here = await signIn(ctx.app, person.email, person.password);
    const elsewhere = await signIn(ctx.app, person.email, person.password);
    const wrong = await callAs(ctx.app, { cookie: here }, 'POST', '/auth/password', {
      currentPassword: 'not it at all',
      newPassword: 'a brand new passphrase',
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.details[0]).toMatchObject({
      path: '/currentPassword',
      keyword: 'wrong_password',
    });
    const short = await callAs(ctx.app, { cookie: here }, 'POST', '/auth/password', {
      currentPassword: person.password,
      newPassword: 'short',
    });
    expect(short.status).toBe(400);
    const changed = await callAs(ctx.app, { cookie: here }, 'POST', '/auth/password', {
      currentPassword: person.password,
      newPassword: 'a brand new passphrase',
    });
    expect(changed.status).toBe(204);
    expect((await callAs(ctx.app, { cookie: here }, 'GET', '/auth/me')).status).toBe(200);
    expect((await callAs(ctx.app, { cookie: elsewhere }, 'GET', '/auth/me')).status).toBe(401);
    expect(
      (await login({ email: person.email, password: person.password }, '10.4.0.1')).statusCode,
    ).toBe(401);
    expect(
      (await login({ email: person.email, password: 'a brand new passphrase' }, '10.4.0.1'))
        .statusCode,
    ).toBe(200);
  });
});

describe('one-time links', () => {
  it('a sign-in link signs in once, then sends to the sign-in page', async () => {
    const person = await createUser(ctx.app);
    const token = newToken('signInLink');
    await new AccessRepository(ctx.db).createSignInLink(person.user.id, hashToken(token));
    const first = await ctx.app.inject({ url: `/api/v1/auth/link/${token}` });
    expect(first.statusCode).toBe(303);
    expect(first.headers.location).toBe('/');
    const cookie = first.cookies.find((item) => item.name === 'samspil_session')!;
    expect((await callAs(ctx.app, { cookie: cookie.value }, 'GET', '/auth/me')).body.user.id).toBe(
      person.user.id,
    );
    const again = await ctx.app.inject({ url: `/api/v1/auth/link/${token}` });
    expect(again.statusCode).toBe(303);
    expect(again.headers.location).toBe('/#/sign-in?link=expired');
    expect(again.cookies).toEqual([]);
  });

  it('an invitation lets the invited person choose a name and password, once', async () => {
    const mapId = await createMap(ctx.app);
    const email = `invitee-${Date.now()}@samspil.test`;
    const added = await call(ctx.app, 'POST', `/maps/${mapId}/members`, { email, role: 'editor' });
    expect(added.status).toBe(201);
    expect(added.body.member).toMatchObject({ email, role: 'editor', invited: true });
    const url = new URL(added.body.invitationUrl);
    expect(url.pathname).toBe('/');
    const token = url.hash.replace('#/invite/', '');
    expect((await login({ email, password: 'anything at all' }, '10.5.0.1')).statusCode).toBe(401);

    const shown = await callAs(ctx.app, null, 'GET', `/auth/invitations/${token}`);
    expect(shown.body.email).toBe(email);
    const accepted = await callAs(ctx.app, null, 'POST', `/auth/invitations/${token}/accept`, {
      name: 'Ida Invitee',
      password: 'her own passphrase',
    });
    expect(accepted.status).toBe(200);
    expect(accepted.body.user).toMatchObject({ email, name: 'Ida Invitee', invited: false });
    expect(
      (
        await callAs(ctx.app, null, 'POST', `/auth/invitations/${token}/accept`, {
          name: 'Someone else',
          password: 'another passphrase',
        })
      ).status,
    ).toBe(404);
    const session = await signIn(ctx.app, email, 'her own passphrase');
    const maps = await callAs(ctx.app, { cookie: session }, 'GET', '/maps');
    expect(maps.body.items).toEqual([expect.objectContaining({ id: mapId, access: 'editor' })]);
  });
});

describe('secrets', () => {
  it('never appear in the log, in later answers, in the history or in the database', async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const logged = await buildTestApp({ logger: { level: 'trace', stream } });
    try {
      const { app } = logged;
      const person = await createUser(app);
      const secrets: string[] = [person.token, person.password];
      const session = await signIn(app, person.email, person.password);
      secrets.push(session);
      const mapId = await createMap(app);
      const share = await call(app, 'POST', `/maps/${mapId}/share-links`, { label: 'Meeting' });
      secrets.push(share.body.token);
      const invite = await call(app, 'POST', `/maps/${mapId}/members`, {
        email: `secret-${Date.now()}@samspil.test`,
        role: 'viewer',
      });
      const invitation = invite.body.invitationUrl.split('#/invite/')[1];
      secrets.push(invitation);
      await app.inject({ url: `/api/v1/auth/invitations/${invitation}` });
      const link = newToken('signInLink');
      await new AccessRepository(app.db).createSignInLink(person.user.id, hashToken(link));
      secrets.push(link);
      await app.inject({ url: `/api/v1/auth/link/${link}` });
      await callAs(app, { token: share.body.token }, 'GET', `/maps/${mapId}/graph`);
      await callAs(app, { cookie: session }, 'GET', '/auth/me');

      const answers = [
        await callAs(app, { cookie: session }, 'GET', '/auth/tokens'),
        await callAs(app, { cookie: session }, 'GET', '/auth/me'),
        await call(app, 'GET', `/maps/${mapId}/share-links`),
        await call(app, 'GET', `/maps/${mapId}/members`),
        await call(app, 'GET', `/maps/${mapId}/history`),
        await call(app, 'GET', '/users?limit=1000'),
      ].map((answer) => JSON.stringify(answer.body) + JSON.stringify(answer.headers));
      const stored = await app.db.read(async (tx) => {
        const result = await tx.run(
          'MATCH (n) WHERE n:User OR n:Session OR n:ApiToken OR n:ShareLink OR n:Invitation OR n:SignInLink OR n:Change RETURN n',
        );
        return result.records.map((record) => JSON.stringify(record.get('n').properties));
      });
      const log = lines.join('');
      expect(log).toContain('/auth/link/[redacted]');
      expect(log).toContain('/auth/invitations/[redacted]');
      for (const secret of secrets) {
        expect(log).not.toContain(secret);
        for (const answer of answers) expect(answer).not.toContain(secret);
        for (const node of stored) expect(node).not.toContain(secret);
      }
      expect(stored.some((node) => node.includes(hashToken(share.body.token)))).toBe(true);
    } finally {
      await logged.close();
    }
  });
});
