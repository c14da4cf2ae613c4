import { exportJWK, generateKeyPair, importJWK, type CryptoKey, type JWK } from 'jose';
import { randomUUID } from 'node:crypto';
import { ACCESS_TOKEN_TTL_SECONDS, type EntityManager } from '@erp/platform';
import { SigningKey } from './signing-key.entity.js';

export const SIGNING_ALGORITHM = 'ES256';
/** A new key takes over signing after this many days; the old one stays published while its tokens live. */
export const KEY_ROTATION_DAYS = 30;
const CACHE_MS = 60_000;
const DAY_MS = 86_400_000;

export interface ActiveKey {
  kid: string;
  privateKey: CryptoKey;
}

/** The rotating key set. The active key is cached in memory; the database is the source of truth across instances. */
export class SigningKeyService {
  private cached: { key: ActiveKey; at: number } | null = null;

  constructor(private readonly em: () => EntityManager) {}

  async activeKey(now = new Date()): Promise<ActiveKey> {
    if (this.cached && now.getTime() - this.cached.at < CACHE_MS) return this.cached.key;
    const em = this.em();
    let current = await em.findOne(SigningKey, { retiredAt: null }, { orderBy: { createdAt: 'DESC' } });
    if (!current || now.getTime() - current.createdAt.getTime() > KEY_ROTATION_DAYS * DAY_MS) {
      current = await this.rotate(em, now);
    }
    const key = { kid: current.kid, privateKey: (await importJWK(current.privateJwk, SIGNING_ALGORITHM)) as CryptoKey };
    this.cached = { key, at: now.getTime() };
    return key;
  }

  /** Creates a new signing key and retires the others (they stay in the JWKS until their tokens expire). */
  async rotate(em: EntityManager, now = new Date()): Promise<SigningKey> {
    const { publicKey, privateKey } = await generateKeyPair(SIGNING_ALGORITHM, { extractable: true });
    const kid = randomUUID();
    const key = em.create(SigningKey, {
      kid,
      algorithm: SIGNING_ALGORITHM,
      publicJwk: { ...(await exportJWK(publicKey)), kid, alg: SIGNING_ALGORITHM, use: 'sig' },
      privateJwk: await exportJWK(privateKey),
      createdAt: now,
    });
    await em.transactional(async (tx) => {
      // Through the unit of work, so the retirements are in the audit trail (a handful of keys at most).
      for (const active of await tx.find(SigningKey, { retiredAt: null })) active.retiredAt = now;
      tx.persist(key);
    });
    this.cached = null;
    return key;
  }

  /** Public keys that may still verify a live token. */
  async jwks(now = new Date()): Promise<{ keys: JWK[] }> {
    const cutoff = new Date(now.getTime() - ACCESS_TOKEN_TTL_SECONDS * 1000 * 2);
    const keys = await this.em().find(SigningKey, { $or: [{ retiredAt: null }, { retiredAt: { $gt: cutoff } }] }, { orderBy: { createdAt: 'DESC' } });
    return { keys: keys.map((key) => key.publicJwk) };
  }
}
