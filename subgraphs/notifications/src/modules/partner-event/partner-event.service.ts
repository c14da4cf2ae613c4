import { webhookDeliveryRequested, type WebhookDeliveryRequested } from '@erp/contracts';
import {
  BadUserInputError,
  decodeCursor,
  encodeCursor,
  ForbiddenError,
  joinSql,
  onDemand,
  OutboxEvent,
  ownSchema,
  pageSize,
  raw,
  sql,
  tableOf,
  type Connection,
  type DomainEvent,
  type EntityManager,
  type PageRequest,
  type RequestContext,
  type Row,
  type RowReader,
  type Sql,
} from '@erp/platform';
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

/**
 * The effect of `consumeOnceInOneStatement` for a partner-visible event (the claim is `claimed`): keeps the event for
 * the feed under the next number, and makes one delivery for every enabled endpoint subscribed to its type, each with
 * the outbox event that has it sent — one statement, so the numbering lock is held for one round trip, not for a
 * transaction's five. The lock is taken (`locked`) before the number is drawn from the row it gives (`kept` selects
 * from it) and released at commit. A redelivered event claims nothing, so nothing follows.
 */
export function partnerEventIngest(db: RowReader, event: DomainEvent): Sql {
  const table = (entity: Parameters<typeof tableOf>[1]) => raw(tableOf(db.metadata, entity));
  const numbers = raw(`'"${ownSchema(db.metadata)}"."partner_event_sequence"'`);
  // The outbox row's payload, key by key: what the webhook delivery consumer reads (WebhookDeliveryRequested).
  const payload: Record<keyof WebhookDeliveryRequested, Sql> = {
    deliveryId: raw('d.id'),
    endpointId: raw('d.endpoint_id'),
    eventId: sql`${event.id}::uuid`,
    eventType: sql`${event.type}::text`,
  };
  const payloadSql = joinSql(Object.entries(payload).map(([key, value]) => sql`${key}::text, ${value}`), ', ');
  return sql`locked as (select pg_advisory_xact_lock(${NUMBERING_LOCK}::bigint) from claimed),
    kept as (
      insert into ${table(PartnerEvent)} (id, sequence, type, source, aggregate_id, data, occurred_at, received_at)
      select ${event.id}::uuid, nextval(${numbers}::regclass), ${event.type}, ${event.source}, ${event.aggregateId}, ${JSON.stringify(event.payload ?? {})}::jsonb, ${event.occurredAt}::timestamptz, now()
      from locked
      on conflict (id) do nothing returning id
    ),
    deliveries as (
      insert into ${table(WebhookDelivery)} (id, endpoint_id, event_id, event_type, status, attempt_count, created_at)
      select gen_random_uuid(), e.id, k.id, ${event.type}, 'PENDING', 0, now()
      from kept k join ${table(WebhookEndpoint)} e on e.enabled and ${event.type} = any(e.events)
      on conflict do nothing returning id, endpoint_id
    ),
    requested as (
      insert into ${table(OutboxEvent)} (id, type, aggregate_id, payload, occurred_at)
      select gen_random_uuid(), ${webhookDeliveryRequested.type}, d.id::text, jsonb_build_object(${payloadSql}), now() from deliveries d
    )`;
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
