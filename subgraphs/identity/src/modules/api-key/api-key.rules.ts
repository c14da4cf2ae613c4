import { createHash, randomBytes } from 'node:crypto';
import { BadUserInputError } from '@erp/platform';

const SCOPE = /^[a-z][a-z-]*:(read|write)$/;
export const API_KEY_PREFIX = 'erp_';
export const MAX_SCOPES = 50;

export function parseScopes(scopes: readonly string[]): string[] {
  if (scopes.length === 0) throw new BadUserInputError('An API key needs at least one scope, e.g. "customers:read".', { field: 'scopes' });
  if (scopes.length > MAX_SCOPES) throw new BadUserInputError(`An API key has at most ${MAX_SCOPES} scopes.`, { field: 'scopes' });
  const invalid = scopes.filter((scope) => !SCOPE.test(scope));
  if (invalid.length > 0) {
    throw new BadUserInputError(`Scopes look like "orders:read" or "invoices:write"; invalid: ${invalid.join(', ')}.`, { field: 'scopes' });
  }
  return [...new Set(scopes)];
}

export interface GeneratedSecret {
  secret: string;
  prefix: string;
  hash: string;
}

/** `erp_<8 hex id>_<43 chars of base64url>`: the prefix identifies the key, the rest is the secret. */
export function generateApiKeySecret(): GeneratedSecret {
  const prefix = `${API_KEY_PREFIX}${randomBytes(4).toString('hex')}`;
  const secret = `${prefix}_${randomBytes(32).toString('base64url')}`;
  return { secret, prefix, hash: hashSecret(secret) };
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export function prefixOf(secret: string): string | null {
  const match = /^(erp_[0-9a-f]{8})_[A-Za-z0-9_-]{43}$/.exec(secret);
  return match ? match[1]! : null;
}
