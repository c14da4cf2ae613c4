import {
  actingUserId,
  assertUuid,
  auditOutboxEvent,
  entityChange,
  BadUserInputError,
  minorDigits,
  inNumberSeries,
  NotFoundError,
  optionalText,
  parseDecimal,
  parsePostalAddress,
  parseTaxRate,
  type PostalAddressInput,
  type RequestContext,
} from '@erp/platform';
import { CustomerForOrderFragmentDoc, ProductForOrderLineFragmentDoc, WarehouseForOrderFragmentDoc, type ProductForOrderLineFragment } from '../../peers/generated.js';
import { OrderLine } from './order-line.entity.js';
import { OrderStatusChange } from './order-status-change.entity.js';
import { Order } from './order.entity.js';
import { insertNewOrder } from './order-write.repository.js';
import { recentDrafts } from './recent-drafts.js';
import { lineAmounts, orderTotals } from './order.rules.js';

export const MAX_LINES = 200;
const MAX_QUANTITY = 1_000_000;

/** The authoritative prices and tax rates, read from catalog as the caller, at the moment the lines are added. */
async function fetchProducts(ctx: RequestContext, ids: string[]): Promise<Map<string, ProductForOrderLineFragment>> {
  const products = await ctx.peers.entities(ctx, 'catalog', ProductForOrderLineFragmentDoc, ids);
  return new Map(products.filter((product) => product !== null).map((product) => [product.id, product]));
}

export interface CreateOrderInput {
  customerId: string;
  lines: { productId: string; quantity: number; discount?: string | null }[];
  shippingAddress?: PostalAddressInput | null;
  notes?: string | null;
  warehouseId?: string | null;
}

/** Validates the request, snapshots the products and creates the DRAFT order with a new number, in one statement. */
export async function createOrder(ctx: RequestContext, input: CreateOrderInput): Promise<Order> {
  const customerId = assertUuid(input.customerId, 'customerId');
  if (input.lines.length === 0) throw new BadUserInputError('An order needs at least one line.', { field: 'lines' });
  if (input.lines.length > MAX_LINES) throw new BadUserInputError(`An order has at most ${MAX_LINES} lines.`, { field: 'lines' });
  input.lines.forEach((line, index) => {
    assertUuid(line.productId, `lines[${index}].productId`);
    if (!Number.isInteger(line.quantity) || line.quantity < 1 || line.quantity > MAX_QUANTITY) {
      throw new BadUserInputError(`lines[${index}].quantity must be a whole number from 1 to ${MAX_QUANTITY}.`, { field: `lines[${index}].quantity` });
    }
  });
  const notes = optionalText(input.notes, 'notes', 5_000);
  const address = input.shippingAddress ? parsePostalAddress(input.shippingAddress, 'shippingAddress', 'must be a two-letter ISO code.') : null;
  const warehouseId = input.warehouseId ? assertUuid(input.warehouseId, 'warehouseId') : null;

  const [customer, products, warehouse] = await Promise.all([
    ctx.peers.entity(ctx, 'crm', CustomerForOrderFragmentDoc, customerId),
    fetchProducts(ctx, [...new Set(input.lines.map((line) => line.productId))]),
    warehouseId ? ctx.peers.entity(ctx, 'inventory', WarehouseForOrderFragmentDoc, warehouseId) : null,
  ]);
  if (!customer) throw new NotFoundError('Customer', customerId);
  if (warehouseId && !warehouse) throw new NotFoundError('Warehouse', warehouseId);
  if (warehouse && !warehouse.active) throw new BadUserInputError(`Warehouse ${warehouse.code} does not take orders.`, { field: 'warehouseId' });
  const snapshots = input.lines.map((line, index) => {
    const product = products.get(line.productId);
    if (!product) throw new NotFoundError('Product', line.productId);
    if (!product.active) throw new BadUserInputError(`Product ${product.sku} is not on sale any more.`, { field: `lines[${index}].productId` });
    const currency = product.price.currency;
    const discountMinor = line.discount ? parseDecimal(line.discount, minorDigits(currency), `lines[${index}].discount`) : 0n;
    const unitPriceMinor = parseDecimal(product.price.amount, minorDigits(currency));
    const taxRateBp = parseTaxRate(product.taxRate);
    if (discountMinor < 0n || discountMinor > unitPriceMinor * BigInt(line.quantity)) {
      throw new BadUserInputError(`lines[${index}].discount must be between 0 and the line's amount.`, { field: `lines[${index}].discount` });
    }
    return { product, currency, quantity: line.quantity, unitPriceMinor, taxRateBp, discountMinor, ...lineAmounts(unitPriceMinor, line.quantity, discountMinor, taxRateBp) };
  });
  const currencies = new Set(snapshots.map((s) => s.currency));
  if (currencies.size > 1) throw new BadUserInputError(`All lines of an order must be in one currency, got ${[...currencies].join(', ')}.`, { field: 'lines' });

  const year = new Date().getUTCFullYear();
  const at = new Date();
  const createdBy = actingUserId(ctx);
  const order = Object.assign(new Order(), {
    customerId,
    currency: snapshots[0]!.currency,
    shippingAddress: address ?? customer.shippingAddress ?? customer.billingAddress ?? null,
    notes,
    warehouseId,
    createdBy,
    createdAt: at,
    updatedAt: at,
    version: 1,
    ...orderTotals(snapshots),
  });
  const lines = snapshots.map((s, position) =>
    Object.assign(new OrderLine(), {
      order,
      position,
      productId: s.product.id,
      sku: s.product.sku,
      name: s.product.name,
      quantity: s.quantity,
      currency: s.currency,
      unitPriceMinor: s.unitPriceMinor,
      taxRateBp: s.taxRateBp,
      discountMinor: s.discountMinor,
      netMinor: s.netMinor,
      taxMinor: s.taxMinor,
    }),
  );
  const change = Object.assign(new OrderStatusChange(), { order, from: null, to: 'DRAFT' as const, byUserId: createdBy, at });
  // One statement, so its own transaction: the order, its lines and its first status change, numbered from the year's
  // order series (unique and increasing, not gap-free: concurrent orders never wait for each other's number).
  // Audited by hand, as the unit of work would: the order (its number is added by the statement), its lines, its first status.
  const audit = auditOutboxEvent([
    entityChange(ctx.db.metadata, Order, order.id, null, order),
    ...lines.map((line) => entityChange(ctx.db.metadata, OrderLine, line.id, null, line)),
    entityChange(ctx.db.metadata, OrderStatusChange, change.id, null, change),
  ]);
  order.number = await inNumberSeries(ctx.db, 'order', year, () => insertNewOrder(ctx.db, year, order, lines, change, audit));
  recentDrafts(ctx.db).keep(order, lines);
  ctx.log.info({ orderId: order.id, number: order.number }, 'order created');
  return order;
}
