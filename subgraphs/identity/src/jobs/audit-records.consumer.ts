import { auditRecorded } from '@erp/contracts';
import { consumeOnceInOneStatement, isEvent, type DomainEvent, type Subscription, type SubgraphEnvironment } from '@erp/platform';
import { auditEntriesInsert } from '../modules/audit/audit-log.service.js';

export const AUDIT_RECORDS_CONSUMER = 'identity.audit-records';

/**
 * Identity keeps the audit trail of every subgraph (they each record `audit.recorded` in their outbox with the change):
 * one place answers `auditLog`, and each event is stored once however often it is delivered, in one statement.
 */
export function auditRecordsConsumer(env: SubgraphEnvironment): Subscription {
  return {
    consumer: AUDIT_RECORDS_CONSUMER,
    types: [auditRecorded],
    attempts: 10,
    backoffMs: 500,
    handle: async (event: DomainEvent) => {
      if (!isEvent(event, auditRecorded)) return;
      await consumeOnceInOneStatement(env.db, AUDIT_RECORDS_CONSUMER, event, auditEntriesInsert(env.db, event));
    },
  };
}
