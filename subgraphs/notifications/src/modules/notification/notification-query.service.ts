import type { Channel } from '@erp/contracts';
import {
  assertUuid,
  decideAccess,
  ForbiddenError,
  isUuid,
  NotFoundError,
  paginateRows,
  raw,
  sql,
  type Connection,
  type Loader,
  type PageRequest,
  type RequestContext,
  type Row,
  type Sql,
  rowsPerKey,
  rowById,
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

/** The read path's twin of `visibleNotifications`, on alias `t`. */
function visibleNotificationsSql(ctx: RequestContext): Sql {
  if (decideAccess(ctx.caller, ['notifications:read'], notificationsPolicy) === 'allowed') return raw('true');
  if (ctx.caller?.kind === 'user') return sql`t.channel = 'IN_APP' and t.user_id = ${ctx.caller.userId}`;
  throw new ForbiddenError('This needs the permission notifications:read.');
}

export type NotificationRow = Row<Notification>;
export type NotificationAttemptRow = Row<NotificationAttempt> & { notificationId: string };

/** The notification as an entity (the live feed reads it so). */
export async function getNotification(ctx: RequestContext, id: string): Promise<Notification> {
  const notification = isUuid(id) ? await ctx.em.findOne(Notification, { $and: [{ id }, visibleNotifications(ctx)] }) : null;
  if (!notification) throw new NotFoundError('Notification', id);
  return notification;
}

/** One notification for a query, read as a row. */
export async function findNotification(ctx: RequestContext, id: string, fields: readonly string[]): Promise<NotificationRow> {
  // Not an id answers NOT_FOUND before the visibility rule may answer FORBIDDEN, as it always has.
  if (!isUuid(id)) throw new NotFoundError('Notification', id);
  return rowById<NotificationRow>(ctx, Notification, id, fields, { where: [visibleNotificationsSql(ctx)] });
}

/** Newest first. */
export function listNotifications(ctx: RequestContext, filter: NotificationFilter, page: PageRequest, fields: readonly string[]): Promise<Connection<NotificationRow>> {
  const visible = visibleNotificationsSql(ctx);
  const customerId = filter.customerId ? assertUuid(filter.customerId, 'customerId') : null;
  return paginateRows<NotificationRow>({
    db: ctx.db,
    entity: Notification,
    fields,
    where: [
      visible,
      filter.status && sql`t.status = ${filter.status}`,
      filter.channel && sql`t.channel = ${filter.channel}`,
      customerId && sql`t.customer_id = ${customerId}`,
    ],
    sort: { field: 'createdAt', direction: 'DESC' },
    page,
  });
}

/** Every try of each notification of a page, in one statement; the notification's visibility was checked where it was read. */
export function attemptsLoader(ctx: RequestContext, fields: readonly string[]): Loader<string, NotificationAttemptRow[]> {
  return rowsPerKey<NotificationAttemptRow>(ctx, NotificationAttempt, 'notificationId', fields, { orderBy: sql`t.attempt, t.at` });
}
