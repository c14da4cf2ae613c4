import { orderCancelled, orderPlaced, orderStatusChanged, type OrderSnapshot, type OrderStatus } from '@erp/contracts';
import { formatTaxRate, recordEvent, toMoneyType, type EntityManager } from '@erp/platform';
import type { Order } from './order.entity.js';

/** The order with its lines, which must be loaded. */
function snapshot(order: Order): OrderSnapshot {
  const money = (minor: bigint) => toMoneyType(minor, order.currency);
  return {
    orderId: order.id,
    number: order.number,
    customerId: order.customerId,
    currency: order.currency,
    subtotal: money(order.subtotalMinor),
    tax: money(order.taxMinor),
    total: money(order.totalMinor),
    lines: order.lines.getItems().map((line) => ({
      productId: line.productId,
      sku: line.sku,
      name: line.name,
      quantity: line.quantity,
      unitPrice: money(line.unitPriceMinor),
      taxRate: formatTaxRate(line.taxRateBp),
      discount: money(line.discountMinor),
      net: money(line.netMinor),
      tax: money(line.taxMinor),
    })),
  };
}

/**
 * Records, in the transaction of the transition, `order.status_changed` with the order as it now is, and
 * `order.placed` / `order.cancelled` for those steps.
 */
export function recordOrderTransition(
  em: EntityManager,
  order: Order,
  transition: { from: OrderStatus; at: Date; byUserId: string | null; reason: string | null },
): void {
  const change = { ...snapshot(order), from: transition.from, to: order.status, at: transition.at.toISOString(), byUserId: transition.byUserId };
  recordEvent(em, orderStatusChanged, order.id, change);
  if (order.status === 'PLACED') recordEvent(em, orderPlaced, order.id, change);
  if (order.status === 'CANCELLED') recordEvent(em, orderCancelled, order.id, { ...change, reason: transition.reason });
}
