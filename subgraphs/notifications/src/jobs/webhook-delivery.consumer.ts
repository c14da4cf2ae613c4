import { webhookDeliveryRequested } from '@erp/contracts';
import { isEvent, type Subscription, type SubgraphEnvironment } from '@erp/platform';
import { attemptsOf, retryDelay } from '../modules/webhook/retry-schedule.js';
import { deliverWebhook, type WebhookSender } from '../modules/webhook/webhook-delivery.service.js';
import { WEBHOOK_DELIVERY_CONSUMER } from './job-names.js';

/**
 * Sends each requested webhook delivery. A failed try is retried on the webhook schedule (seconds at first, then
 * hours, over a day in all: retry-schedule.ts), which the bus applies as this consumer's own backoff.
 */
export function webhookDeliveryConsumer(env: SubgraphEnvironment, sender: Omit<WebhookSender, 'log'>): Subscription {
  return {
    consumer: WEBHOOK_DELIVERY_CONSUMER,
    types: [webhookDeliveryRequested],
    attempts: attemptsOf(sender.schedule),
    backoffMs: sender.schedule[0],
    retryDelay: (attempt) => retryDelay(sender.schedule, attempt),
    handle: async (event, delivery) => {
      if (!isEvent(event, webhookDeliveryRequested)) return;
      const ctx = env.jobContext(event);
      await deliverWebhook(ctx.em, { ...sender, log: ctx.log.child({ consumer: WEBHOOK_DELIVERY_CONSUMER }) }, event.payload.deliveryId, delivery);
    },
  };
}
