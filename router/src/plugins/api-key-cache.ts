import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import { wholeNumberSetting, type ApiKeyCaller, type ApiKeyVerification } from '@erp/platform';

export const DEFAULT_API_KEY_CACHE_TTL_MS = 60_000;
const DEFAULT_MAX_KEYS = 10_000;

/** ROUTER_API_KEY_CACHE_TTL_MS: how long an API key check is kept at most (unset: the default; 0 keeps none). */
export function apiKeyCacheTtlFromEnvironment(env: NodeJS.ProcessEnv = process.env): number | undefined {
  return wholeNumberSetting(env, 'ROUTER_API_KEY_CACHE_TTL_MS');
}

export interface ApiKeyCacheOptions {
  /** How long a successful check is kept at most; a key that expires sooner is kept until its expiry only. */
  ttlMs: number;
  /** Keys kept at most, least recently used dropped first. */
  maxKeys?: number;
  now?: () => number;
}

interface Entry {
  caller: ApiKeyCaller;
  until: number;
}

/**
 * Identity's successful API key checks, kept so that a partner's requests do not each cost a round trip to identity.
 * Keyed by the SHA-256 of the secret: a dump of the router's memory shows no secret. Failed checks are never kept (a
 * short negative cache would let a flood of made-up keys evict the real ones; an unknown key costs identity one
 * indexed statement).
 *
 * It is only as fresh as what tells it about revocations (`api-key-revocations.ts`): `revoke` on `apikey.revoked`,
 * `trust(false)` while those events may be missed, during which every request is checked by identity as if there were
 * no cache. Whatever is forgotten also forgets the checks in flight: their answers may predate the revocation, so they
 * serve the requests that were already waiting for them and are not kept, and later requests ask identity again.
 */
export class ApiKeyCache {
  private readonly entries: LRUCache<string, Entry>;
  private readonly inFlight = new Map<string, Promise<ApiKeyCaller>>();
  /** Moves on whenever something is forgotten: a check that started before may not store its answer. */
  private generation = 0;
  private trusted = false;
  private readonly ttlMs: number;
  private readonly now: () => number;

  constructor(options: ApiKeyCacheOptions) {
    this.entries = new LRUCache({ max: options.maxKeys ?? DEFAULT_MAX_KEYS });
    this.ttlMs = options.ttlMs;
    this.now = options.now ?? Date.now;
  }

  /** The caller a secret stands for: kept, shared with the check in flight for it, or asked of `verify` (which throws when the key is refused). */
  get(secret: string, verify: () => Promise<ApiKeyVerification>): Promise<ApiKeyCaller> {
    if (!this.trusted) return verify().then((verified) => verified.caller);
    const hash = createHash('sha256').update(secret).digest('base64url');
    const entry = this.entries.get(hash);
    if (entry && entry.until > this.now()) return Promise.resolve(entry.caller);
    const pending = this.inFlight.get(hash);
    if (pending) return pending;

    const generation = this.generation;
    const startedAt = this.now();
    const check = verify()
      .then((verified) => {
        const until = Math.min(startedAt + this.ttlMs, verified.expiresAt ? Date.parse(verified.expiresAt) : Infinity);
        if (generation === this.generation && until > this.now()) this.entries.set(hash, { caller: verified.caller, until });
        return verified.caller;
      })
      .finally(() => {
        if (this.inFlight.get(hash) === check) this.inFlight.delete(hash);
      });
    this.inFlight.set(hash, check);
    return check;
  }

  /** A key was revoked: forget it. Revocations are rare, so a scan of the entries beats keeping an index. */
  revoke(apiKeyId: string): void {
    this.forgetInFlight();
    const stale = [...this.entries.entries()].filter(([, entry]) => entry.caller.apiKeyId === apiKeyId).map(([hash]) => hash);
    for (const hash of stale) this.entries.delete(hash);
  }

  /**
   * Whether revocations reach the cache: when they stop, what it holds may already be stale; when they are back,
   * anything revoked in between was missed. Either way it starts empty, and it keeps nothing while not trusted.
   */
  trust(receiving: boolean): void {
    this.forgetInFlight();
    this.entries.clear();
    this.trusted = receiving;
  }

  get size(): number {
    return this.entries.size;
  }

  private forgetInFlight(): void {
    this.generation += 1;
    this.inFlight.clear();
  }
}
