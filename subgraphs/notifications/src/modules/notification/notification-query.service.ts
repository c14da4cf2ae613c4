import type { Channel } from '@erp/contracts';
import {
  assertUuid,
  decideAccess,
  ForbiddenError,
  groupByKey,
  isUuid,
  NotFoundError,
  paginate,
  type Connection,
  type Loader,
  type PageRequest,
  type RequestContext,
} from '@erp/platform';
import type { FilterQuery } from '@mikro-orm/core';
import { notificationsPolicy } from '../../policy.js';
import { NotificationAttempt } from './notification-attempt.entity.js';
import { Notification } from './notification.entity.js';
import type { NotificationStatus } from './notification.rules.js';

export interface NotificationFilter {
  status?: NotificationStatus | null;
  channel?: Channel | null;
  customerId?: string | null;
}

/** Staff with `notifications:read` see every notification; any other signed-in user sees their own IN_APP ones. */
export function visibleNotifications(ctx: RequestContext): FilterQuery<Notification> {
  if (decideAccess(ctx.caller, ['notifications:read'], notificationsPolicy) === 'allowed') return {};
  if (ctx.caller?.kind === 'user') return { channel: 'IN_APP', userId: ctx.caller.userId };
  throw new ForbiddenError('This needs the permission notifications:read.');
}

export async function getNotification(ctx: RequestContext, id: string): Promise<Notification> {
  const notification = isUuid(id) ? await ctx.em.findOne(Notification, { $and: [{ id }, visibleNotifications(ctx)] }) : null;
  if (!notification) throw new NotFoundError('Notification', id);
  return notification;
}

/** Newest first. */
export function listNotifications(ctx: RequestContext, filter: NotificationFilter, page: PageRequest): Promise<Connection<Notification>> {
  const where: FilterQuery<Notification>[] = [visibleNotifications(ctx)];
  if (filter.status) where.push({ status: filter.status });
  if (filter.channel) where.push({ channel: filter.channel });
  if (filter.customerId) where.push({ customerId: assertUuid(filter.customerId, 'customerId') });
  return paginate(ctx.em, Notification, { $and: where }, { field: 'createdAt', direction: 'DESC' }, page);
}

/** Every try of each notification of a page, in one statement. */
export function attemptsLoader(ctx: RequestContext): Loader<string, NotificationAttempt[]> {
  return ctx.loaders.get('Notification.attempts', async (ids) =>
    groupByKey(ids, await ctx.em.find(NotificationAttempt, { notification: { $in: [...ids] } }, { orderBy: { attempt: 'ASC', at: 'ASC' } }), (a) => a.notification.id),
  );
}
