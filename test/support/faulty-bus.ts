import type { DomainEvent, EventBus, EventJob, FailedJob, Subscription } from '@erp/platform';

interface Fault {
  consumer: string;
  matches: (event: DomainEvent) => boolean;
  remaining: number;
}

/**
 * The real bus with faults on demand: the next deliveries of matching events to a consumer throw before its handler
 * runs, as a crash or a lost connection would, so the bus's own retries and failed-job record are what is tested.
 * It also remembers each delivery once its handler has finished, so a test can wait for one.
 */
export class FaultyBus implements EventBus {
  private readonly faults: Fault[] = [];
  /** Every delivery a consumer saw, failed or not. */
  readonly deliveries: { consumer: string; eventId: string; failed: boolean }[] = [];
  /** Every delivery whose handler has finished, and whether it succeeded. */
  readonly handled: { consumer: string; eventId: string; ok: boolean }[] = [];
  private readonly handlers = new Map<string, Subscription['handle']>();

  constructor(private readonly inner: EventBus) {}

  failNext(consumer: string, times: number, matches: (event: DomainEvent) => boolean): void {
    this.faults.push({ consumer, matches, remaining: times });
  }

  enqueue(jobs: EventJob[]): Promise<void> {
    return this.inner.enqueue(jobs);
  }

  reachable(): Promise<boolean> {
    return this.inner.reachable();
  }

  /**
   * Hands an event to a consumer once more, as a transport that forgot it had delivered it would (the bus itself
   * ignores an event it still knows).
   */
  deliverAgain(consumer: string, event: DomainEvent): Promise<void> {
    const handle = this.handlers.get(consumer);
    if (!handle) throw new Error(`${consumer} has not subscribed`);
    return handle(event, { attempt: 1, attempts: 1 });
  }

  subscribe(subscription: Subscription): Promise<void> {
    const handle: Subscription['handle'] = async (event, delivery) => {
      const fault = this.faults.find((f) => f.consumer === subscription.consumer && f.remaining > 0 && f.matches(event));
      this.deliveries.push({ consumer: subscription.consumer, eventId: event.id, failed: fault !== undefined });
      try {
        if (fault) {
          fault.remaining -= 1;
          throw new Error(`injected fault in ${subscription.consumer}`);
        }
        await subscription.handle(event, delivery);
        this.handled.push({ consumer: subscription.consumer, eventId: event.id, ok: true });
      } catch (error) {
        this.handled.push({ consumer: subscription.consumer, eventId: event.id, ok: false });
        throw error;
      }
    };
    this.handlers.set(subscription.consumer, handle);
    return this.inner.subscribe({ ...subscription, handle });
  }

  handledOf(consumer: string, eventId: string) {
    return this.handled.filter((h) => h.consumer === consumer && h.eventId === eventId);
  }

  failedJobs(): Promise<FailedJob[]> {
    return this.inner.failedJobs();
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}
