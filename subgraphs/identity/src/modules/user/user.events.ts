import { userRegistered } from '@erp/contracts';
import { recordEvent, type EntityManager } from '@erp/platform';
import type { User } from './user.entity.js';

/** Recorded in the transaction that creates the user and opens their first session. */
export function recordUserRegistered(em: EntityManager, user: User): void {
  recordEvent(em, userRegistered, user.id, {
    userId: user.id,
    email: user.email,
    displayName: user.displayName,
    roles: user.roles,
    at: user.createdAt.toISOString(),
  });
}
