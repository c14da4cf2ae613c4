import {
  assertCurrency,
  assertUuid,
  BadUserInputError,
  ConflictError,
  lineAmounts,
  minorDigits,
  NotFoundError,
  optionalText,
  parseDecimal,
  parseTaxRate,
  requiredText,
  type RequestContext,
} from '@erp/platform';
import type { EntityManager } from '@mikro-orm/postgresql';
import { CustomerForInvoiceFragmentDoc, OrderForInvoiceFragmentDoc, type OrderForInvoiceFragment } from '../../peers/generated.js';
import { recordInvoiceStatusChange } from './invoice-events.js';
import { InvoiceLine } from './invoice-line.entity.js';
import { Invoice } from './invoice.entity.js';
import { DEFAULT_PAYMENT_TERMS_DAYS } from './invoice.rules.js';
import type { OrderToInvoice } from './order-to-invoice.js';

/** Orders are billed once they are confirmed; an order still in draft or cancelled has nothing to bill. */
const BILLABLE_ORDER_STATUSES = ['CONFIRMED', 'SHIPPED', 'DELIVERED'];
const MAX_LINES = 500;

interface LineDraft {
  description: string;
  productId: string | null;
  quantity: number;
  unitPriceMinor: bigint;
  taxRateBp: number;
  netMinor: bigint;
  taxMinor: bigint;
}

async function saveDraft(
  em: EntityManager,
  header: { customerId: string; orderId: string | null; currency: string; paymentTermsDays: number; notes: string | null },
  lines: LineDraft[],
): Promise<Invoice> {
  const subtotalMinor = lines.reduce((sum, line) => sum + line.netMinor, 0n);
  const taxMinor = lines.reduce((sum, line) => sum + line.taxMinor, 0n);
  const invoice = em.create(Invoice, { ...header, subtotalMinor, taxMinor, totalMinor: subtotalMinor + taxMinor });
  lines.forEach((line, position) => em.create(InvoiceLine, { ...line, invoice, position, currency: header.currency }));
  recordInvoiceStatusChange(em, invoice, null);
  await em.flush();
  return invoice;
}

/** The order as billing needs it, read from sales; refused unless it is confirmed (or further). */
export async function billableOrder(ctx: RequestContext, orderId: string): Promise<OrderForInvoiceFragment> {
  assertUuid(orderId, 'orderId');
  const order = await ctx.peers.entity(ctx, 'sales', OrderForInvoiceFragmentDoc, orderId);
  if (!order) throw new NotFoundError('Order', orderId);
  if (!BILLABLE_ORDER_STATUSES.includes(order.status)) {
    throw new ConflictError(`Order ${order.number} is ${order.status}; only confirmed orders are invoiced.`, { currentStatus: order.status });
  }
  return order;
}

/**
 * Saves the DRAFT invoice of an order unless the order already has one that is not void, which it returns instead:
 * an order has at most one such invoice (a unique index), whether drafted by the order-events consumer or by hand.
 * Takes no remote call, so a caller may run it inside its own transaction.
 */
export async function saveOrderInvoice(em: EntityManager, order: OrderToInvoice): Promise<Invoice> {
  const existing = await em.findOne(Invoice, { orderId: order.id, status: { $ne: 'VOID' } });
  if (existing) return existing;
  const digits = minorDigits(order.currency);
  const lines = order.lines.map((line) => ({
    description: `${line.name} (${line.sku})`,
    productId: line.productId,
    quantity: line.quantity,
    unitPriceMinor: parseDecimal(line.unitPrice.amount, digits),
    taxRateBp: parseTaxRate(line.taxRate),
    netMinor: parseDecimal(line.net.amount, digits),
    taxMinor: parseDecimal(line.tax.amount, digits),
  }));
  const header = { customerId: order.customerId, orderId: order.id, currency: order.currency, paymentTermsDays: DEFAULT_PAYMENT_TERMS_DAYS, notes: `Order ${order.number}` };
  try {
    return await em.transactional((tx) => saveDraft(tx, header, lines));
  } catch (error) {
    // Lost the race with a concurrent writer of the same order's invoice: return theirs.
    if ((error as { name?: string }).name !== 'UniqueConstraintViolationException') throw error;
    em.clear();
    return em.findOneOrFail(Invoice, { orderId: order.id, status: { $ne: 'VOID' } });
  }
}

/** A DRAFT invoice with exactly the order's lines and amounts; asking again returns the same invoice. */
export async function createInvoiceFromOrder(ctx: RequestContext, orderId: string): Promise<Invoice> {
  const order = await billableOrder(ctx, orderId);
  // `product { id }` is answered by sales from the line itself (catalog is not asked), so it is always there.
  const lines = order.lines.map(({ product, ...line }) => ({ ...line, productId: product!.id }));
  const invoice = await saveOrderInvoice(ctx.em, { ...order, lines });
  ctx.log.info({ invoiceId: invoice.id, orderId }, 'invoice of order');
  return invoice;
}

/** A DRAFT invoice written by hand, e.g. for services without an order. */
export async function createInvoice(
  ctx: RequestContext,
  input: { customerId: string; currency: string; lines: { description: string; quantity: number; unitPrice: string; taxRate: string; productId?: string | null }[]; paymentTermsDays?: number | null; notes?: string | null },
): Promise<Invoice> {
  const customerId = assertUuid(input.customerId, 'customerId');
  const currency = assertCurrency(input.currency.trim().toUpperCase());
  if (input.lines.length === 0 || input.lines.length > MAX_LINES) {
    throw new BadUserInputError(`An invoice needs 1 to ${MAX_LINES} lines.`, { field: 'lines' });
  }
  const terms = input.paymentTermsDays ?? DEFAULT_PAYMENT_TERMS_DAYS;
  if (!Number.isInteger(terms) || terms < 0 || terms > 365) throw new BadUserInputError('paymentTermsDays must be 0 to 365.', { field: 'paymentTermsDays' });
  const lines = input.lines.map((line, index) => {
    if (!Number.isInteger(line.quantity) || line.quantity < 1) {
      throw new BadUserInputError(`lines[${index}].quantity must be a whole number of at least 1.`, { field: `lines[${index}].quantity` });
    }
    const unitPriceMinor = parseDecimal(line.unitPrice, minorDigits(currency), `lines[${index}].unitPrice`);
    const taxRateBp = parseTaxRate(line.taxRate, `lines[${index}].taxRate`);
    return {
      description: requiredText(line.description, `lines[${index}].description`, 300),
      productId: line.productId ? assertUuid(line.productId, `lines[${index}].productId`) : null,
      quantity: line.quantity,
      unitPriceMinor,
      taxRateBp,
      ...lineAmounts(unitPriceMinor, line.quantity, 0n, taxRateBp),
    };
  });
  const notes = optionalText(input.notes, 'notes', 5_000);
  if (!(await ctx.peers.entity(ctx, 'crm', CustomerForInvoiceFragmentDoc, customerId))) throw new NotFoundError('Customer', customerId);
  return ctx.em.transactional((em) => saveDraft(em, { customerId, orderId: null, currency, paymentTermsDays: terms, notes }, lines));
}
