import { notificationRequested } from '@erp/contracts';
import { isEvent, type RequestContext, type Subscription, type SubgraphEnvironment } from '@erp/platform';
import type { Attachment, ChannelProviders } from '../channels/channel-provider.js';
import type { AttachmentRef } from '../modules/notification/notification.entity.js';
import { deliverNotification } from '../modules/notification/notification-delivery.service.js';
import { fetchInvoicePdf } from '../peers/invoice-pdf.js';
import { DELIVERY_CONSUMER } from './job-names.js';

export interface DeliverySettings {
  attempts: number;
  retryBaseMs: number;
}

function attachmentFetcher(ctx: RequestContext): (refs: AttachmentRef[]) => Promise<Attachment[]> {
  return (refs) => Promise.all(refs.map((ref) => fetchInvoicePdf(ctx.peers, ctx, ref.invoiceId, ref.filename)));
}

/**
 * Sends each requested notification: the bus retries a failed try with exponential backoff from `retryBaseMs`, up to
 * `attempts` tries, then parks the job as failed (see failedJobs).
 */
export function deliveryConsumer(env: SubgraphEnvironment, providers: ChannelProviders, settings: DeliverySettings): Subscription {
  return {
    consumer: DELIVERY_CONSUMER,
    types: [notificationRequested],
    attempts: settings.attempts,
    backoffMs: settings.retryBaseMs,
    handle: async (event, delivery) => {
      if (!isEvent(event, notificationRequested)) return;
      const ctx = env.jobContext(event);
      const work = { em: ctx.em, providers, fetchAttachments: attachmentFetcher(ctx), log: ctx.log.child({ consumer: DELIVERY_CONSUMER }) };
      await deliverNotification(work, event.payload.notificationId, delivery);
    },
  };
}
