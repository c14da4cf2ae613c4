import type { DomainEvent } from '../events/domain-event.js';
import { Listeners } from './listeners.js';
import type { EventStream, LiveEvents } from './live-events.js';

/** Live events within one process: the embedded start, where every subgraph runs in the same process. */
export class InProcessLiveEvents implements LiveEvents {
  private readonly listeners = new Listeners();

  async publish(events: DomainEvent[]): Promise<void> {
    for (const event of events) this.listeners.deliver(event);
  }

  listen(types: string[]): EventStream {
    return this.listeners.listen(types);
  }

  /** Nothing stands between publisher and listener here: no event is ever missed. */
  receiving(): boolean {
    return true;
  }

  onReceivingChange(_listener: (receiving: boolean) => void): () => void {
    return () => undefined;
  }

  async close(): Promise<void> {}
}
