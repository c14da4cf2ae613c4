import { describe, expect, it } from 'vitest';
import { errorCodes } from '../support/client.js';
import { TEST_ADMIN } from '../support/constants.js';
import { sql } from '../support/database.js';
import { recordedEvents } from '../support/outbox.js';
import { useTestPlatform } from '../support/platform.js';
import { LoginDocument, LogoutDocument, MeDocument, RefreshTokenDocument, RegisterDocument } from '../generated/graphql.js';

const t = useTestPlatform();

describe('sign-in through the router', () => {
  it('logs in the configured admin and answers me', async () => {
    const login = await t.anonymous.data(LoginDocument, TEST_ADMIN);
    expect(login.login.user.roles).toEqual(['ADMIN']);
    expect(login.login.accessToken.split('.')).toHaveLength(3);
    const me = await t.anonymous.withToken(login.login.accessToken).data(MeDocument, {});
    expect(me.me.email).toBe(TEST_ADMIN.email);
  });

  it('refuses a wrong password with the same message as an unknown email', async () => {
    const wrong = await t.anonymous.send(LoginDocument, { email: TEST_ADMIN.email, password: 'not-the-password' });
    const unknown = await t.anonymous.send(LoginDocument, { email: 'nobody@test.erp', password: 'not-the-password' });
    expect(errorCodes(wrong)).toEqual(['UNAUTHENTICATED']);
    expect(wrong.errors?.[0]?.message).toBe(unknown.errors?.[0]?.message);
  });

  it('registers users without staff roles and refuses a duplicate or a bad email', async () => {
    const email = `self-${Date.now()}@test.erp`;
    const registered = await t.anonymous.data(RegisterDocument, { input: { email, password: 'long-enough-pw' } });
    expect(registered.register.user.roles).toEqual(['CUSTOMER']);
    const duplicate = await t.anonymous.send(RegisterDocument, { input: { email: email.toUpperCase(), password: 'long-enough-pw' } });
    expect(errorCodes(duplicate)).toEqual(['CONFLICT']);
    const bad = await t.anonymous.send(RegisterDocument, { input: { email: 'not-an-email', password: 'long-enough-pw' } });
    expect(errorCodes(bad)).toEqual(['BAD_USER_INPUT']);
    expect(bad.errors?.[0]?.extensions?.field).toBe('email');
    const short = await t.anonymous.send(RegisterDocument, { input: { email: `short-${email}`, password: 'short' } });
    expect(errorCodes(short)).toEqual(['BAD_USER_INPUT']);
    const afterwards = await t.anonymous.send(LoginDocument, { email: `short-${email}`, password: 'short' });
    expect(errorCodes(afterwards)).toEqual(['UNAUTHENTICATED']);
  });

  it('rotates refresh tokens and revokes the whole family when an old one is reused', async () => {
    const { email, password } = await t.userWith(['sales']);
    const first = (await t.anonymous.data(LoginDocument, { email, password })).login;
    const second = (await t.anonymous.data(RefreshTokenDocument, { token: first.refreshToken })).refreshToken;
    expect(second.refreshToken).not.toBe(first.refreshToken);
    const third = (await t.anonymous.data(RefreshTokenDocument, { token: second.refreshToken })).refreshToken;

    const reuse = await t.anonymous.send(RefreshTokenDocument, { token: first.refreshToken });
    expect(errorCodes(reuse)).toEqual(['UNAUTHENTICATED']);
    expect(reuse.errors?.[0]?.message).toMatch(/already used/);
    // The newest token of the family is dead too: whoever stole the old one cannot keep a session alive.
    const stolenFamily = await t.anonymous.send(RefreshTokenDocument, { token: third.refreshToken });
    expect(errorCodes(stolenFamily)).toEqual(['UNAUTHENTICATED']);

    // Another login is a new family and still works.
    const other = (await t.anonymous.data(LoginDocument, { email, password })).login;
    expect((await t.anonymous.data(RefreshTokenDocument, { token: other.refreshToken })).refreshToken.user.id).toBeTruthy();
  });

  it('lets exactly one of two concurrent exchanges of a refresh token win', async () => {
    const { email, password } = await t.userWith(['sales']);
    const login = (await t.anonymous.data(LoginDocument, { email, password })).login;
    const results = await Promise.all([1, 2].map(() => t.anonymous.send(RefreshTokenDocument, { token: login.refreshToken })));
    expect(results.filter((r) => r.data?.refreshToken).length).toBe(1);
  });

  it('lets the same user log in many times at once', async () => {
    const { email, password } = await t.userWith(['sales']);
    const logins = await Promise.all(Array.from({ length: 6 }, () => t.anonymous.send(LoginDocument, { email, password })));
    expect(logins.map((login) => login.errors ?? null)).toEqual(logins.map(() => null));
  });

  it('logout revokes the refresh token', async () => {
    const { email, password } = await t.userWith(['sales']);
    const login = (await t.anonymous.data(LoginDocument, { email, password })).login;
    expect((await t.anonymous.data(LogoutDocument, { refreshToken: login.refreshToken })).logout).toBe(true);
    expect(errorCodes(await t.anonymous.send(RefreshTokenDocument, { token: login.refreshToken }))).toEqual(['UNAUTHENTICATED']);
  });

  it('answers UNAUTHENTICATED for me without a token and 401 for a forged one', async () => {
    expect(errorCodes(await t.anonymous.send(MeDocument, {}))).toEqual(['UNAUTHENTICATED']);
    const login = await t.anonymous.data(LoginDocument, TEST_ADMIN);
    const [header, payload] = login.login.accessToken.split('.');
    const forged = await t.anonymous.withToken(`${header}.${payload}.AAAA`).send(MeDocument, {});
    expect(forged.status).toBe(401);
    expect(errorCodes(forged)).toEqual(['UNAUTHENTICATED']);
  });
});

describe('identity events', () => {
  it('records user.registered with the new user in the transaction that creates them', async () => {
    const email = `evented-${Date.now()}@test.erp`;
    const registered = (await t.anonymous.data(RegisterDocument, { input: { email, password: 'long-enough-pw', displayName: 'Eve Vented' } })).register;
    expect(await recordedEvents('identity', registered.user.id)).toEqual([
      { type: 'user.registered', aggregateId: registered.user.id, payload: { userId: registered.user.id, email, displayName: 'Eve Vented', roles: ['customer'], at: expect.any(String) } },
    ]);
  });

  it('records nothing for a refused registration, and one event when two register the same email at once', async () => {
    const email = `twice-${Date.now()}@test.erp`;
    const before = await recordedEvents('identity');
    expect(errorCodes(await t.anonymous.send(RegisterDocument, { input: { email, password: 'short' } }))).toEqual(['BAD_USER_INPUT']);
    expect(await recordedEvents('identity')).toEqual(before);

    // Both may pass the duplicate check; the unique index then fails one at commit, and its event with it.
    await Promise.all([0, 1].map(() => t.anonymous.send(RegisterDocument, { input: { email, password: 'long-enough-pw' } })));
    const users = await sql<{ id: string }>('select id from identity."user" where email = $1', [email]);
    expect(users).toHaveLength(1);
    const registrations = (await recordedEvents('identity')).filter((event) => event.type === 'user.registered' && event.payload.email === email);
    expect(registrations.map((event) => event.aggregateId)).toEqual([users[0]!.id]);
  });
});
