import { AsyncLocalStorage } from 'node:async_hooks';
import type { Caller } from '../auth/caller.js';

/** What the changes made while it runs are attributed to: a mutation or an event consumer, its caller and request. */
export interface AuditScope {
  mutation: string | null;
  job: string | null;
  requestId: string;
  caller: Caller | null;
}

/*
 * The scope travels with the async flow rather than through parameters, so that every flush of the unit of work (which
 * only sees its EntityManager) and every hand-written write knows which mutation and caller it serves, without a
 * service passing it along.
 */
const scopes = new AsyncLocalStorage<AuditScope>();

export function runInAuditScope<T>(scope: AuditScope, work: () => T): T {
  return scopes.run(scope, work);
}

/** The mutation or job being run, or undefined outside of one (migrations, start-up, a timer): nothing is audited then. */
export function currentAuditScope(): AuditScope | undefined {
  return scopes.getStore();
}
