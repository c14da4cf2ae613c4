import { Redis } from 'ioredis';
import type { DomainEvent } from '../events/domain-event.js';
import { FailFastRedis } from '../redis/fail-fast-redis.js';
import { Listeners } from './listeners.js';
import type { EventStream, LiveEvents } from './live-events.js';

/**
 * Live events across processes over Redis pub/sub, one channel per event type: a process subscribes to a channel
 * while it has a local listener for that type, so every subgraph and router instance sees every event.
 *
 * Pub/sub keeps nothing for a subscriber that is away: while the subscriber connection is down or reconnecting,
 * events are lost for this process. `receiving()` says whether that is the case now, and `onReceivingChange` tells
 * when it starts and ends.
 */
export class RedisLiveEvents implements LiveEvents {
  private readonly publisher: FailFastRedis;
  private readonly subscriber: Redis;
  private readonly listeners: Listeners;
  private connected = false;
  /** SUBSCRIBE commands sent and not yet answered: until they are, their channels' events may be missed. */
  private subscribing = 0;
  private receivingNow = false;
  private readonly receivingListeners = new Set<(receiving: boolean) => void>();

  constructor(
    redisUrl: string,
    private readonly prefix = 'erp',
  ) {
    this.publisher = new FailFastRedis(redisUrl);
    // Resubscribed by hand on every (re)connection rather than by ioredis, which emits `ready` before its
    // resubscription is answered: only the answer says from when events arrive again.
    this.subscriber = new Redis(redisUrl, { maxRetriesPerRequest: null, autoResubscribe: false });
    this.subscriber.on('error', () => undefined);
    this.listeners = new Listeners({
      first: (type) => this.subscribe([type]),
      last: (type) => void this.subscriber.unsubscribe(this.channel(type)).catch(() => undefined),
    });
    this.subscriber.on('message', (_channel: string, message: string) => this.listeners.deliver(JSON.parse(message) as DomainEvent));
    this.subscriber.on('ready', () => {
      this.connected = true;
      this.subscribe(this.listeners.types());
      this.update();
    });
    this.subscriber.on('close', () => {
      this.connected = false;
      this.update();
    });
  }

  private channel(type: string): string {
    return `${this.prefix}:live:${type}`;
  }

  private subscribe(types: string[]): void {
    if (types.length === 0) return;
    this.subscribing += 1;
    this.update();
    void this.subscriber
      .subscribe(...types.map((type) => this.channel(type)))
      .then(
        () => undefined,
        // Refused on a live connection (never seen; a lost connection resends it): start over on a new connection
        // rather than report events as arriving on a channel that is not subscribed.
        () => {
          if (this.subscriber.status !== 'ready') return;
          this.connected = false;
          this.subscriber.disconnect(true);
        },
      )
      .finally(() => {
        this.subscribing -= 1;
        this.update();
      });
  }

  private update(): void {
    const receiving = this.connected && this.subscribing === 0;
    if (receiving === this.receivingNow) return;
    this.receivingNow = receiving;
    for (const listener of this.receivingListeners) listener(receiving);
  }

  async publish(events: DomainEvent[]): Promise<void> {
    if (events.length === 0) return;
    const results = await this.publisher.send((redis) => {
      const pipeline = redis.pipeline();
      for (const event of events) pipeline.publish(this.channel(event.type), JSON.stringify(event));
      return pipeline.exec();
    });
    // A pipeline answers each command's failure in its results rather than failing itself.
    const failure = results?.find(([error]) => error)?.[0];
    if (failure) throw failure;
  }

  listen(types: string[]): EventStream {
    return this.listeners.listen(types);
  }

  receiving(): boolean {
    return this.receivingNow;
  }

  onReceivingChange(listener: (receiving: boolean) => void): () => void {
    this.receivingListeners.add(listener);
    return () => this.receivingListeners.delete(listener);
  }

  async close(): Promise<void> {
    this.publisher.disconnect();
    this.subscriber.disconnect();
  }
}
