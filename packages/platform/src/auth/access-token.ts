import type { ApiKeyCaller, UserCaller } from './caller.js';
import { isRole } from './caller.js';

/** The contract between identity, which signs access tokens, and the router, which verifies them. */
export const ACCESS_TOKEN_ISSUER = 'erp-identity';
export const ACCESS_TOKEN_AUDIENCE = 'erp-graph';
export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;
export const JWKS_PATH = '/.well-known/jwks.json';
export const API_KEY_VERIFY_PATH = '/internal/api-keys/verify';

/** Identity's 200 answer to the router's API key check (404: unknown, revoked or expired). */
export interface ApiKeyVerification {
  caller: ApiKeyCaller;
  /** When the key stops working by itself (ISO 8601), or null: the router keeps no answer past it. */
  expiresAt: string | null;
}

export interface AccessTokenClaims {
  sub: string;
  roles: string[];
  /** Linked customer (customer portal). */
  cid?: string | null;
  /** Linked employee (employee portal). */
  eid?: string | null;
}

export function callerFromClaims(claims: Partial<AccessTokenClaims>): UserCaller | null {
  if (typeof claims.sub !== 'string' || !Array.isArray(claims.roles)) return null;
  return {
    kind: 'user',
    userId: claims.sub,
    roles: claims.roles.filter(isRole),
    customerId: claims.cid ?? null,
    employeeId: claims.eid ?? null,
  };
}
