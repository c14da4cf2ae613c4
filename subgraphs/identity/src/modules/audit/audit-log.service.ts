import type { AuditRecorded } from '@erp/contracts';
import { BadUserInputError, ForbiddenError, paginateRows, raw, sql, tableOf, type Connection, type DomainEvent, type PageRequest, type RequestContext, type Row, type RowReader, type Sql } from '@erp/platform';
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

/**
 * Keeps every record's change of one `audit.recorded` event: the effect (a CTE) of `consumeOnceInOneStatement`, one row per
 * change when the claim (`claimed`) is new, none for a redelivery. One statement per event, no ORM unit of work: every
 * mutation of every subgraph sends one, so this is among the platform's hottest background writes.
 */
export function auditEntriesInsert(db: RowReader, event: DomainEvent<AuditRecorded>): Sql {
  const record = event.payload;
  const changes = JSON.stringify(record.changes.map((change) => ({ entity_type: change.entityType, entity_id: change.entityId, action: change.action, fields: change.fields })));
  return sql`entries as (insert into ${raw(tableOf(db.metadata, AuditEntry))}
      (id, event_id, occurred_at, subgraph, mutation, job, request_id, actor_kind, actor_id, actor_roles, actor_scopes, on_behalf_of, entity_type, entity_id, action, changes)
    select gen_random_uuid(), c.event_id, ${record.at}::timestamptz, ${event.source}, ${record.mutation}, ${record.job}, ${record.requestId},
      ${record.actor.kind}, ${record.actor.id}, ${record.actor.roles}::text[], ${record.actor.scopes}::text[], ${record.actor.onBehalfOf}::uuid,
      x.change->>'entity_type', x.change->>'entity_id', x.change->>'action', x.change->'fields'
    from claimed c cross join jsonb_array_elements(${changes}::jsonb) with ordinality as x(change, n)
    order by x.n)`;
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
