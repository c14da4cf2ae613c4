import { notificationReceived, type NotificationReceived } from '@erp/contracts';
import { actingUserId, eventsFor, type DomainEvent, type RequestContext } from '@erp/platform';
import { Authorized, Ctx, Resolver, Root, Subscription } from 'type-graphql';
import type { Notification } from './notification.entity.js';
import { getNotification } from './notification-query.service.js';
import { NotificationType } from './notification.types.js';

@Resolver()
export class NotificationSubscriptionResolver {
  @Authorized()
  @Subscription(() => NotificationType, {
    description: 'In-app notifications as they reach the signed-in user (or the owner of the API key).',
    subscribe: ({ context }) => {
      const ctx = context as RequestContext;
      const userId = actingUserId(ctx);
      return eventsFor(ctx, [notificationReceived], (event) => userId !== null && event.payload.userId === userId);
    },
  })
  notificationReceived(@Root() event: DomainEvent<NotificationReceived>, @Ctx() ctx: RequestContext): Promise<Notification> {
    return getNotification(ctx, event.payload.notificationId);
  }
}
