import { webhookDeliveryRequested } from '@erp/contracts';
import { BadUserInputError, decodeCursor, encodeCursor, ForbiddenError, onDemand, pageSize, recordEvent, sql, type Connection, type DomainEvent, type EntityManager, type PageRequest, type RequestContext, type Row } from '@erp/platform';
import { ownSchema, tableOf } from '@erp/platform';
import { WebhookDelivery } from '../webhook/webhook-delivery.entity.js';
import { WebhookEndpoint } from '../webhook/webhook-endpoint.entity.js';
import { checkedEventTypes, readableEventTypes } from './partner-event-types.js';
import { PartnerEvent } from './partner-event.entity.js';

// Background work stays out of the query log (statement counts in tests and benchmarks measure requests).
const QUIET = { enabled: false };
/**
 * Taken before an event gets its number and held until its transaction commits: numbers are then handed out in
 * commit order, so a reader that has seen number n never later finds a smaller number committed (a bare sequence
 * gives numbers in call order, and a transaction that commits late would slip in behind a partner's cursor).
 */
const NUMBERING_LOCK = 7_311_245_101;

function execute<T>(tx: EntityManager, query: string, params: unknown[]): Promise<T[]> {
  return tx.getConnection().execute(query, params, 'all', tx.getTransactionContext(), QUIET) as Promise<T[]>;
}

export interface Ingested {
  sequence: bigint;
  deliveries: { id: string; endpointId: string }[];
}

/**
 * In the consumer's transaction: keeps the event for the feed under the next number, and makes one delivery for every
 * enabled endpoint subscribed to its type, each with the outbox event that has it sent. Null when the event is
 * already known (the bus delivers at least once).
 */
export async function ingestPartnerEvent(tx: EntityManager, event: DomainEvent): Promise<Ingested | null> {
  await execute(tx, 'select pg_advisory_xact_lock(?)', [NUMBERING_LOCK]);
  const events = tableOf(tx, PartnerEvent);
  const [kept] = await execute<{ sequence: string }>(
    tx,
    `insert into ${events} (id, sequence, type, source, aggregate_id, data, occurred_at, received_at)
     values (?, nextval('"${ownSchema(tx)}"."partner_event_sequence"'), ?, ?, ?, ?, ?, now())
     on conflict (id) do nothing returning sequence::text as sequence`,
    [event.id, event.type, event.source, event.aggregateId, JSON.stringify(event.payload ?? {}), event.occurredAt],
  );
  if (!kept) return null;
  const deliveries = await execute<{ id: string; endpoint_id: string }>(
    tx,
    `insert into ${tableOf(tx, WebhookDelivery)} (id, endpoint_id, event_id, event_type, status, attempt_count, created_at)
     select gen_random_uuid(), e.id, ?, ?, 'PENDING', 0, now() from ${tableOf(tx, WebhookEndpoint)} e
     where e.enabled and ? = any(e.events)
     on conflict do nothing returning id, endpoint_id`,
    [event.id, event.type, event.type],
  );
  for (const delivery of deliveries) {
    recordEvent(tx, webhookDeliveryRequested, delivery.id, { deliveryId: delivery.id, endpointId: delivery.endpoint_id, eventId: event.id, eventType: event.type });
  }
  await tx.flush();
  return { sequence: BigInt(kept.sequence), deliveries: deliveries.map((row) => ({ id: row.id, endpointId: row.endpoint_id })) };
}

export type PartnerEventRow = Omit<Row<PartnerEvent>, 'sequence'> & { sequence: string };

const FEED_SORT = 'sequence:ASC';

/** The number a cursor points after; before the first event without one. */
function sequenceAfter(cursor: string | null | undefined): string {
  if (!cursor) return '0';
  const { value } = decodeCursor(cursor, FEED_SORT);
  if (typeof value !== 'string' || !/^\d{1,19}$/.test(value)) throw new BadUserInputError('after is not a cursor this API returned.', { field: 'after' });
  return value;
}

/**
 * The feed: partner events in their numbered order, oldest first, of the types the caller may read (all of them, or
 * those asked for, each checked). A cursor is a position in that order, so paging on never skips or repeats an event.
 * The numbers are unique, so the seek is `sequence > n` alone: an index range, where the kit's general keyset (with
 * its `or (= n and id > …)` tie-break) made PostgreSQL scan the index from the start, 1 s deep into 500,000 events.
 */
export async function listPartnerEvents(ctx: RequestContext, types: readonly string[] | null | undefined, page: PageRequest, fields: readonly string[]): Promise<Connection<PartnerEventRow>> {
  const wanted = types && types.length > 0 ? checkedEventTypes(ctx.caller, types, 'types') : readableEventTypes(ctx.caller);
  if (wanted.length === 0) throw new ForbiddenError('Reading partner events needs a read scope of at least one: orders:read, invoices:read, customers:read or catalog:read.');
  const limit = pageSize(page.first);
  const afterSequence = sequenceAfter(page.after);
  const ofTypes = sql`t.type = any(${wanted}::text[])`;
  const rows = await ctx.db.rows<Row<PartnerEvent>>(
    sql`select ${ctx.db.columns(PartnerEvent, [...fields, 'sequence'])} from ${ctx.db.table(PartnerEvent)}
        where ${ofTypes} and t.sequence > ${afterSequence}::bigint order by t.sequence limit ${limit + 1}`,
  );
  const edges = rows.slice(0, limit).map((row) => {
    const sequence = String(row.sequence);
    return { node: { ...row, sequence }, cursor: encodeCursor({ sort: FEED_SORT, value: sequence, id: row.id }) };
  });
  const totalCount = onDemand(async () => (await ctx.db.first<{ count: number }>(sql`select count(*)::int as count from ${ctx.db.table(PartnerEvent)} where ${ofTypes}`))?.count ?? 0);
  return {
    edges,
    totalCount,
    pageInfo: { hasNextPage: rows.length > limit, hasPreviousPage: Boolean(page.after), startCursor: edges[0]?.cursor ?? null, endCursor: edges.at(-1)?.cursor ?? null },
  };
}

/** Deletes partner events received more than `retentionDays` ago (their deliveries go with them), in batches. */
export async function purgePartnerEvents(em: EntityManager, retentionDays: number, batch = 1_000): Promise<number> {
  let deleted = 0;
  for (;;) {
    const rows = await em.getConnection().execute(
      `delete from ${tableOf(em, PartnerEvent)} where id in (
         select id from ${tableOf(em, PartnerEvent)} where received_at < now() - make_interval(days => ?) order by received_at limit ${Number(batch)}
       ) returning id`,
      [retentionDays],
      'all',
      undefined,
      QUIET,
    );
    deleted += (rows as unknown[]).length;
    if ((rows as unknown[]).length < batch) return deleted;
  }
}
