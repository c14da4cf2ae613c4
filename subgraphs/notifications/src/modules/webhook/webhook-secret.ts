import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';

export const WEBHOOK_SECRET_PREFIX = 'whsec_';
const SEALED_VERSION = 'v1';

/** `whsec_` and 32 random bytes (base64url): the partner's HMAC key, shown once. */
export function generateWebhookSecret(): string {
  return `${WEBHOOK_SECRET_PREFIX}${randomBytes(32).toString('base64url')}`;
}

/**
 * Keeps endpoint secrets encrypted at rest. Unlike an API key, a webhook secret cannot be stored as a hash: we must
 * sign with it again on every delivery. So it is sealed with AES-256-GCM under a key that lives outside the database
 * (WEBHOOK_ENCRYPTION_KEY), with the endpoint id as associated data: a dump of the table signs nothing, and a sealed
 * secret copied onto another endpoint does not open.
 */
export class SecretBox {
  private constructor(private readonly key: Buffer) {}

  /**
   * From WEBHOOK_ENCRYPTION_KEY (any string of at least 32 characters, hashed to 256 bits). Without one, a key derived
   * from the router secret (HKDF, its own label) so that a development setup works; `derived` says so, to warn.
   */
  static from(encryptionKey: string | null | undefined, routerSecret: string): { box: SecretBox; derived: boolean } {
    if (encryptionKey) {
      if (encryptionKey.length < 32) throw new Error('WEBHOOK_ENCRYPTION_KEY must be at least 32 characters long.');
      return { box: new SecretBox(createHash('sha256').update(encryptionKey).digest()), derived: false };
    }
    const key = Buffer.from(hkdfSync('sha256', routerSecret, Buffer.alloc(0), 'erp notifications webhook secrets', 32));
    return { box: new SecretBox(key), derived: true };
  }

  /** `v1.<iv>.<tag>.<ciphertext>`, base64url. */
  seal(secret: string, endpointId: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(endpointId));
    const ciphertext = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
    return [SEALED_VERSION, iv, cipher.getAuthTag(), ciphertext].map((part) => (typeof part === 'string' ? part : part.toString('base64url'))).join('.');
  }

  /** Throws when the sealed text was not sealed for this endpoint under this key. */
  open(sealed: string, endpointId: string): string {
    const [version, iv, tag, ciphertext] = sealed.split('.');
    if (version !== SEALED_VERSION || !iv || !tag || ciphertext === undefined) throw new Error('not a sealed webhook secret');
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(endpointId));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
  }
}
