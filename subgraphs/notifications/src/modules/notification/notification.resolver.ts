import { PageArgs, type RequestContext } from '@erp/platform';
import { Arg, Args, ArgsType, Authorized, Ctx, Field, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Notification } from './notification.entity.js';
import { attemptsLoader, getNotification, listNotifications } from './notification-query.service.js';
import { sendNotification } from './notification-request.service.js';
import { NotificationAttemptType, NotificationConnection, NotificationFilter, NotificationType, SendNotificationInput } from './notification.types.js';

@ArgsType()
class NotificationsArgs extends PageArgs {
  @Field(() => NotificationFilter, { nullable: true }) filter?: NotificationFilter | null;
}

@Resolver(() => NotificationType)
export class NotificationResolver {
  @Authorized()
  @Query(() => NotificationConnection, { description: 'Newest first. Staff with notifications:read see all; other users their own IN_APP notifications.' })
  notifications(@Args(() => NotificationsArgs) args: NotificationsArgs, @Ctx() ctx: RequestContext) {
    return listNotifications(ctx, args.filter ?? {}, args);
  }

  @Authorized()
  @Query(() => NotificationType)
  notification(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext) {
    return getNotification(ctx, id);
  }

  @Authorized('notifications:write')
  @Mutation(() => NotificationType, { description: 'Queues a notification (QUEUED); a job sends it, retrying with exponential backoff.' })
  sendNotification(@Arg('input', () => SendNotificationInput) input: SendNotificationInput, @Ctx() ctx: RequestContext) {
    return sendNotification(ctx, input);
  }

  @FieldResolver(() => [NotificationAttemptType], { description: 'Every try, first to last.' })
  attempts(@Root() notification: Notification, @Ctx() ctx: RequestContext) {
    return attemptsLoader(ctx).load(notification.id);
  }
}
