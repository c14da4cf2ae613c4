import type { Logger } from 'pino';
import type { Orm } from '../data/orm.js';
import type { EventBus, EventJob } from './event-bus.js';
import type { LiveEvents } from '../live/live-events.js';
import { eventOf, recordDeliveries, takeOwedDeliveries } from './delivery-ledger.js';
import { jobEntityManager } from './job-entity-manager.js';
import { purgePublishedEvents } from './outbox-purge.js';
import { BusUnreachable, RelayOutage } from './relay-outage.js';
import { ownSchema, tableOf } from '../data/table-name.js';
import { OutboxEvent } from './outbox-event.entity.js';
import { BUS_SCHEMA } from './bus-schema.js';

const BATCH = 100;
/** How often an idle relay looks: a write in this process wakes it (`wake`), other writers are seen by polling. */
const IDLE_MS = 250;
/**
 * A woken relay runs at once if its last run ended at least this long ago, else when this much has passed since:
 * under a stream of commits it sends them in batches, one transaction (begin, read, ledger, stamp, commit) per run and
 * gap rather than one per commit, and an event waits at most this long more than it would have. Measured from the end
 * of a run, so that a relay slowed down by a busy database does not run back to back.
 */
export const WAKE_GAP_MS = 50;
/**
 * How often a relay that failed tries again. Constant, not a growing backoff: one statement and one Redis command a
 * try cost nothing beside an outage, and the outbox flows again within half a second of its return.
 */
const RETRY_MS = 500;
const PURGE_EVERY_MS = 60 * 60 * 1000;
/** A delivery not acknowledged this long after it was sent is sent again (see delivery-ledger.ts). */
export const DEFAULT_REDELIVER_AFTER_MS = 30_000;

async function enqueue(bus: EventBus, jobs: EventJob[]): Promise<void> {
  try {
    await bus.enqueue(jobs);
  } catch (error) {
    throw new BusUnreachable(error);
  }
}

/** How often the relay looks for owed deliveries: a few times per redelivery period, between 250 ms and 5 s. */
export function redeliveryCheckEvery(redeliverAfterMs: number): number {
  return Math.min(5_000, Math.max(250, Math.floor(redeliverAfterMs / 4)));
}

export interface OutboxRelayOptions {
  /** Sends a delivery again when its consumer has not acknowledged it this long after it was sent (default 30 s). */
  redeliverAfterMs?: number;
}

/**
 * Publishes a subgraph's outbox: takes unpublished events oldest first (FOR UPDATE SKIP LOCKED, so several instances
 * share the work), records in the bus ledger a delivery for every consumer subscribed to each event's type, queues
 * the jobs and stamps the events with the time and their place in the event sequence, all in one transaction. When the bus is unreachable (Redis down) the transaction
 * rolls back: the events wait in the outbox and go out, in order, when it returns. Once committed, the batch is also
 * handed to the live events that feed subscriptions.
 *
 * A delivery its consumer has not acknowledged in time (its job was lost: a Redis restarted empty, a process that
 * died with the in-process bus) is sent again from this outbox, to that consumer only.
 *
 * After a failure it tries again every RETRY_MS, and logs which side failed once per outage and once on recovery.
 */
export class OutboxRelay {
  private timer: NodeJS.Timeout | null = null;
  /** When the scheduled run is due (`Date.now()` time). */
  private dueAt = 0;
  /** When the last run ended. */
  private lastRunEndedAt = -Infinity;
  private stopped = false;
  private running = false;
  private wakeRequested = false;
  private current: Promise<void> = Promise.resolve();
  private purgeTimer: NodeJS.Timeout | null = null;
  private lastRedeliveryCheck = 0;
  private readonly redeliverAfterMs: number;
  private readonly outage: RelayOutage;

  constructor(
    private readonly orm: Orm,
    private readonly bus: EventBus,
    private readonly log: Logger,
    private readonly live?: LiveEvents,
    options: OutboxRelayOptions = {},
  ) {
    this.redeliverAfterMs = options.redeliverAfterMs ?? DEFAULT_REDELIVER_AFTER_MS;
    this.outage = new RelayOutage(log);
  }

  start(): void {
    this.schedule(0);
    const purge = () =>
      void purgePublishedEvents(this.orm)
        .then((deleted) => deleted > 0 && this.log.info({ deleted }, 'old published events purged from the outbox'))
        .catch((error: unknown) => this.log.warn({ err: error }, 'outbox purge failed'));
    purge();
    this.purgeTimer = setInterval(purge, PURGE_EVERY_MS);
    this.purgeTimer.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.purgeTimer) clearInterval(this.purgeTimer);
    await this.current;
  }

  /**
   * Something was just committed: look now rather than at the next poll, or, if the last run ended less than
   * WAKE_GAP_MS ago, once that gap has passed, together with whatever else is committed until then (nothing happens
   * in an outage: the relay is retrying anyway).
   */
  wake(): void {
    if (this.stopped || this.outage.active) return;
    if (this.running) {
      this.wakeRequested = true;
      return;
    }
    const delay = this.gapLeft();
    if (this.timer && this.dueAt <= Date.now() + delay) return;
    if (this.timer) clearTimeout(this.timer);
    this.schedule(delay);
  }

  private gapLeft(): number {
    return Math.max(0, this.lastRunEndedAt + WAKE_GAP_MS - Date.now());
  }

  private schedule(delay: number): void {
    if (this.stopped) return;
    this.dueAt = Date.now() + delay;
    this.timer = setTimeout(() => {
      this.current = this.tick();
    }, delay);
  }

  private async tick(): Promise<void> {
    this.timer = null;
    this.running = true;
    this.wakeRequested = false;
    let published = 0;
    try {
      published = await this.relayBatch();
      if (Date.now() - this.lastRedeliveryCheck >= redeliveryCheckEvery(this.redeliverAfterMs)) {
        const sent = await this.redeliverOwed();
        this.lastRedeliveryCheck = Date.now();
        if (sent > 0) this.log.info({ sent }, 'unacknowledged deliveries sent again');
      }
      this.outage.recovered();
    } catch (error) {
      this.outage.failed(error);
    }
    this.running = false;
    this.lastRunEndedAt = Date.now();
    const delay = this.outage.active ? RETRY_MS : published === BATCH ? 0 : this.wakeRequested ? this.gapLeft() : IDLE_MS;
    this.schedule(delay);
  }

  /** Publishes one batch; returns how many events went out. */
  async relayBatch(): Promise<number> {
    // Background work stays out of the query log (statement counts in tests and benchmarks measure requests).
    const quiet = { enabled: false };
    if (!(await this.anythingToPublish(quiet))) return 0;
    const em = jobEntityManager(this.orm);
    const table = tableOf(em, OutboxEvent);
    const source = ownSchema(em);
    const published = await em.transactional(async (tx) => {
      const transaction = { connection: tx.getConnection(), context: tx.getTransactionContext() };
      const rows = (await transaction.connection.execute(
        `select id, type, aggregate_id, payload, occurred_at from ${table}
         where published_at is null order by occurred_at, id limit ${BATCH} for update skip locked`,
        [],
        'all',
        transaction.context,
        quiet,
      )) as Parameters<typeof eventOf>[0][];
      if (rows.length === 0) return [];
      const events = rows.map((row) => eventOf(row, source));
      await enqueue(this.bus, await recordDeliveries(transaction, source, events, this.redeliverAfterMs));
      const numbered = (await transaction.connection.execute(
        `with numbered as (
           select id, nextval('"${BUS_SCHEMA}"."event_sequence"') as sequence
           from unnest(?::uuid[]) with ordinality as u(id, position) order by position
         )
         update ${table} o set published_at = now(), sequence = numbered.sequence
         from numbered where o.id = numbered.id
         returning o.id, o.sequence::text as sequence`,
        [`{${rows.map((row) => row.id).join(',')}}`],
        'all',
        transaction.context,
        quiet,
      )) as { id: string; sequence: string }[];
      const sequenceOf = new Map(numbered.map((row) => [row.id, row.sequence]));
      return events.map((event) => ({ ...event, sequence: sequenceOf.get(event.id) }));
    }, { loggerContext: quiet });
    if (published.length > 0) await this.live?.publish(published).catch((error: unknown) => this.log.warn({ err: error }, 'live events not published'));
    return published.length;
  }

  /**
   * One plain statement, no transaction and no EntityManager: most runs of an idle relay (four a second per subgraph)
   * find nothing, and a transaction on a fork cost them three round trips and the ORM's bookkeeping each. An event
   * committed just after this look wakes the relay again (`wake`).
   */
  private async anythingToPublish(quiet: { enabled: boolean }): Promise<boolean> {
    const connection = this.orm.em.getConnection();
    const rows = await connection.execute(`select 1 from ${tableOf(this.orm.em, OutboxEvent)} where published_at is null limit 1`, [], 'all', undefined, quiet);
    return (rows as unknown[]).length > 0;
  }

  /** Sends again, each to its consumer, the deliveries of this outbox that are owed past their time; returns how many. */
  async redeliverOwed(): Promise<number> {
    const em = jobEntityManager(this.orm);
    const table = tableOf(em, OutboxEvent);
    const source = ownSchema(em);
    return em.transactional(async (tx) => {
      const jobs = await takeOwedDeliveries({ connection: tx.getConnection(), context: tx.getTransactionContext() }, source, table, this.redeliverAfterMs, BATCH);
      await enqueue(this.bus, jobs);
      return jobs.length;
    }, { loggerContext: { enabled: false } });
  }
}
