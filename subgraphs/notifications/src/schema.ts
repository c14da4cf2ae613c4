import { buildFederatedSchema } from '@erp/platform';
import type { GraphQLSchema } from 'graphql';
import { FailedJobResolver } from './modules/failed-job/failed-job.resolver.js';
import { NotificationResolver } from './modules/notification/notification.resolver.js';
import { NotificationSubscriptionResolver } from './modules/notification/notification-subscription.resolver.js';
import { PartnerEventResolver } from './modules/partner-event/partner-event.resolver.js';
import { WebhookDeliveryResolver, WebhookEndpointResolver } from './modules/webhook/webhook.resolver.js';
import { TemplateResolver } from './modules/template/template.resolver.js';
import { notificationsPolicy } from './policy.js';

export function buildNotificationsSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema({
    resolvers: [NotificationResolver, NotificationSubscriptionResolver, TemplateResolver, FailedJobResolver, WebhookEndpointResolver, WebhookDeliveryResolver, PartnerEventResolver],
    policy: notificationsPolicy,
  });
}
