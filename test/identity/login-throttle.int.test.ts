import { randomUUID } from 'node:crypto';
import { print } from 'graphql';
import { afterAll, describe, expect, it } from 'vitest';
import { RedisAttemptLimiter } from '@erp/platform';
import { LoginDocument, RegisterDocument } from '../generated/graphql.js';
import { TEST_ADMIN, TEST_REDIS_URL } from '../support/constants.js';
import { useTestPlatform } from '../support/platform.js';

// On Redis, as identity runs in production: the failures are counted there.
const t = useTestPlatform({ redis: true });

interface Attempt {
  status: number;
  retryAfter: string | null;
  code: string | undefined;
  message: string | undefined;
  retryAfterSeconds: number | undefined;
  token: string | undefined;
}

async function send(document: string, variables: Record<string, unknown>, headers: Record<string, string> = {}): Promise<Attempt> {
  const response = await fetch(t.platform.router.graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...headers },
    body: JSON.stringify({ query: document, variables }),
  });
  const body = (await response.json()) as { data?: any; errors?: { message: string; extensions?: Record<string, any> }[] };
  const error = body.errors?.[0];
  return {
    status: response.status,
    retryAfter: response.headers.get('retry-after'),
    code: error?.extensions?.code,
    message: error?.message,
    retryAfterSeconds: error?.extensions?.retryAfterSeconds,
    token: body.data?.login?.accessToken ?? body.data?.register?.accessToken,
  };
}

const login = (email: string, password: string, headers?: Record<string, string>) => send(print(LoginDocument), { email, password }, headers);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('login throttling', () => {
  it('after five wrong passwords answers THROTTLED (429, Retry-After) even to the right one, which works after the wait', async () => {
    const user = await t.userWith([]);
    for (let i = 0; i < 5; i += 1) expect((await login(user.email, 'wrong-password')).code).toBe('UNAUTHENTICATED');
    const throttled = await login(user.email, user.password);
    expect(throttled).toMatchObject({ status: 429, code: 'THROTTLED', retryAfterSeconds: 1, retryAfter: '1' });
    expect(throttled.message).toMatch(/Too many failed sign-ins for this account; try again in 1 seconds?\./);
    expect(throttled.token).toBeUndefined();
    await sleep(throttled.retryAfterSeconds! * 1000);
    const after = await login(user.email, user.password);
    expect(after.code).toBeUndefined();
    expect(after.token).toEqual(expect.any(String));
    // The success cleared the account: five more mistakes are free again.
    expect((await login(user.email, 'wrong-password')).code).toBe('UNAUTHENTICATED');
  });

  it('throttles thirty wrong passwords in a row, whatever X-Forwarded-For the client claims, with waits that grow', async () => {
    const user = await t.userWith([]);
    const codes: (string | undefined)[] = [];
    for (let i = 0; i < 30; i += 1) codes.push((await login(user.email, `wrong-${i}`, { 'x-forwarded-for': `198.51.100.${i}` })).code);
    expect(codes.slice(0, 5)).toEqual(Array(5).fill('UNAUTHENTICATED'));
    expect(codes.filter((code) => code === 'THROTTLED').length).toBeGreaterThanOrEqual(20);
    expect(codes.filter((code) => code !== 'THROTTLED' && code !== 'UNAUTHENTICATED')).toEqual([]);
    // Each failure past the free ones doubles the wait.
    const wait = (await login(user.email, 'wrong')).retryAfterSeconds!;
    await sleep(wait * 1000);
    expect((await login(user.email, 'wrong-again')).code).toBe('UNAUTHENTICATED');
    const next = await login(user.email, user.password);
    expect(next.code).toBe('THROTTLED');
    expect(next.retryAfterSeconds).toBeGreaterThan(wait);
  });

  it('throttles a client address after many failures across accounts, for every account from it', async () => {
    let refused: Attempt | null = null;
    for (let i = 0; i < 80 && !refused; i += 1) {
      const attempt = await login(`nobody-${randomUUID()}@test.erp`, 'wrong-password');
      if (attempt.code === 'THROTTLED') refused = attempt;
      else expect(attempt.code).toBe('UNAUTHENTICATED');
    }
    expect(refused?.message).toMatch(/from your network address/);
    expect(refused?.status).toBe(429);
    // Refused registrations count against the address too, and so does the right password of another account.
    const registration = await send(print(RegisterDocument), { input: { email: `new-${randomUUID()}@test.erp`, password: 'a-long-test-password' } });
    expect(registration.code).toBe('THROTTLED');
    const admin = await login(TEST_ADMIN.email, TEST_ADMIN.password);
    expect(admin.code).toBe('THROTTLED');
    await sleep(admin.retryAfterSeconds! * 1000);
    expect((await login(TEST_ADMIN.email, TEST_ADMIN.password)).token).toEqual(expect.any(String));
  });
});

describe('RedisAttemptLimiter', () => {
  const limiters: RedisAttemptLimiter[] = [];
  afterAll(async () => {
    for (const limiter of limiters) await limiter.close();
  });

  it('shares the count between instances (identity run several times)', async () => {
    const prefix = `erp-test-${randomUUID().slice(0, 8)}`;
    const [a, b] = [new RedisAttemptLimiter(TEST_REDIS_URL, prefix), new RedisAttemptLimiter(TEST_REDIS_URL, prefix)];
    limiters.push(a, b);
    const policy = { freeFailures: 2, baseDelayMs: 10_000, maxDelayMs: 60_000, forgetAfterMs: 60_000 };
    expect(await a.take('k', policy)).toBe(0);
    await a.failed('k', policy);
    expect(await b.take('k', policy)).toBe(0);
    await b.failed('k', policy);
    const wait = await a.take('k', policy);
    expect(wait).toBeGreaterThan(9_000);
    expect(wait).toBeLessThanOrEqual(10_000);
    await b.refund('k');
    expect(await a.take('k', policy)).toBe(0);
    await a.reset('k');
    expect(await b.take('k', policy)).toBe(0);
  });

  it('counts in the process while Redis does not answer, so attempts are still throttled', async () => {
    const unreachable = new RedisAttemptLimiter('redis://127.0.0.1:1', `erp-test-${randomUUID().slice(0, 8)}`);
    limiters.push(unreachable);
    const policy = { freeFailures: 2, baseDelayMs: 10_000, maxDelayMs: 60_000, forgetAfterMs: 60_000 };
    for (let i = 0; i < 2; i += 1) {
      expect(await unreachable.take('k', policy)).toBe(0);
      await unreachable.failed('k', policy);
    }
    expect(await unreachable.take('k', policy)).toBeGreaterThan(9_000);
    await unreachable.reset('k');
    expect(await unreachable.take('k', policy)).toBe(0);
  });
});
