import type { Logger } from 'pino';
import type { Orm } from '../data/orm.js';
import { Acknowledgements } from './acknowledgements.js';
import { acknowledgeAll, failedDeliveries, recordFailedDelivery, registerConsumer } from './delivery-ledger.js';
import type { EventBus, EventJob, FailedJob, Subscription } from './event-bus.js';

/**
 * A subgraph's view of the bus (`env.events`): its consumers register in the bus ledger when they subscribe, and
 * acknowledge there each event their handler has handled; a job the transport gives up on is recorded there as
 * failed, and the failed jobs are read from there (a Redis restart keeps them). Queueing goes to the transport, which
 * the platform owns and closes.
 */
export class LedgerEventBus implements EventBus {
  private readonly acknowledgements: Acknowledgements;

  constructor(
    private readonly transport: EventBus,
    private readonly orm: Orm,
    private readonly service: string,
    private readonly log: Logger,
  ) {
    this.acknowledgements = new Acknowledgements((batch) => acknowledgeAll(orm, batch));
  }

  enqueue(jobs: EventJob[]): Promise<void> {
    return this.transport.enqueue(jobs);
  }

  async subscribe(subscription: Subscription): Promise<void> {
    const service = subscription.service ?? this.service;
    await registerConsumer(this.orm, { ...subscription, service });
    await this.transport.subscribe({
      ...subscription,
      service,
      handle: async (event, delivery) => {
        const last = delivery.attempt >= delivery.attempts;
        try {
          await subscription.handle(event, delivery);
        } catch (error) {
          if (last) {
            await recordFailedDelivery(this.orm, { consumer: subscription.consumer, service, event, attempts: delivery.attempts, error: String((error as Error)?.message ?? error) }).catch(
              (failure: unknown) => this.log.warn({ err: failure, eventId: event.id, consumer: subscription.consumer }, 'failed job not recorded in the bus ledger'),
            );
          }
          throw error;
        }
        try {
          await this.acknowledgements.acknowledge(subscription.consumer, event.id);
        } catch (error) {
          // Not acknowledged: the delivery stays owed and comes back (consumeOnce skips it, then it is acknowledged).
          // Retried at once while tries remain; after the last one the relay's redelivery settles it.
          this.log.warn({ err: error, eventId: event.id, consumer: subscription.consumer }, 'handled event not acknowledged in the bus ledger');
          if (!last) throw error;
        }
      },
    });
  }

  reachable(): Promise<boolean> {
    return this.transport.reachable();
  }

  failedJobs(): Promise<FailedJob[]> {
    return failedDeliveries(this.orm);
  }

  /** The transport is the platform's: it closes it once every subgraph has stopped. */
  async close(): Promise<void> {}
}
