import type { Logger } from 'pino';
import type { Orm } from '../data/orm.js';
import type { DomainEvent } from './domain-event.js';
import type { EventBus } from './event-bus.js';
import type { LiveEvents } from '../live/live-events.js';
import { jobEntityManager } from './job-entity-manager.js';
import { purgePublishedEvents } from './outbox-purge.js';
import { ownSchema, tableOf } from '../data/table-name.js';
import { OutboxEvent } from './outbox-event.entity.js';

const BATCH = 100;
/** How often an idle relay looks: a write in this process wakes it at once (`wake`), other writers are seen by polling. */
const IDLE_MS = 250;
const MAX_BACKOFF_MS = 10_000;
const PURGE_EVERY_MS = 60 * 60 * 1000;

/**
 * Publishes a subgraph's outbox: takes unpublished events oldest first (FOR UPDATE SKIP LOCKED, so several instances
 * share the work), publishes them and stamps them in the same transaction. When the bus is unreachable (Redis down)
 * the transaction rolls back: the events wait in the outbox and go out, in order, when it returns. Once committed,
 * the batch is also handed to the live events that feed subscriptions.
 */
export class OutboxRelay {
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  private failures = 0;
  private running = false;
  private wakeRequested = false;
  private current: Promise<void> = Promise.resolve();
  private purgeTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly orm: Orm,
    private readonly bus: EventBus,
    private readonly log: Logger,
    private readonly live?: LiveEvents,
  ) {}

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

  /** Something was just committed: look now rather than at the next poll (unless the bus is known to be down). */
  wake(): void {
    if (this.stopped || this.failures > 0) return;
    if (this.running) {
      this.wakeRequested = true;
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    this.schedule(0);
  }

  private schedule(delay: number): void {
    if (this.stopped) return;
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
      if (this.failures > 0) this.log.info({ after: this.failures }, 'event bus reachable again: outbox flowing');
      this.failures = 0;
    } catch (error) {
      this.failures += 1;
      if (this.failures === 1) this.log.warn({ err: error }, 'event bus unreachable: events wait in the outbox');
    }
    this.running = false;
    const delay = this.failures > 0 ? Math.min(MAX_BACKOFF_MS, IDLE_MS * 2 ** this.failures) : published === BATCH || this.wakeRequested ? 0 : IDLE_MS;
    this.schedule(delay);
  }

  /** Publishes one batch; returns how many events went out. */
  async relayBatch(): Promise<number> {
    // Background work stays out of the query log (statement counts in tests and benchmarks measure requests).
    const quiet = { enabled: false };
    const em = jobEntityManager(this.orm);
    const table = tableOf(em, OutboxEvent);
    const source = ownSchema(em);
    const published = await em.transactional(async (tx) => {
      const connection = tx.getConnection();
      const context = tx.getTransactionContext();
      const rows = (await connection.execute(
        `select id, type, aggregate_id, payload, occurred_at from ${table}
         where published_at is null order by occurred_at, id limit ${BATCH} for update skip locked`,
        [],
        'all',
        context,
        quiet,
      )) as { id: string; type: string; aggregate_id: string; payload: Record<string, unknown>; occurred_at: Date }[];
      if (rows.length === 0) return [];
      const events: DomainEvent[] = rows.map((row) => ({
        id: row.id,
        type: row.type,
        source,
        aggregateId: row.aggregate_id,
        payload: typeof row.payload === 'string' ? JSON.parse(row.payload) : row.payload,
        occurredAt: new Date(row.occurred_at).toISOString(),
      }));
      await this.bus.publish(events);
      await connection.execute(
        `update ${table} set published_at = now() where id = any(?::uuid[])`,
        [`{${rows.map((row) => row.id).join(',')}}`],
        'all',
        context,
        quiet,
      );
      return events;
    }, { loggerContext: quiet });
    if (published.length > 0) await this.live?.publish(published).catch((error: unknown) => this.log.warn({ err: error }, 'live events not published'));
    return published.length;
  }
}
