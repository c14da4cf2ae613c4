import type { AuditRecorded } from '@erp/contracts';
import { BadUserInputError, ForbiddenError, paginateRows, sql, type Connection, type DomainEvent, type EntityManager, type PageRequest, type RequestContext, type Row } from '@erp/platform';
import { AuditEntry } from './audit-entry.entity.js';

export type AuditEntryRow = Row<AuditEntry>;

/** Properties the computed fields of AuditEntry read, for `requestedFields`. */
export const AUDIT_ENTRY_FIELD_NEEDS = { actor: ['actorKind', 'actorId', 'actorRoles', 'actorScopes', 'onBehalfOf'] };

export interface AuditLogFilterInput {
  entityType?: string | null;
  entityId?: string | null;
  actorId?: string | null;
  mutation?: string | null;
  from?: Date | null;
  to?: Date | null;
}

/** Keeps every record's change of one `audit.recorded` event; run once per event (consumeOnce). */
export function storeAuditRecord(tx: EntityManager, event: DomainEvent<AuditRecorded>): void {
  const record = event.payload;
  for (const change of record.changes) {
    tx.create(AuditEntry, {
      eventId: event.id,
      occurredAt: new Date(record.at),
      subgraph: event.source,
      mutation: record.mutation,
      job: record.job,
      requestId: record.requestId,
      actorKind: record.actor.kind,
      actorId: record.actor.id,
      actorRoles: record.actor.roles,
      actorScopes: record.actor.scopes,
      onBehalfOf: record.actor.onBehalfOf,
      entityType: change.entityType,
      entityId: change.entityId,
      action: change.action,
      changes: change.fields,
    });
  }
}

/**
 * The trail, newest first, filtered. The resolver lets only admins ask (`audit:read`); an API key never reads it, even
 * one given that scope, since any manager can make a key with any scope.
 */
export function listAuditLog(ctx: RequestContext, filter: AuditLogFilterInput, page: PageRequest, fields: readonly string[]): Promise<Connection<AuditEntryRow>> {
  if (ctx.caller?.kind !== 'user') throw new ForbiddenError('The audit trail is read by a signed-in admin, not with an API key.');
  if (filter.from && filter.to && filter.from >= filter.to) throw new BadUserInputError('filter.from must be before filter.to.', { field: 'filter.from' });
  const text = (value: string | null | undefined) => (value?.trim() ? value.trim() : null);
  const entityType = text(filter.entityType);
  const entityId = text(filter.entityId);
  const actorId = text(filter.actorId);
  const mutation = text(filter.mutation);
  return paginateRows<AuditEntryRow>({
    db: ctx.db,
    entity: AuditEntry,
    fields,
    where: [
      entityType && sql`t.entity_type = ${entityType}`,
      entityId && sql`t.entity_id = ${entityId}`,
      actorId && sql`t.actor_id = ${actorId}`,
      mutation && sql`t.mutation = ${mutation}`,
      filter.from && sql`t.occurred_at >= ${filter.from.toISOString()}::timestamptz`,
      filter.to && sql`t.occurred_at < ${filter.to.toISOString()}::timestamptz`,
    ],
    sort: { field: 'occurredAt', direction: 'DESC' },
    page,
  });
}
