import type { DomainEvent, EventBus, FailedJob, Subscription } from '@erp/platform';

/** The real bus, remembering every handled delivery once its handler has finished (so a test can wait for it). */
export class ObservedBus implements EventBus {
  readonly handled: { consumer: string; eventId: string; ok: boolean }[] = [];

  constructor(private readonly inner: EventBus) {}

  publish(events: DomainEvent[]): Promise<void> {
    return this.inner.publish(events);
  }

  subscribe(subscription: Subscription): Promise<void> {
    return this.inner.subscribe({
      ...subscription,
      handle: async (event, delivery) => {
        try {
          await subscription.handle(event, delivery);
          this.handled.push({ consumer: subscription.consumer, eventId: event.id, ok: true });
        } catch (error) {
          this.handled.push({ consumer: subscription.consumer, eventId: event.id, ok: false });
          throw error;
        }
      },
    });
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
