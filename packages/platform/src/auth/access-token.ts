import type { UserCaller } from './caller.js';
import { isRole } from './caller.js';

/** The contract between identity, which signs access tokens, and the router, which verifies them. */
export const ACCESS_TOKEN_ISSUER = 'erp-identity';
export const ACCESS_TOKEN_AUDIENCE = 'erp-graph';
export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;
export const JWKS_PATH = '/.well-known/jwks.json';
export const API_KEY_VERIFY_PATH = '/internal/api-keys/verify';

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
