import { isUuid, NotFoundError, paginateRows, rowById, rowsPerKey, sql, raw, type Connection, type Loader, type PageRequest, type RequestContext, type Row, type Sql } from '@erp/platform';
import { WebhookDelivery, WebhookDeliveryAttempt } from './webhook-delivery.entity.js';
import { WebhookEndpoint } from './webhook-endpoint.entity.js';
import type { DeliveryStatus } from './webhook-endpoint.rules.js';

export type WebhookEndpointRow = Row<WebhookEndpoint>;
export type WebhookDeliveryRow = Row<WebhookDelivery> & { endpointId?: string; eventId?: string };
export type WebhookAttemptRow = Row<WebhookDeliveryAttempt> & { deliveryId: string };

/** The read path's twin of `endpointOwnership`, on alias `t` of the endpoint. */
function ownedEndpointsSql(ctx: RequestContext): Sql {
  return ctx.caller?.kind === 'apiKey' ? sql`t.owner_api_key_id = ${ctx.caller.apiKeyId}` : raw('true');
}

/** Newest first. */
export function listWebhookEndpoints(ctx: RequestContext, page: PageRequest, fields: readonly string[]): Promise<Connection<WebhookEndpointRow>> {
  return paginateRows<WebhookEndpointRow>({ db: ctx.db, entity: WebhookEndpoint, fields, where: [ownedEndpointsSql(ctx)], sort: { field: 'createdAt', direction: 'DESC' }, page });
}

export function findWebhookEndpoint(ctx: RequestContext, id: string, fields: readonly string[]): Promise<WebhookEndpointRow> {
  if (!isUuid(id)) throw new NotFoundError('WebhookEndpoint', id);
  return rowById<WebhookEndpointRow>(ctx, WebhookEndpoint, id, fields, { where: [ownedEndpointsSql(ctx)] });
}

/** An endpoint's deliveries, newest first; NOT_FOUND for an endpoint the caller does not manage. */
export async function listWebhookDeliveries(
  ctx: RequestContext,
  endpointId: string,
  status: DeliveryStatus | null | undefined,
  page: PageRequest,
  fields: readonly string[],
): Promise<Connection<WebhookDeliveryRow>> {
  await findWebhookEndpoint(ctx, endpointId, ['id']);
  return paginateRows<WebhookDeliveryRow>({
    db: ctx.db,
    entity: WebhookDelivery,
    fields,
    where: [sql`t.endpoint_id = ${endpointId}`, status && sql`t.status = ${status}`],
    sort: { field: 'createdAt', direction: 'DESC' },
    page,
  });
}

/** One delivery by id, if its endpoint is the caller's to manage. */
export function findWebhookDelivery(ctx: RequestContext, id: string, fields: readonly string[]): Promise<WebhookDeliveryRow> {
  if (!isUuid(id)) throw new NotFoundError('WebhookDelivery', id);
  const owned = ctx.caller?.kind === 'apiKey' ? sql`t.endpoint_id in (select e.id from ${ctx.db.table(WebhookEndpoint, 'e')} where e.owner_api_key_id = ${ctx.caller.apiKeyId})` : null;
  return rowById<WebhookDeliveryRow>(ctx, WebhookDelivery, id, fields, { where: [owned] });
}

/** Every attempt of each delivery of a page, first to last, in one statement; visibility was checked where the deliveries were read. */
export function attemptsLoader(ctx: RequestContext, fields: readonly string[]): Loader<string, WebhookAttemptRow[]> {
  return rowsPerKey<WebhookAttemptRow>(ctx, WebhookDeliveryAttempt, 'deliveryId', fields, { orderBy: sql`t.attempt, t.at` });
}
