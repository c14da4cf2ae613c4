import { PageArgs, requestedFields, type RequestContext } from '@erp/platform';
import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, ArgsType, Authorized, Ctx, Field, FieldResolver, ID, Info, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Notification } from './notification.entity.js';
import { attemptsLoader, findNotification, listNotifications, type NotificationRow } from './notification-query.service.js';
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
  notifications(@Args(() => NotificationsArgs) args: NotificationsArgs, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo) {
    return listNotifications(ctx, args.filter ?? {}, args, requestedFields(info, ['edges', 'node']));
  }

  @Authorized()
  @Query(() => NotificationType)
  notification(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo) {
    return findNotification(ctx, id, requestedFields(info));
  }

  @Authorized('notifications:write')
  @Mutation(() => NotificationType, { description: 'Queues a notification (QUEUED); a job sends it, retrying with exponential backoff.' })
  sendNotification(@Arg('input', () => SendNotificationInput) input: SendNotificationInput, @Ctx() ctx: RequestContext) {
    return sendNotification(ctx, input);
  }

  @FieldResolver(() => [NotificationAttemptType], { description: 'Every try, first to last.' })
  attempts(@Root() notification: Notification | NotificationRow, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo) {
    return attemptsLoader(ctx, requestedFields(info)).load(notification.id);
  }
}
