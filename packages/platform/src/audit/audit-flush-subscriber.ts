import type { EventSubscriber, FlushEventArgs } from '@mikro-orm/core';
import type { EntityChange } from './audit-record.js';
import { auditOutboxEvent } from './audit-outbox.js';
import { currentAuditScope } from './audit-scope.js';
import { changeOfChangeSet } from './entity-changes.js';

/**
 * Audits every flush of the unit of work that runs inside a mutation or an event consumer: the changes of its change
 * sets become one `audit.recorded` row in the subgraph's outbox, written by the same flush, so in the same
 * transaction as the changes (the relay publishes it once committed; a rollback takes it away with them).
 */
export class AuditFlushSubscriber implements EventSubscriber {
  onFlush({ uow }: FlushEventArgs): void {
    if (!currentAuditScope()) return;
    const changes: EntityChange[] = [];
    for (const changeSet of uow.getChangeSets()) {
      const change = changeOfChangeSet(changeSet);
      if (change) changes.push(change);
    }
    const event = auditOutboxEvent(changes);
    if (!event) return;
    uow.computeChangeSet(event);
  }
}
