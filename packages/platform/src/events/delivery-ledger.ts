import type { EntityManager } from '@mikro-orm/postgresql';
import type { Orm } from '../data/orm.js';
import { BUS_SCHEMA } from './bus-schema.js';
import type { DomainEvent } from './domain-event.js';
import { DEFAULT_ATTEMPTS, DEFAULT_BACKOFF_MS, type EventJob, type FailedJob, type Subscription } from './event-bus.js';

/**
 * The bus ledger: what the bus owes whom, kept in PostgreSQL (schema `erp_bus`, the kit's own), so that Redis is only
 * transport and may forget.
 *
 * - `subscription`: which consumer handles which event type, with its retry settings; each consumer writes its rows
 *   when it starts (and drops the types it no longer handles). The relay routes every event by it.
 * - `delivery`: one row per (event, consumer) the relay has sent, written in the transaction that marks the event
 *   published. A consumer acknowledges it once its handler has succeeded; a job the transport gave up on is recorded
 *   as failed. A delivery neither acknowledged nor failed by its `due_at` is sent again by the producer's relay, to
 *   that consumer only: the transport ignores it while it still knows the job (same event id), and `consumeOnce`
 *   makes a second handling a no-op when an acknowledgement was lost.
 *
 * Background statements stay out of the query log (statement counts measure requests).
 */
const QUIET = { enabled: false };
const SUBSCRIPTION = `"${BUS_SCHEMA}"."subscription"`;
const DELIVERY = `"${BUS_SCHEMA}"."delivery"`;

type Connection = ReturnType<EntityManager['getConnection']>;
type Transaction = { connection: Connection; context: unknown };

interface OutboxRow {
  id: string;
  type: string;
  aggregate_id: string;
  payload: unknown;
  occurred_at: Date | string;
}

/** An outbox row as the event consumers receive. */
export function eventOf(row: OutboxRow, source: string): DomainEvent {
  return {
    id: row.id,
    type: row.type,
    source,
    aggregateId: row.aggregate_id,
    payload: typeof row.payload === 'string' ? JSON.parse(row.payload) : row.payload,
    occurredAt: new Date(row.occurred_at).toISOString(),
  };
}

function run<T>(tx: Transaction, sql: string, params: unknown[]): Promise<T[]> {
  return tx.connection.execute(sql, params, 'all', tx.context as never, QUIET) as Promise<T[]>;
}

function execute<T>(orm: Orm, sql: string, params: unknown[]): Promise<T[]> {
  return orm.em.getConnection().execute(sql, params, 'all', undefined, QUIET) as Promise<T[]>;
}

const textArray = (values: readonly string[]) => `{${values.map((value) => `"${value.replace(/["\\]/g, '\\$&')}"`).join(',')}}`;

/**
 * Says which types this consumer handles from now on. Types it handled before and no longer does are dropped, with
 * what was still owed to it of them; `registered_at` keeps the first registration.
 */
export async function registerConsumer(orm: Orm, subscription: Subscription & { service: string }): Promise<void> {
  const types = subscription.types.map(({ type }) => type);
  await orm.em.fork({ disableContextResolution: true }).transactional(
    async (em) => {
      const tx = { connection: em.getConnection(), context: em.getTransactionContext() };
      await run(
        tx,
        `insert into ${SUBSCRIPTION} (consumer, event_type, service, attempts, backoff_ms)
         select ?, type, ?, ?, ? from unnest(?::text[]) as type
         on conflict (consumer, event_type) do update
           set service = excluded.service, attempts = excluded.attempts, backoff_ms = excluded.backoff_ms, seen_at = now()`,
        [subscription.consumer, subscription.service, subscription.attempts ?? DEFAULT_ATTEMPTS, subscription.backoffMs ?? DEFAULT_BACKOFF_MS, textArray(types)],
      );
      await run(tx, `delete from ${SUBSCRIPTION} where consumer = ? and not (event_type = any(?::text[]))`, [subscription.consumer, textArray(types)]);
      await run(tx, `delete from ${DELIVERY} where consumer = ? and acked_at is null and failed_at is null and not (event_type = any(?::text[]))`, [
        subscription.consumer,
        textArray(types),
      ]);
    },
    { loggerContext: QUIET },
  );
}

/**
 * The consumers have handled these events. An upsert, not an update: a fast consumer can get here before the relay's
 * transaction that wrote the delivery has committed, and the insert then waits for it instead of missing the row. One
 * statement for the lot, each delivery once and in key order (two writers lock shared rows in the same order).
 */
export async function acknowledgeAll(orm: Orm, deliveries: readonly { consumer: string; eventId: string }[]): Promise<void> {
  const keys = [...new Map(deliveries.map((d) => [`${d.eventId}\n${d.consumer}`, d])).values()].sort(
    (a, b) => (a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : a.consumer < b.consumer ? -1 : a.consumer > b.consumer ? 1 : 0),
  );
  await execute(
    orm,
    `insert into ${DELIVERY} (event_id, consumer, acked_at)
     select d.event_id, d.consumer, now() from unnest(?::uuid[], ?::text[]) with ordinality as d(event_id, consumer, position) order by d.position
     on conflict (event_id, consumer) do update set acked_at = now() where ${DELIVERY}.acked_at is null`,
    [textArray(keys.map((d) => d.eventId)), textArray(keys.map((d) => d.consumer))],
  );
}

/** The transport tried the last time and gave up: the delivery is no longer owed, and shows among the failed jobs. */
export async function recordFailedDelivery(orm: Orm, job: { consumer: string; service: string; event: DomainEvent; attempts: number; error: string }): Promise<void> {
  await execute(
    orm,
    `insert into ${DELIVERY} (event_id, consumer, event_type, failed_at, service, attempts, error) values (?, ?, ?, now(), ?, ?, ?)
     on conflict (event_id, consumer) do update
       set failed_at = now(), event_type = excluded.event_type, service = excluded.service, attempts = excluded.attempts, error = excluded.error
       where ${DELIVERY}.acked_at is null`,
    [job.event.id, job.consumer, job.event.type, job.service, job.attempts, job.error],
  );
}

/** Jobs the transport gave up on (and nobody handled since), most recent first. */
export async function failedDeliveries(orm: Orm, limit = 200): Promise<FailedJob[]> {
  const rows = await execute<{ consumer: string; service: string | null; event_id: string; event_type: string | null; attempts: number | null; error: string | null; failed_at: Date }>(
    orm,
    `select consumer, service, event_id, event_type, attempts, error, failed_at from ${DELIVERY}
     where failed_at is not null and acked_at is null order by failed_at desc limit ${Number(limit)}`,
    [],
  );
  return rows.map((row) => ({
    consumer: row.consumer,
    service: row.service ?? 'unknown',
    eventId: row.event_id,
    eventType: row.event_type ?? 'unknown',
    attempts: row.attempts ?? 0,
    error: row.error ?? 'unknown',
    failedAt: new Date(row.failed_at).toISOString(),
  }));
}

/**
 * In the relay's transaction: records a delivery for every consumer subscribed to each event's type, owed until
 * `redeliverAfterMs` from now, and returns the jobs to queue, in the events' order.
 */
export async function recordDeliveries(tx: Transaction, source: string, events: DomainEvent[], redeliverAfterMs: number): Promise<EventJob[]> {
  if (events.length === 0) return [];
  const rows = await run<{ event_id: string; consumer: string; attempts: number; backoff_ms: number }>(
    tx,
    `with route as (
       select e.id, e.type, s.consumer, s.attempts, s.backoff_ms
       from unnest(?::uuid[], ?::text[]) as e(id, type) join ${SUBSCRIPTION} s on s.event_type = e.type
     ), recorded as (
       insert into ${DELIVERY} (event_id, consumer, source, event_type, due_at)
       select id, consumer, ?, type, now() + make_interval(secs => ?) from route
       on conflict (event_id, consumer) do update set source = excluded.source, event_type = excluded.event_type, due_at = excluded.due_at
         where ${DELIVERY}.acked_at is null and ${DELIVERY}.failed_at is null
       returning event_id, consumer
     )
     select r.id as event_id, r.consumer, r.attempts, r.backoff_ms from route r join recorded d on d.event_id = r.id and d.consumer = r.consumer`,
    [textArray(events.map((event) => event.id)), textArray(events.map((event) => event.type)), source, redeliverAfterMs / 1000],
  );
  const byEvent = new Map<string, typeof rows>();
  for (const row of rows) byEvent.set(row.event_id, [...(byEvent.get(row.event_id) ?? []), row]);
  return events.flatMap((event) =>
    (byEvent.get(event.id) ?? []).map((row) => ({ consumer: row.consumer, event, attempts: row.attempts, backoffMs: row.backoff_ms })),
  );
}

/**
 * In the relay's transaction: the deliveries of this outbox that are due and still owed (oldest first, at most
 * `limit`, skipping those another relay instance holds), pushed back by `redeliverAfterMs`, as jobs to queue again.
 */
export async function takeOwedDeliveries(tx: Transaction, source: string, outboxTable: string, redeliverAfterMs: number, limit: number): Promise<EventJob[]> {
  const rows = await run<OutboxRow & { consumer: string; attempts: number | null; backoff_ms: number | null }>(
    tx,
    `with due as (
       select event_id, consumer from ${DELIVERY}
       where source = ? and acked_at is null and failed_at is null and due_at <= now()
       order by due_at limit ${Number(limit)} for update skip locked
     )
     update ${DELIVERY} d set due_at = now() + make_interval(secs => ?), redeliveries = d.redeliveries + 1
     from due
       join ${outboxTable} o on o.id = due.event_id
       left join ${SUBSCRIPTION} s on s.consumer = due.consumer and s.event_type = o.type
     where d.event_id = due.event_id and d.consumer = due.consumer
     returning d.consumer, o.id, o.type, o.aggregate_id, o.payload, o.occurred_at, s.attempts, s.backoff_ms`,
    [source, redeliverAfterMs / 1000],
  );
  return rows
    .map((row) => ({ consumer: row.consumer, event: eventOf(row, source), attempts: row.attempts ?? DEFAULT_ATTEMPTS, backoffMs: row.backoff_ms ?? DEFAULT_BACKOFF_MS }))
    .sort((a, b) => a.event.occurredAt.localeCompare(b.event.occurredAt) || a.event.id.localeCompare(b.event.id));
}

/** The SQL condition "no consumer is still owed this outbox event" (`alias` names the outbox row). */
export function noDeliveryOwed(alias: string): string {
  return `not exists (select 1 from ${DELIVERY} owed where owed.event_id = ${alias}.id and owed.acked_at is null and owed.failed_at is null)`;
}

/** Deletes acknowledgements older than `retentionDays` of this outbox (and of none), in batches. */
export async function purgeAcknowledged(orm: Orm, source: string, retentionDays: number, batch: number): Promise<number> {
  let deleted = 0;
  for (;;) {
    const rows = await execute(
      orm,
      `delete from ${DELIVERY} where (event_id, consumer) in (
         select event_id, consumer from ${DELIVERY}
         where acked_at < now() - make_interval(days => ?) and (source = ? or source is null) limit ${Number(batch)}
       ) returning event_id`,
      [retentionDays, source],
    );
    deleted += rows.length;
    if (rows.length < batch) return deleted;
  }
}
