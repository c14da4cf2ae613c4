import type { InvoiceStatus } from '@erp/contracts';
import {
  alignByKey,
  assertUuid,
  customerScope,
  customerScopeFilter,
  emptyConnection,
  firstPagePerKey,
  groupByKey,
  isUuid,
  NotFoundError,
  pageSize,
  paginate,
  tableOf,
  type Connection,
  type Loader,
  type PageRequest,
  type RequestContext,
} from '@erp/platform';
import { LockMode, type FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { billingPolicy } from '../../policy.js';
import { CreditNote } from '../credit-note/credit-note.entity.js';
import { Payment } from '../payment/payment.entity.js';
import { InvoiceLine } from './invoice-line.entity.js';
import { Invoice } from './invoice.entity.js';
import { OPEN_STATUSES } from './invoice.rules.js';

export function visibleInvoices(ctx: RequestContext): FilterQuery<Invoice> {
  return customerScopeFilter(ctx.caller, 'invoices:read', billingPolicy, 'customerId') as FilterQuery<Invoice>;
}

export async function getInvoice(ctx: RequestContext, id: string): Promise<Invoice> {
  const invoice = isUuid(id) ? await ctx.em.findOne(Invoice, { $and: [{ id }, visibleInvoices(ctx)] }) : null;
  if (!invoice) throw new NotFoundError('Invoice', id);
  return invoice;
}

/** Loads an invoice for a change, locked until the transaction ends, so concurrent payments cannot overpay. */
export async function lockInvoice(em: EntityManager, ctx: RequestContext, id: string): Promise<Invoice> {
  const invoice = isUuid(id) ? await em.findOne(Invoice, { $and: [{ id }, visibleInvoices(ctx)] }, { lockMode: LockMode.PESSIMISTIC_WRITE }) : null;
  if (!invoice) throw new NotFoundError('Invoice', id);
  return invoice;
}

export async function listInvoices(
  ctx: RequestContext,
  filter: { status?: InvoiceStatus | null; customerId?: string | null; orderId?: string | null },
  page: PageRequest,
): Promise<Connection<Invoice>> {
  const where: FilterQuery<Invoice>[] = [visibleInvoices(ctx)];
  if (filter.status) where.push({ status: filter.status });
  if (filter.customerId) where.push({ customerId: assertUuid(filter.customerId, 'customerId') });
  if (filter.orderId) where.push({ orderId: assertUuid(filter.orderId, 'orderId') });
  return paginate(ctx.em, Invoice, { $and: where }, { field: 'createdAt', direction: 'DESC' }, page);
}

export function invoiceLoader(ctx: RequestContext): Loader<string, Invoice | null> {
  return ctx.loaders.get('Invoice.byId', async (ids) => {
    const valid = ids.filter(isUuid);
    return alignByKey(ids, valid.length ? await ctx.em.find(Invoice, { $and: [{ id: { $in: valid } }, visibleInvoices(ctx)] }) : [], (i) => i.id);
  });
}

/** The order's invoice: the one that is not void. */
export function orderInvoiceLoader(ctx: RequestContext): Loader<string, Invoice | null> {
  return ctx.loaders.get('Order.invoice', async (orderIds) => {
    const valid = orderIds.filter(isUuid);
    const rows = valid.length ? await ctx.em.find(Invoice, { $and: [{ orderId: { $in: valid }, status: { $ne: 'VOID' } }, visibleInvoices(ctx)] }) : [];
    return alignByKey(orderIds, rows, (invoice) => invoice.orderId!);
  });
}

export function invoiceLinesLoader(ctx: RequestContext): Loader<string, InvoiceLine[]> {
  return ctx.loaders.get('Invoice.lines', async (ids) =>
    groupByKey(ids, await ctx.em.find(InvoiceLine, { invoice: { $in: [...ids] } }, { orderBy: { position: 'ASC' } }), (l) => l.invoice.id),
  );
}

export function paymentsLoader(ctx: RequestContext): Loader<string, Payment[]> {
  return ctx.loaders.get('Invoice.payments', async (ids) =>
    groupByKey(ids, await ctx.em.find(Payment, { invoice: { $in: [...ids] } }, { orderBy: { receivedAt: 'ASC', id: 'ASC' } }), (p) => p.invoice.id),
  );
}

export function creditNotesLoader(ctx: RequestContext): Loader<string, CreditNote[]> {
  return ctx.loaders.get('Invoice.creditNotes', async (ids) =>
    groupByKey(ids, await ctx.em.find(CreditNote, { invoice: { $in: [...ids] } }, { orderBy: { issuedAt: 'ASC' } }), (c) => c.invoice.id),
  );
}

function visibleCustomerIds(ctx: RequestContext, customerIds: readonly string[]): string[] {
  const scope = customerScope(ctx.caller, 'invoices:read', billingPolicy);
  return customerIds.filter((id) => isUuid(id) && (scope.kind === 'all' || scope.customerId === id));
}

export function customerInvoicesLoader(ctx: RequestContext, first: number | null | undefined, status: InvoiceStatus | null | undefined): Loader<string, Connection<Invoice>> {
  const limit = pageSize(first);
  return ctx.loaders.get(`Customer.invoices:${limit}:${status ?? '*'}`, async (customerIds) => {
    const visible = visibleCustomerIds(ctx, customerIds);
    const pages = await firstPagePerKey(ctx.em, visible, {
      entity: Invoice,
      keyColumn: 'customer_id',
      keyOf: (invoice) => invoice.customerId,
      where: status ? { sql: 't.status = ?', params: [status] } : undefined,
      limit,
    });
    const byCustomer = new Map(visible.map((id, index) => [id, pages[index]!]));
    return customerIds.map((id) => byCustomer.get(id) ?? emptyConnection<Invoice>());
  });
}

/** What each customer owes per currency on open invoices, one GROUP BY per batch. */
export function balancesLoader(ctx: RequestContext): Loader<string, Map<string, bigint>> {
  return ctx.loaders.get('Customer.balances', async (customerIds) => {
    const visible = visibleCustomerIds(ctx, customerIds);
    const rows: { customer_id: string; currency: string; due: string }[] = visible.length
      ? await ctx.em.getConnection().execute(
          `select customer_id, currency, sum(total_minor - paid_minor - credited_minor) as due from ${tableOf(ctx.em, Invoice)}
           where customer_id = any(?::uuid[]) and status = any(?::text[]) group by customer_id, currency`,
          [`{${visible.join(',')}}`, `{${OPEN_STATUSES.join(',')}}`],
        )
      : [];
    const balances = new Map<string, Map<string, bigint>>();
    for (const row of rows) {
      const forCustomer = balances.get(row.customer_id) ?? new Map<string, bigint>();
      forCustomer.set(row.currency, BigInt(row.due));
      balances.set(row.customer_id, forCustomer);
    }
    return customerIds.map((id) => balances.get(id) ?? new Map());
  });
}
