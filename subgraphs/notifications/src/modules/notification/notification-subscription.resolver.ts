import { actingUserId, eventsFor, type DomainEvent, type RequestContext } from '@erp/platform';
import { NOTIFICATION_RECEIVED } from '../../channels/in-app.provider.js';
import { Authorized, Ctx, Resolver, Root, Subscription } from 'type-graphql';
import type { Notification } from './notification.entity.js';
import { getNotification } from './notification-query.service.js';
import { NotificationType } from './notification.types.js';

interface ReceivedPayload {
  notificationId: string;
  userId: string;
}

@Resolver()
export class NotificationSubscriptionResolver {
  @Authorized()
  @Subscription(() => NotificationType, {
    description: 'In-app notifications as they reach the signed-in user (or the owner of the API key).',
    subscribe: ({ context }) => {
      const ctx = context as RequestContext;
      const userId = actingUserId(ctx);
      return eventsFor(ctx, [NOTIFICATION_RECEIVED], (event) => userId !== null && (event.payload as unknown as ReceivedPayload).userId === userId);
    },
  })
  notificationReceived(@Root() event: DomainEvent, @Ctx() ctx: RequestContext): Promise<Notification> {
    return getNotification(ctx, (event.payload as unknown as ReceivedPayload).notificationId);
  }
}
