import { jobEntityManager, type DomainEvent, type Subscription, type SubgraphEnvironment } from '@erp/platform';
import type { Attachment, ChannelProviders } from '../channels/channel-provider.js';
import { NOTIFICATION_REQUESTED } from '../modules/notification/notification-events.js';
import type { AttachmentRef } from '../modules/notification/notification.entity.js';
import { deliverNotification } from '../modules/notification/notification-delivery.service.js';
import { fetchInvoicePdf } from '../peers/invoice-pdf.js';
import { serviceContext } from '../peers/service-caller.js';
import { DELIVERY_CONSUMER } from './job-names.js';

export interface DeliverySettings {
  attempts: number;
  retryBaseMs: number;
}

function attachmentFetcher(env: SubgraphEnvironment, event: DomainEvent): (refs: AttachmentRef[]) => Promise<Attachment[]> {
  return (refs) => Promise.all(refs.map((ref) => fetchInvoicePdf(env.peers, serviceContext(event), ref.invoiceId, ref.filename)));
}

/**
 * Sends each requested notification: the bus retries a failed try with exponential backoff from `retryBaseMs`, up to
 * `attempts` tries, then parks the job as failed (see failedJobs).
 */
export function deliveryConsumer(env: SubgraphEnvironment, providers: ChannelProviders, settings: DeliverySettings): Subscription {
  return {
    consumer: DELIVERY_CONSUMER,
    types: [NOTIFICATION_REQUESTED],
    attempts: settings.attempts,
    backoffMs: settings.retryBaseMs,
    handle: (event, delivery) =>
      deliverNotification(
        { em: jobEntityManager(env.orm), providers, fetchAttachments: attachmentFetcher(env, event), log: env.log.child({ eventId: event.id, consumer: DELIVERY_CONSUMER }) },
        (event.payload as { notificationId: string }).notificationId,
        delivery,
      ),
  };
}
