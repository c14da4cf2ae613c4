import type { EntityManager } from '@erp/platform';
import { RefreshToken } from './refresh-token.entity.js';

/**
 * Marks the live refresh tokens of a login family or of a user revoked, through the unit of work so that the
 * revocations are in the audit trail; the caller flushes (a user holds a handful of sessions, not thousands).
 */
export async function revokeSessions(em: EntityManager, of: { familyId: string } | { userId: string }, at: Date): Promise<void> {
  for (const token of await em.find(RefreshToken, { ...of, revokedAt: null })) token.revokedAt = at;
}
