import { describe, expect, it } from 'vitest';
import { UnauthenticatedError, type ApiKeyVerification } from '@erp/platform';
import { ApiKeyCache } from './api-key-cache.js';

const SECRET = 'erp_0000000a_secret-a';
const OTHER = 'erp_0000000b_secret-b';

function verification(apiKeyId: string, expiresAt: number | null = null): ApiKeyVerification {
  return { caller: { kind: 'apiKey', apiKeyId, ownerId: 'owner', scopes: ['customers:read'] }, expiresAt: expiresAt === null ? null : new Date(expiresAt).toISOString() };
}

/** A trusted cache on a clock the test moves, and identity as a counter of the checks it was asked for. */
function setUp(ttlMs = 60_000) {
  const clock = { now: Date.parse('2026-12-01T12:00:00Z') };
  const cache = new ApiKeyCache({ ttlMs, now: () => clock.now });
  cache.trust(true);
  const asked: string[] = [];
  const identity = (answer: ApiKeyVerification) => () => {
    asked.push(answer.caller.apiKeyId);
    return Promise.resolve(answer);
  };
  return { clock, cache, asked, identity };
}

/** A check identity has not answered yet. */
function pendingCheck() {
  let answer!: (verification: ApiKeyVerification) => void;
  let refuse!: (error: Error) => void;
  let calls = 0;
  const promise = new Promise<ApiKeyVerification>((resolve, reject) => {
    answer = resolve;
    refuse = reject;
  });
  return {
    verify: () => {
      calls += 1;
      return promise;
    },
    answer: (verification: ApiKeyVerification) => answer(verification),
    refuse: (error: Error) => refuse(error),
    calls: () => calls,
  };
}

describe('API key cache: how long an answer is kept', () => {
  it('answers from the cache until the TTL, then asks identity again', async () => {
    const { clock, cache, asked, identity } = setUp(60_000);
    await cache.get(SECRET, identity(verification('a')));
    clock.now += 59_999;
    expect((await cache.get(SECRET, identity(verification('a')))).apiKeyId).toBe('a');
    expect(asked).toEqual(['a']);
    clock.now += 1;
    await cache.get(SECRET, identity(verification('a')));
    expect(asked).toEqual(['a', 'a']);
  });

  it('keeps a key that expires before the TTL only until its expiry', async () => {
    const { clock, cache, asked, identity } = setUp(60_000);
    const expiresAt = clock.now + 10_000;
    await cache.get(SECRET, identity(verification('a', expiresAt)));
    clock.now = expiresAt - 1;
    await cache.get(SECRET, identity(verification('a', expiresAt)));
    expect(asked).toEqual(['a']);
    clock.now = expiresAt;
    await cache.get(SECRET, identity(verification('a', expiresAt)));
    expect(asked).toEqual(['a', 'a']);
  });

  it('keeps nothing for a key whose expiry has passed by the time identity answers', async () => {
    const { clock, cache, asked, identity } = setUp();
    await cache.get(SECRET, identity(verification('a', clock.now)));
    await cache.get(SECRET, identity(verification('a', clock.now)));
    expect(asked).toEqual(['a', 'a']);
    expect(cache.size).toBe(0);
  });

  it('keeps a refused key never: each try asks identity', async () => {
    const { cache } = setUp();
    let asked = 0;
    const refuse = () => {
      asked += 1;
      return Promise.reject(new UnauthenticatedError('The API key is not valid, or was revoked or has expired.'));
    };
    await expect(cache.get(SECRET, refuse)).rejects.toThrow(UnauthenticatedError);
    await expect(cache.get(SECRET, refuse)).rejects.toThrow(UnauthenticatedError);
    expect(asked).toBe(2);
    expect(cache.size).toBe(0);
  });

  it('keeps each secret apart, keyed by a hash rather than the secret', async () => {
    const { cache, asked, identity } = setUp();
    expect((await cache.get(SECRET, identity(verification('a')))).apiKeyId).toBe('a');
    expect((await cache.get(OTHER, identity(verification('b')))).apiKeyId).toBe('b');
    expect((await cache.get(SECRET, identity(verification('x')))).apiKeyId).toBe('a');
    expect(asked).toEqual(['a', 'b']);
    const keys = [...(cache as unknown as { entries: Map<string, unknown> }).entries.keys()];
    expect(keys).toHaveLength(2);
    for (const key of keys) expect([SECRET, OTHER].some((secret) => key.includes(secret) || secret.includes(key))).toBe(false);
  });
});

describe('API key cache: one check for concurrent requests', () => {
  it('sends concurrent requests with the same uncached key to identity once, and all get its answer', async () => {
    const { cache } = setUp();
    const check = pendingCheck();
    const requests = [cache.get(SECRET, check.verify), cache.get(SECRET, check.verify), cache.get(SECRET, check.verify)];
    check.answer(verification('a'));
    expect((await Promise.all(requests)).map((caller) => caller.apiKeyId)).toEqual(['a', 'a', 'a']);
    expect(check.calls()).toBe(1);
  });

  it('shares a refusal with the requests that waited for it, and asks again afterwards', async () => {
    const { cache } = setUp();
    const check = pendingCheck();
    const requests = [cache.get(SECRET, check.verify), cache.get(SECRET, check.verify)];
    check.refuse(new UnauthenticatedError('The API key is not valid, or was revoked or has expired.'));
    for (const request of requests) await expect(request).rejects.toThrow(UnauthenticatedError);
    expect(check.calls()).toBe(1);
    const again = pendingCheck();
    const next = cache.get(SECRET, again.verify);
    again.answer(verification('a'));
    expect((await next).apiKeyId).toBe('a');
    expect(again.calls()).toBe(1);
  });
});

describe('API key cache: revocations', () => {
  it('forgets a revoked key and only that one', async () => {
    const { cache, asked, identity } = setUp();
    await cache.get(SECRET, identity(verification('a')));
    await cache.get(OTHER, identity(verification('b')));
    cache.revoke('a');
    await cache.get(SECRET, identity(verification('a')));
    await cache.get(OTHER, identity(verification('b')));
    expect(asked).toEqual(['a', 'b', 'a']);
  });

  it('does not keep a check that was in flight when a key was revoked, nor let later requests join it', async () => {
    const { cache } = setUp();
    const before = pendingCheck();
    const waiting = cache.get(SECRET, before.verify);
    cache.revoke('a');
    const after = pendingCheck();
    const later = cache.get(SECRET, after.verify);
    expect(after.calls()).toBe(1);
    // Identity read the key before the revocation: the request that waited gets that answer, nobody else.
    before.answer(verification('a'));
    expect((await waiting).apiKeyId).toBe('a');
    after.refuse(new UnauthenticatedError('revoked'));
    await expect(later).rejects.toThrow(UnauthenticatedError);
    expect(cache.size).toBe(0);
  });

  it('keeps nothing and asks identity every time while revocations may be missed, and starts over empty once they are back', async () => {
    const { cache, asked, identity } = setUp();
    await cache.get(SECRET, identity(verification('a')));
    cache.trust(false);
    await cache.get(SECRET, identity(verification('a')));
    await cache.get(SECRET, identity(verification('a')));
    expect(asked).toEqual(['a', 'a', 'a']);
    expect(cache.size).toBe(0);

    const inGap = pendingCheck();
    const waiting = cache.get(SECRET, inGap.verify);
    cache.trust(true);
    inGap.answer(verification('a'));
    await waiting;
    expect(cache.size).toBe(0);
    await cache.get(SECRET, identity(verification('a')));
    await cache.get(SECRET, identity(verification('a')));
    expect(asked).toEqual(['a', 'a', 'a', 'a']);
  });

  it('is not trusted until told so', async () => {
    const cache = new ApiKeyCache({ ttlMs: 60_000 });
    let asked = 0;
    const verify = () => {
      asked += 1;
      return Promise.resolve(verification('a'));
    };
    await cache.get(SECRET, verify);
    await cache.get(SECRET, verify);
    expect(asked).toBe(2);
  });
});
