import { createHash, randomBytes } from 'node:crypto';
import { BadUserInputError } from '@erp/platform';

const SCOPE = /^[a-z][a-z-]*:(read|write)$/;
export const API_KEY_PREFIX = 'erp_';
export const MAX_SCOPES = 50;
export const MAX_COST_BUCKET_SIZE = 1_000_000;
export const MAX_COST_RESTORE_RATE = 100_000;

/** A key's own query-cost bucket: both numbers or neither, whole and within bounds. */
export function parseCostLimit(input: { costBucketSize?: number | null; costRestoreRate?: number | null }): { costBucketSize: number | null; costRestoreRate: number | null } {
  const size = input.costBucketSize ?? null;
  const rate = input.costRestoreRate ?? null;
  if ((size === null) !== (rate === null)) {
    throw new BadUserInputError('Give both costBucketSize and costRestoreRate, or neither (the router\'s default).', { field: size === null ? 'costBucketSize' : 'costRestoreRate' });
  }
  if (size !== null && (!Number.isInteger(size) || size < 1 || size > MAX_COST_BUCKET_SIZE)) {
    throw new BadUserInputError(`costBucketSize must be a whole number from 1 to ${MAX_COST_BUCKET_SIZE}.`, { field: 'costBucketSize' });
  }
  if (rate !== null && (!Number.isInteger(rate) || rate < 1 || rate > MAX_COST_RESTORE_RATE)) {
    throw new BadUserInputError(`costRestoreRate must be a whole number from 1 to ${MAX_COST_RESTORE_RATE}.`, { field: 'costRestoreRate' });
  }
  return { costBucketSize: size, costRestoreRate: rate };
}

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
