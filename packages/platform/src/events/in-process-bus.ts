import { AsyncLocalStorage } from 'node:async_hooks';
import type { DomainEvent } from './domain-event.js';
import { DEFAULT_ATTEMPTS, DEFAULT_CONCURRENCY, retryDelayOf, type EventBus, type EventJob, type FailedJob, type Subscription } from './event-bus.js';

/** How long and how many handled events stay known, so a late second copy is not run again (as BullMQ keeps them). */
const REMEMBER_COMPLETED_MS = 60 * 60 * 1000;
const REMEMBER_COMPLETED = 10_000;

interface Job {
  event: DomainEvent;
  attempt: number;
}

/**
 * One consumer's queue: at most its `concurrency` handlers at once, like a BullMQ worker, so a burst cannot drain the pool.
 * Like BullMQ with the event id as job id, it ignores an event it still knows (queued, running, retrying, parked, or
 * among the last handled within the hour): the relay sends unacknowledged events again, and one may be on its way.
 */
class ConsumerQueue {
  private readonly waiting: Job[] = [];
  private running = 0;
  /** Events queued, running, waiting for a retry, or parked as failed. */
  private readonly underway = new Set<string>();
  /** Events handled, with when, oldest first. */
  private readonly completed = new Map<string, number>();
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

  /** Queues a first delivery, unless the event is known. */
  offer(event: DomainEvent): void {
    if (this.closed) return;
    const completedAt = this.completed.get(event.id);
    if (this.underway.has(event.id) || (completedAt !== undefined && Date.now() - completedAt < REMEMBER_COMPLETED_MS)) return;
    this.underway.add(event.id);
    this.add({ event, attempt: 1 });
  }

  private add(job: Job, delayMs = 0): void {
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
    while (!this.closed && this.running < (this.subscription.concurrency ?? DEFAULT_CONCURRENCY) && this.waiting.length > 0) {
      const job = this.waiting.shift()!;
      this.running += 1;
      this.inSubscriberContext(() => this.subscription.handle(job.event, { attempt: job.attempt, attempts: this.subscription.attempts ?? DEFAULT_ATTEMPTS }))
        .then(() => this.finished(job.event.id))
        .catch((error: unknown) => this.retry(job, error))
        .finally(() => {
          this.running -= 1;
          this.drain();
        });
    }
  }

  private finished(eventId: string): void {
    const now = Date.now();
    this.underway.delete(eventId);
    this.completed.delete(eventId);
    this.completed.set(eventId, now);
    // Forget the oldest (first in the Map) past the age or the count.
    for (const [id, completedAt] of this.completed) {
      if (now - completedAt < REMEMBER_COMPLETED_MS && this.completed.size <= REMEMBER_COMPLETED) break;
      this.completed.delete(id);
    }
  }

  private retry(job: Job, error: unknown): void {
    const attempts = this.subscription.attempts ?? DEFAULT_ATTEMPTS;
    if (job.attempt < attempts) {
      this.add({ event: job.event, attempt: job.attempt + 1 }, retryDelayOf(this.subscription, job.attempt));
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
 * exponential backoff, failed jobs kept) in this process. A job in it is lost with the process, like a job in a Redis
 * that restarts empty; the relay sends what was not acknowledged again.
 */
export class InProcessEventBus implements EventBus {
  private readonly queues = new Map<string, ConsumerQueue>();
  private readonly failed: FailedJob[] = [];

  /** A job for a consumer that has not subscribed in this process is dropped: it stays owed, and is sent again. */
  async enqueue(jobs: EventJob[]): Promise<void> {
    for (const { consumer, event } of jobs) this.queues.get(consumer)?.offer(event);
  }

  async subscribe(subscription: Subscription): Promise<void> {
    this.queues.get(subscription.consumer)?.close();
    this.queues.set(subscription.consumer, new ConsumerQueue(subscription, (job) => this.failed.push(job)));
  }

  async reachable(): Promise<boolean> {
    return true;
  }

  async failedJobs(): Promise<FailedJob[]> {
    return [...this.failed];
  }

  async close(): Promise<void> {
    for (const queue of this.queues.values()) queue.close();
  }
}
