import type { AuditRecorded } from '@erp/platform';
import type pg from 'pg';

/** What differs between two orders made the same way: their ids, numbers and times. */
const VOLATILE_FIELDS = new Set(['number', 'createdAt', 'placedAt', 'at', 'order']);

/**
 * What sales' audit trail says about an order, however many `audit.recorded` events said it (the graph writes one per
 * mutation, the SQL floor one for its single request): each record's fields folded to their last value, ids, numbers
 * and times left out, records in a stable order, and who acted.
 */
export async function auditedOrder(db: pg.Client, orderId: string): Promise<unknown> {
  const { rows } = await db.query<{ payload: AuditRecorded }>(
    `select payload from sales.outbox_event
      where type = 'audit.recorded' and payload->'changes' @> jsonb_build_array(jsonb_build_object('entityId', $1::text))
      order by occurred_at, id`,
    [orderId],
  );
  const records = new Map<string, { entityType: string; fields: Record<string, unknown> }>();
  for (const { payload } of rows) {
    for (const change of payload.changes) {
      const record = records.get(change.entityId) ?? { entityType: change.entityType, fields: {} };
      for (const { field, after } of change.fields) if (!VOLATILE_FIELDS.has(field)) record.fields[field] = after;
      records.set(change.entityId, record);
    }
  }
  const sortKey = (record: { entityType: string; fields: Record<string, unknown> }) => `${record.entityType} ${JSON.stringify(record.fields)}`;
  return {
    actors: [...new Set(rows.map(({ payload }) => JSON.stringify(payload.actor)))],
    records: [...records.values()].sort((a, b) => sortKey(a).localeCompare(sortKey(b))),
  };
}
