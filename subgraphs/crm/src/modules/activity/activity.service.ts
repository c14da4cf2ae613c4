import {
  actingUserId,
  assertUuid,
  BadUserInputError,
  groupByKey,
  isUuid,
  optionalText,
  paginate,
  requiredText,
  tableOf,
  type Connection,
  type Loader,
  type PageRequest,
  type RequestContext,
} from '@erp/platform';
import type { FilterQuery } from '@mikro-orm/core';
import { getCustomer } from '../customer/customer.service.js';
import { getLead } from '../lead/lead.service.js';
import { Activity, type ActivityType } from './activity.entity.js';

export async function logActivity(
  ctx: RequestContext,
  input: { type: ActivityType; subject: string; body?: string | null; occurredAt?: Date | null; customerId?: string | null; leadId?: string | null },
): Promise<Activity> {
  if (Boolean(input.customerId) === Boolean(input.leadId)) {
    throw new BadUserInputError('An activity is about exactly one customer or one lead: give customerId or leadId.', { field: 'customerId' });
  }
  const subject = requiredText(input.subject, 'subject');
  const body = optionalText(input.body, 'body', 10_000);
  const customer = input.customerId ? await getCustomer(ctx, input.customerId) : null;
  const lead = input.leadId ? await getLead(ctx, input.leadId) : null;
  const activity = ctx.em.create(Activity, {
    type: input.type,
    subject,
    body,
    customer,
    lead,
    occurredAt: input.occurredAt ?? new Date(),
    authorId: actingUserId(ctx),
  });
  await ctx.em.flush();
  return activity;
}

export async function listActivities(
  ctx: RequestContext,
  filter: { customerId?: string | null; leadId?: string | null; type?: ActivityType | null },
  page: PageRequest,
): Promise<Connection<Activity>> {
  const where: FilterQuery<Activity> = {};
  if (filter.customerId) where.customer = assertUuid(filter.customerId, 'customerId');
  if (filter.leadId) where.lead = assertUuid(filter.leadId, 'leadId');
  if (filter.type) where.type = filter.type;
  return paginate(ctx.em, Activity, where, { field: 'occurredAt', direction: 'DESC' }, page);
}

/**
 * The latest `limit` activities of many customers in one statement: a window function ranks each customer's
 * activities, so the page size holds per customer without a query per customer.
 */
export function recentActivitiesLoader(ctx: RequestContext, limit: number): Loader<string, Activity[]> {
  return ctx.loaders.get<string, Activity[]>(`Customer.activities:${limit}`, async (customerIds) => {
    const ids = customerIds.filter(isUuid);
    const rows: Record<string, unknown>[] = ids.length
      ? await ctx.em.getConnection().execute(
          `select * from (
             select a.*, row_number() over (partition by a.customer_id order by a.occurred_at desc, a.id desc) as rank
             from ${tableOf(ctx.em, Activity)} a where a.customer_id = any(?::uuid[])
           ) ranked where rank <= ? order by occurred_at desc, id desc`,
          [`{${ids.join(',')}}`, limit],
        )
      : [];
    const activities = rows.map((row) => ctx.em.map(Activity, row));
    return groupByKey(customerIds, activities, (activity) => activity.customer!.id);
  });
}
