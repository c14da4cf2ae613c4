import type { InvoiceStatus } from '@erp/contracts';
import {
  assertUuid,
  customerScope,
  customerScopeFilter,
  customerScopeSql,
  emptyConnection,
  firstPagePerKey,
  isUuid,
  NotFoundError,
  pageSize,
  paginateRows,
  raw,
  sql,
  type Connection,
  type Loader,
  type PageRequest,
  type RequestContext,
  type Row,
  type Sql,
  rowPerKey,
  rowsPerKey,
  rowById,
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

/** The read path's twin of `visibleInvoices`, on alias `t`. */
function visibleInvoicesSql(ctx: RequestContext): Sql {
  return customerScopeSql(ctx.caller, 'invoices:read', billingPolicy, raw('t.customer_id')) ?? raw('true');
}

export type InvoiceRow = Row<Invoice>;

/** Properties the computed fields of Invoice read, for `requestedFields`. */
export const INVOICE_FIELD_NEEDS = {
  customer: ['customerId'],
  order: ['orderId'],
  subtotal: ['subtotalMinor', 'currency'],
  tax: ['taxMinor', 'currency'],
  total: ['totalMinor', 'currency'],
  amountPaid: ['paidMinor', 'currency'],
  amountCredited: ['creditedMinor', 'currency'],
  balanceDue: ['status', 'totalMinor', 'paidMinor', 'creditedMinor', 'currency'],
};

/** One invoice for a query, read as a row. */
export function findInvoice(ctx: RequestContext, id: string, fields: readonly string[]): Promise<InvoiceRow> {
  return rowById<InvoiceRow>(ctx, Invoice, id, fields, { where: [visibleInvoicesSql(ctx)] });
}

/** The invoice as an entity, for a change or a reaction. */
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
  fields: readonly string[],
): Promise<Connection<InvoiceRow>> {
  const customerId = filter.customerId ? assertUuid(filter.customerId, 'customerId') : null;
  const orderId = filter.orderId ? assertUuid(filter.orderId, 'orderId') : null;
  return paginateRows<InvoiceRow>({
    db: ctx.db,
    entity: Invoice,
    fields,
    where: [
      visibleInvoicesSql(ctx),
      filter.status && sql`t.status = ${filter.status}`,
      customerId && sql`t.customer_id = ${customerId}`,
      orderId && sql`t.order_id = ${orderId}`,
    ],
    sort: { field: 'createdAt', direction: 'DESC' },
    page,
  });
}

export function invoiceLoader(ctx: RequestContext, fields: readonly string[]): Loader<string, InvoiceRow | null> {
  return rowPerKey<InvoiceRow>(ctx, Invoice, 'id', fields, { where: [visibleInvoicesSql(ctx)] });
}

/** The order's invoice: the one that is not void. */
export function orderInvoiceLoader(ctx: RequestContext, fields: readonly string[]): Loader<string, InvoiceRow | null> {
  return rowPerKey<InvoiceRow & { orderId: string }>(ctx, Invoice, 'orderId', fields, { where: [sql`t.status <> 'VOID'`, visibleInvoicesSql(ctx)] });
}

export type InvoiceLineRow = Row<InvoiceLine> & { invoiceId: string };
export type PaymentRow = Row<Payment> & { invoiceId?: string };
export type CreditNoteRow = Row<CreditNote>;

/** Properties the computed fields of InvoiceLine, Payment and CreditNote read, for `requestedFields`. */
export const INVOICE_LINE_FIELD_NEEDS = {
  unitPrice: ['unitPriceMinor', 'currency'],
  taxRate: ['taxRateBp'],
  net: ['netMinor', 'currency'],
  tax: ['taxMinor', 'currency'],
};
export const PAYMENT_FIELD_NEEDS = { amount: ['amountMinor', 'currency'], invoice: ['invoiceId'] };
export const CREDIT_NOTE_FIELD_NEEDS = { amount: ['amountMinor', 'currency'] };

/** Lines of many invoices in one statement; the invoice's visibility was checked where the invoice was read. */
export function invoiceLinesLoader(ctx: RequestContext, fields: readonly string[]): Loader<string, InvoiceLineRow[]> {
  return rowsPerKey<InvoiceLineRow>(ctx, InvoiceLine, 'invoiceId', fields, { orderBy: sql`t.position` });
}

/** Payments of many invoices in one statement, oldest first. */
export function paymentsLoader(ctx: RequestContext, fields: readonly string[]): Loader<string, PaymentRow[]> {
  return rowsPerKey<PaymentRow & { invoiceId: string }>(ctx, Payment, 'invoiceId', fields, { orderBy: sql`t.received_at, t.id` });
}

/** Credit notes of many invoices in one statement, oldest first. */
export function creditNotesLoader(ctx: RequestContext, fields: readonly string[]): Loader<string, CreditNoteRow[]> {
  return rowsPerKey<CreditNoteRow & { invoiceId: string }>(ctx, CreditNote, 'invoiceId', fields, { orderBy: sql`t.issued_at, t.id` });
}

function visibleCustomerIds(ctx: RequestContext, customerIds: readonly string[]): string[] {
  const scope = customerScope(ctx.caller, 'invoices:read', billingPolicy);
  return customerIds.filter((id) => isUuid(id) && (scope.kind === 'all' || scope.customerId === id));
}

export function customerInvoicesLoader(
  ctx: RequestContext,
  first: number | null | undefined,
  status: InvoiceStatus | null | undefined,
  fields: readonly string[],
): Loader<string, Connection<InvoiceRow>> {
  const limit = pageSize(first);
  return ctx.loaders.get(`Customer.invoices:${limit}:${status ?? '*'}:${fields.join(',')}`, async (customerIds) => {
    const visible = visibleCustomerIds(ctx, customerIds);
    const pages = await firstPagePerKey<InvoiceRow & { createdAt: Date }>(visible, {
      db: ctx.db,
      entity: Invoice,
      key: 'customerId',
      fields,
      where: [status && sql`t.status = ${status}`],
      limit,
    });
    const byCustomer = new Map(visible.map((id, index) => [id, pages[index]!]));
    return customerIds.map((id) => byCustomer.get(id) ?? emptyConnection<InvoiceRow>());
  });
}

/** What each customer owes per currency on open invoices, one GROUP BY per batch. */
export function balancesLoader(ctx: RequestContext): Loader<string, Map<string, bigint>> {
  return ctx.loaders.get('Customer.balances', async (customerIds) => {
    const visible = visibleCustomerIds(ctx, customerIds);
    const rows = visible.length
      ? await ctx.db.rows<{ customer_id: string; currency: string; due: string }>(
          sql`select t.customer_id, t.currency, sum(t.total_minor - t.paid_minor - t.credited_minor)::text as due from ${ctx.db.table(Invoice)}
              where t.customer_id = any(${visible}::uuid[]) and t.status = any(${OPEN_STATUSES}::text[]) group by t.customer_id, t.currency`,
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
