import { Redis } from 'ioredis';
import type { DomainEvent } from '../events/domain-event.js';
import { Listeners } from './listeners.js';
import type { EventStream, LiveEvents } from './live-events.js';

/**
 * Live events across processes over Redis pub/sub, one channel per event type: a process subscribes to a channel
 * while it has a local listener for that type, so every subgraph and router instance sees every event.
 */
export class RedisLiveEvents implements LiveEvents {
  private readonly publisher: Redis;
  private readonly subscriber: Redis;
  private readonly listeners: Listeners;

  constructor(
    redisUrl: string,
    private readonly prefix = 'erp',
  ) {
    this.publisher = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
    this.subscriber = new Redis(redisUrl, { maxRetriesPerRequest: null });
    for (const connection of [this.publisher, this.subscriber]) connection.on('error', () => undefined);
    this.listeners = new Listeners({
      first: (type) => void this.subscriber.subscribe(this.channel(type)).catch(() => undefined),
      last: (type) => void this.subscriber.unsubscribe(this.channel(type)).catch(() => undefined),
    });
    this.subscriber.on('message', (_channel: string, message: string) => this.listeners.deliver(JSON.parse(message) as DomainEvent));
  }

  private channel(type: string): string {
    return `${this.prefix}:live:${type}`;
  }

  async publish(events: DomainEvent[]): Promise<void> {
    if (events.length === 0) return;
    const pipeline = this.publisher.pipeline();
    for (const event of events) pipeline.publish(this.channel(event.type), JSON.stringify(event));
    await pipeline.exec();
  }

  listen(types: string[]): EventStream {
    return this.listeners.listen(types);
  }

  async close(): Promise<void> {
    this.publisher.disconnect();
    this.subscriber.disconnect();
  }
}
