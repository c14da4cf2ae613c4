import { Queue, Worker, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import type { DomainEvent } from './domain-event.js';
import type { EventBus, FailedJob, Subscription } from './event-bus.js';

const SUBSCRIBERS_TTL_MS = 2_000;
const CLOSE_TIMEOUT_MS = 3_000;

interface Route {
  consumer: string;
  attempts: number;
  backoffMs: number;
}

/**
 * Fan-out on BullMQ: each consumer has its own queue and registers the event types it wants in a Redis set; a
 * publisher adds one job per interested consumer, with the event id as job id, so a republished event (at-least-once
 * relay) is not queued twice while the first job is known.
 */
export class BullMqEventBus implements EventBus {
  private readonly connection: Redis;
  private readonly queues = new Map<string, Queue>();
  private readonly workers: Worker[] = [];
  private readonly subscribers = new Map<string, { consumers: Route[]; at: number }>();
  private readonly registrations: Subscription[] = [];

  constructor(
    redisUrl: string,
    private readonly prefix = 'erp',
  ) {
    this.connection = new Redis(redisUrl, { maxRetriesPerRequest: null, enableOfflineQueue: false, lazyConnect: false });
    this.connection.on('error', () => undefined);
    // A Redis that restarted without its data has forgotten who consumes what: say it again on every reconnect.
    this.connection.on('ready', () => {
      for (const subscription of this.registrations) void this.register(subscription).catch(() => undefined);
    });
  }

  private async register(subscription: Subscription): Promise<void> {
    await this.connection.sadd(`${this.prefix}:consumers`, subscription.consumer);
    for (const { type } of subscription.types) await this.connection.sadd(`${this.prefix}:subscribers:${type}`, subscription.consumer);
    await this.connection.hset(`${this.prefix}:consumer-options`, {
      [`${subscription.consumer}:attempts`]: String(subscription.attempts ?? 5),
      [`${subscription.consumer}:backoff`]: String(subscription.backoffMs ?? 500),
      [`${subscription.consumer}:service`]: subscription.service ?? 'unknown',
    });
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

  /** Who consumes a type, with their retry settings; cached briefly, since every event asks. */
  private async consumersOf(type: string): Promise<Route[]> {
    const cached = this.subscribers.get(type);
    if (cached && Date.now() - cached.at < SUBSCRIBERS_TTL_MS) return cached.consumers;
    const [names, options] = await Promise.all([
      this.connection.smembers(`${this.prefix}:subscribers:${type}`),
      this.connection.hgetall(`${this.prefix}:consumer-options`),
    ]);
    const consumers = names.map((consumer) => ({
      consumer,
      attempts: Number(options[`${consumer}:attempts`] ?? 5),
      backoffMs: Number(options[`${consumer}:backoff`] ?? 500),
    }));
    this.subscribers.set(type, { consumers, at: Date.now() });
    return consumers;
  }

  /** Throws when Redis is unreachable, so the relay keeps the events in the outbox and tries again later. */
  async publish(events: DomainEvent[]): Promise<void> {
    for (const event of events) {
      for (const { consumer, attempts, backoffMs } of await this.consumersOf(event.type)) {
        await this.queue(consumer).add(event.type, event, {
          jobId: event.id,
          attempts,
          backoff: { type: 'exponential', delay: backoffMs },
          removeOnComplete: { age: 3_600, count: 10_000 },
          removeOnFail: false,
        });
      }
    }
  }

  async subscribe(subscription: Subscription): Promise<void> {
    this.registrations.push(subscription);
    await this.register(subscription);
    const worker = new Worker(subscription.consumer, (job: Job<DomainEvent>) => subscription.handle(job.data, { attempt: job.attemptsMade + 1, attempts: job.opts.attempts ?? 1 }), {
      connection: this.connection.duplicate({ maxRetriesPerRequest: null, enableOfflineQueue: true }),
      prefix: this.prefix,
      concurrency: 4,
    });
    worker.on('error', () => undefined);
    this.workers.push(worker);
  }

  async failedJobs(): Promise<FailedJob[]> {
    // Every consumer of every process registers itself here: no scan of the keyspace.
    const [consumers, options] = await Promise.all([this.connection.smembers(`${this.prefix}:consumers`), this.connection.hgetall(`${this.prefix}:consumer-options`)]);
    const failed: FailedJob[] = [];
    for (const consumer of consumers) {
      for (const job of await this.queue(consumer).getFailed(0, 200)) {
        failed.push({
          consumer,
          service: options[`${consumer}:service`] ?? 'unknown',
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
    const closing = Promise.all([...this.workers.map((worker) => worker.close()), ...[...this.queues.values()].map((queue) => queue.close())]);
    await Promise.race([closing, new Promise((resolve) => setTimeout(resolve, CLOSE_TIMEOUT_MS).unref())]);
    this.connection.disconnect();
  }
}
