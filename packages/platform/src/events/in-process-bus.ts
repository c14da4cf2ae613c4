import { AsyncLocalStorage } from 'node:async_hooks';
import type { DomainEvent } from './domain-event.js';
import { backoffDelay, type EventBus, type FailedJob, type Subscription } from './event-bus.js';

const CONCURRENCY = 4;

interface Job {
  event: DomainEvent;
  attempt: number;
}

/** One consumer's queue: at most CONCURRENCY handlers at once, like a BullMQ worker, so a burst cannot drain the pool. */
class ConsumerQueue {
  private readonly waiting: Job[] = [];
  private running = 0;
  private readonly timers = new Set<NodeJS.Timeout>();
  private closed = false;
  /**
   * Handlers run in the async context of their subscription, not of the publisher: the relay publishes from inside
   * its transaction, and a handler inheriting that context would have its ORM resolve the publisher's EntityManager
   * (another subgraph's) instead of its own.
   */
  private readonly inSubscriberContext = AsyncLocalStorage.snapshot();

  constructor(
    readonly subscription: Subscription,
    private readonly onFailed: (job: FailedJob) => void,
  ) {}

  add(job: Job, delayMs = 0): void {
    if (this.closed) return;
    if (delayMs === 0) {
      this.waiting.push(job);
      this.drain();
      return;
    }
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.add(job);
    }, delayMs);
    this.timers.add(timer);
  }

  close(): void {
    this.closed = true;
    this.waiting.length = 0;
    for (const timer of this.timers) clearTimeout(timer);
  }

  private drain(): void {
    while (!this.closed && this.running < CONCURRENCY && this.waiting.length > 0) {
      const job = this.waiting.shift()!;
      this.running += 1;
      this.inSubscriberContext(() => this.subscription.handle(job.event, { attempt: job.attempt, attempts: this.subscription.attempts ?? 5 }))
        .catch((error: unknown) => this.retry(job, error))
        .finally(() => {
          this.running -= 1;
          this.drain();
        });
    }
  }

  private retry(job: Job, error: unknown): void {
    const attempts = this.subscription.attempts ?? 5;
    if (job.attempt < attempts) {
      this.add({ event: job.event, attempt: job.attempt + 1 }, backoffDelay(job.attempt, this.subscription.backoffMs ?? 500));
      return;
    }
    this.onFailed({
      consumer: this.subscription.consumer,
      service: this.subscription.service ?? 'unknown',
      eventId: job.event.id,
      eventType: job.event.type,
      attempts,
      error: String((error as Error)?.message ?? error),
      failedAt: new Date().toISOString(),
    });
  }
}

/**
 * The embedded default: the delivery rules of the BullMQ bus (a queue per consumer, bounded concurrency, retries with
 * exponential backoff, failed jobs kept) in this process. Events handed to it are not durable across a crash.
 */
export class InProcessEventBus implements EventBus {
  private readonly queues: ConsumerQueue[] = [];
  private readonly failed: FailedJob[] = [];

  async publish(events: DomainEvent[]): Promise<void> {
    for (const event of events) {
      for (const queue of this.queues) if (queue.subscription.types.some(({ type }) => type === event.type)) queue.add({ event, attempt: 1 });
    }
  }

  async subscribe(subscription: Subscription): Promise<void> {
    this.queues.push(new ConsumerQueue(subscription, (job) => this.failed.push(job)));
  }

  async failedJobs(): Promise<FailedJob[]> {
    return [...this.failed];
  }

  async close(): Promise<void> {
    for (const queue of this.queues) queue.close();
  }
}
