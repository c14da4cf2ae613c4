import type { EntityManager } from '@mikro-orm/postgresql';
import { OutboxEvent } from '../events/outbox-event.entity.js';
import { auditActor, auditRecorded, type AuditRecorded, type EntityChange } from './audit-record.js';
import { currentAuditScope } from './audit-scope.js';

/**
 * The `audit.recorded` outbox row for changes made in the current mutation or job, or null when there is none (or
 * nothing changed). Its id and time are fixed here, so a statement that writes it by hand inserts exactly this row.
 */
export function auditOutboxEvent(changes: readonly EntityChange[]): OutboxEvent | null {
  const scope = currentAuditScope();
  if (!scope || changes.length === 0) return null;
  const occurredAt = new Date();
  const payload: AuditRecorded = {
    mutation: scope.mutation,
    job: scope.job,
    requestId: scope.requestId,
    actor: auditActor(scope.caller),
    at: occurredAt.toISOString(),
    changes: [...changes],
  };
  return Object.assign(new OutboxEvent(), { type: auditRecorded.type, aggregateId: scope.requestId, payload, occurredAt });
}

/**
 * Records changes the unit of work does not see (a `nativeUpdate`, a bulk statement) in the transaction of `em`, to be
 * written at its next flush. The unit of work's own changes are recorded without this.
 */
export function recordAudit(em: EntityManager, changes: readonly EntityChange[]): void {
  const event = auditOutboxEvent(changes);
  if (event) em.persist(event);
}
