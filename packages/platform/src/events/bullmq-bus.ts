import { Queue, Worker, type Job, type MinimalJob } from 'bullmq';
import { Redis } from 'ioredis';
import { failFastConnection } from '../redis/fail-fast-redis.js';
import type { DomainEvent } from './domain-event.js';
import { DEFAULT_CONCURRENCY, retryDelayOf, type EventBus, type EventJob, type FailedJob, type Subscription } from './event-bus.js';
import { withTimeout } from '../with-timeout.js';

const CLOSE_TIMEOUT_MS = 3_000;
/** An enqueue that takes longer fails, so the relay never holds its transaction open on a Redis that hangs. */
const ENQUEUE_TIMEOUT_MS = 5_000;
const PING_TIMEOUT_MS = 1_000;
/**
 * Every job's backoff is this custom type, computed by the worker (`retryDelayOf`): the producer's relay queues jobs
 * for consumers it does not run, so only the consumer's process knows a schedule of its own.
 */
const BACKOFF_TYPE = 'subscription';

/** The base delay the producer queued the job with (the consumer's `backoffMs` as the bus ledger knows it). */
function backoffBaseOf(job: MinimalJob | undefined): number | undefined {
  const backoff = job?.opts.backoff;
  return typeof backoff === 'object' ? backoff.delay : backoff;
}

const timedOut = (what: string, ms: number) => () => new Error(`${what} timed out after ${ms} ms`);

/**
 * BullMQ on Redis: a queue per consumer, a job per (event, consumer) with the event id as job id, so an event sent
 * again is not queued twice while its job is known. Who consumes what is not kept here but in the bus ledger in
 * PostgreSQL: the relay names the consumer of every job. Nothing here needs Redis to be up, at start or later:
 * - the connection that queues jobs has no offline queue (BullMQ's advice for producers), and `enqueue` refuses at
 *   once while it is not ready — before its first `ready`, BullMQ would wait for it rather than fail — so the relay
 *   keeps the events and tries again;
 * - workers have connections of their own with an offline queue and `maxRetriesPerRequest: null` (BullMQ requires it
 *   of a worker): they wait through an outage and resume when Redis returns, also a Redis that returns empty;
 * - every connection and BullMQ object has an error listener, and nothing awaits Redis in `subscribe`.
 */
export class BullMqEventBus implements EventBus {
  private readonly connection: Redis;
  private readonly queues = new Map<string, Queue>();
  private readonly workers: { worker: Worker; connection: Redis }[] = [];

  constructor(
    redisUrl: string,
    private readonly prefix = 'erp',
  ) {
    this.connection = failFastConnection(redisUrl);
  }

  private queue(consumer: string): Queue {
    let queue = this.queues.get(consumer);
    if (!queue) {
      queue = new Queue(consumer, { connection: this.connection, prefix: this.prefix });
      queue.on('error', () => undefined);
      this.queues.set(consumer, queue);
    }
    return queue;
  }

  async enqueue(jobs: EventJob[]): Promise<void> {
    if (jobs.length === 0) return;
    if (this.connection.status !== 'ready') throw new Error(`Redis is not reachable (connection ${this.connection.status})`);
    const byConsumer = new Map<string, EventJob[]>();
    for (const job of jobs) byConsumer.set(job.consumer, [...(byConsumer.get(job.consumer) ?? []), job]);
    const adding = [...byConsumer].map(([consumer, ofConsumer]) =>
      this.queue(consumer).addBulk(
        ofConsumer.map(({ event, attempts, backoffMs }) => ({
          name: event.type,
          data: event,
          opts: {
            jobId: event.id,
            attempts,
            backoff: { type: BACKOFF_TYPE, delay: backoffMs },
            removeOnComplete: { age: 3_600, count: 10_000 },
            removeOnFail: false,
          },
        })),
      ),
    );
    await withTimeout(Promise.all(adding), ENQUEUE_TIMEOUT_MS, timedOut('queueing jobs on Redis', ENQUEUE_TIMEOUT_MS));
  }

  async subscribe(subscription: Subscription): Promise<void> {
    const connection = this.connection.duplicate({ enableOfflineQueue: true, maxRetriesPerRequest: null });
    connection.on('error', () => undefined);
    const worker = new Worker(
      subscription.consumer,
      (job: Job<DomainEvent>) => subscription.handle(job.data, { attempt: job.attemptsMade + 1, attempts: job.opts.attempts ?? 1 }),
      {
        connection,
        prefix: this.prefix,
        concurrency: subscription.concurrency ?? DEFAULT_CONCURRENCY,
        settings: { backoffStrategy: (attemptsMade: number, _type?: string, _error?: Error, job?: MinimalJob) => retryDelayOf(subscription, attemptsMade, backoffBaseOf(job)) },
      },
    );
    worker.on('error', () => undefined);
    this.workers.push({ worker, connection });
  }

  async reachable(): Promise<boolean> {
    if (this.connection.status !== 'ready') return false;
    return withTimeout(this.connection.ping(), PING_TIMEOUT_MS, timedOut('ping', PING_TIMEOUT_MS)).then(
      () => true,
      () => false,
    );
  }

  /** The failed jobs of the queues this process knows; the graph lists the ledger's, which a Redis restart keeps. */
  async failedJobs(): Promise<FailedJob[]> {
    const failed: FailedJob[] = [];
    for (const [consumer, queue] of this.queues) {
      for (const job of await queue.getFailed(0, 200)) {
        failed.push({
          consumer,
          service: 'unknown',
          eventId: job.data.id,
          eventType: job.data.type,
          attempts: job.attemptsMade,
          error: job.failedReason ?? 'unknown',
          failedAt: new Date(job.finishedOn ?? Date.now()).toISOString(),
        });
      }
    }
    return failed;
  }

  /** Lets running handlers finish, but never waits on a Redis that is gone for longer than a few seconds. */
  async close(): Promise<void> {
    const closing = Promise.all([...this.workers.map(({ worker }) => worker.close()), ...[...this.queues.values()].map((queue) => queue.close())]);
    await Promise.race([closing.catch(() => undefined), new Promise((resolve) => setTimeout(resolve, CLOSE_TIMEOUT_MS).unref())]);
    // BullMQ leaves connections it was given open: close them, or they go on reconnecting.
    for (const { connection } of this.workers) connection.disconnect();
    this.connection.disconnect();
  }
}
