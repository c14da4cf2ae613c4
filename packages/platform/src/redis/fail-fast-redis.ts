import { Redis } from 'ioredis';

/**
 * How soon ioredis tries again after a lost connection: soon (at most a second), so what uses Redis is back within a
 * second of it. ioredis's default waits up to 2 s, BullMQ's own up to 20 s.
 */
export function reconnectDelay(times: number): number {
  return Math.min(times * 100, 1_000);
}

/**
 * For a connection that a request or a relay must never wait on: no offline queue, so while Redis is away a command
 * fails at once and its caller falls back. With ioredis's offline queue a command waits for the next reconnection
 * attempt instead, up to 2 s each once Redis has been away a while: a sign-in's four throttle commands took 11–16 s.
 */
export function failFastConnection(url: string): Redis {
  const connection = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 1, retryStrategy: reconnectDelay });
  // Each failed reconnection is an `error` event; unheard, ioredis prints every one of them.
  connection.on('error', () => undefined);
  return connection;
}

const ATTEMPT_ENDS = ['ready', 'error', 'close', 'end'] as const;

/**
 * A Redis connection that fails fast (`failFastConnection`) except right after it is made: commands sent before
 * its first connection attempt has ended wait for it, so what runs just after start is not refused by a Redis that is
 * up. Only ioredis says when that attempt has ended (`connectTimeout` bounds it on a host that does not answer): a timer
 * of our own would fire first after a busy event loop and refuse commands to a Redis that had answered. From then on,
 * a command while Redis is away fails at once.
 */
export class FailFastRedis {
  private readonly client: Redis;
  private firstAttempt: Promise<void> | null;

  constructor(url: string) {
    this.client = failFastConnection(url);
    this.firstAttempt = new Promise<void>((resolve) => {
      const ended = (): void => {
        for (const event of ATTEMPT_ENDS) this.client.off(event, ended);
        this.firstAttempt = null;
        resolve();
      };
      for (const event of ATTEMPT_ENDS) this.client.once(event, ended);
    });
  }

  /** Sends `command` at once, or after the first connection attempt while that is under way. */
  async send<T>(command: (redis: Redis) => Promise<T>): Promise<T> {
    if (this.firstAttempt) await this.firstAttempt;
    return command(this.client);
  }

  disconnect(): void {
    this.client.disconnect();
  }
}
