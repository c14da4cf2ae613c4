import {
  actingUserId,
  assertUuid,
  BadUserInputError,
  firstRowsPerKey,
  groupByKey,
  isUuid,
  optionalText,
  paginateRows,
  requiredText,
  sql,
  type Connection,
  type Loader,
  type PageRequest,
  type RequestContext,
  type Row,
} from '@erp/platform';
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

export type ActivityRow = Row<Activity>;

export async function listActivities(
  ctx: RequestContext,
  filter: { customerId?: string | null; leadId?: string | null; type?: ActivityType | null },
  page: PageRequest,
  fields: readonly string[],
): Promise<Connection<ActivityRow>> {
  const customerId = filter.customerId ? assertUuid(filter.customerId, 'customerId') : null;
  const leadId = filter.leadId ? assertUuid(filter.leadId, 'leadId') : null;
  return paginateRows<ActivityRow>({
    db: ctx.db,
    entity: Activity,
    fields,
    where: [
      customerId && sql`t.customer_id = ${customerId}`,
      leadId && sql`t.lead_id = ${leadId}`,
      filter.type && sql`t.type = ${filter.type}`,
    ],
    sort: { field: 'occurredAt', direction: 'DESC' },
    page,
  });
}

/** The latest `limit` activities of many customers in one statement, each customer's from its own first index rows. */
export function recentActivitiesLoader(ctx: RequestContext, limit: number, fields: readonly string[]): Loader<string, ActivityRow[]> {
  return ctx.loaders.get(`Customer.activities:${limit}:${fields.join(',')}`, async (customerIds) => {
    const ids = customerIds.filter(isUuid);
    const rows = ids.length
      ? await ctx.db.rows<ActivityRow & { customerId: string }>(
          firstRowsPerKey(ids, {
            columns: ctx.db.columns(Activity, [...fields, 'customerId', 'occurredAt']),
            table: ctx.db.table(Activity),
            column: sql`t.customer_id`,
            orderBy: [
              { column: sql`t.occurred_at`, as: 'occurredAt', descending: true },
              { column: sql`t.id`, as: 'id', descending: true },
            ],
            limit,
          }),
        )
      : [];
    return groupByKey(customerIds, rows, (activity) => activity.customerId);
  });
}
