import { orderCancelled, orderPlaced, orderStatusChanged, type OrderSnapshot, type OrderStatus } from '@erp/contracts';
import { formatTaxRate, OutboxEvent, toMoneyType, type EventContract } from '@erp/platform';
import type { OrderLine } from './order-line.entity.js';
import type { Order } from './order.entity.js';

function snapshot(order: Order, lines: readonly OrderLine[]): OrderSnapshot {
  const money = (minor: bigint) => toMoneyType(minor, order.currency);
  return {
    orderId: order.id,
    number: order.number,
    customerId: order.customerId,
    currency: order.currency,
    subtotal: money(order.subtotalMinor),
    tax: money(order.taxMinor),
    total: money(order.totalMinor),
    lines: lines.map((line) => ({
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

/** An outbox row of one event, as `recordEvent` makes it but not yet persisted: the payload's shape is the contract's. */
function outboxEvent<P extends object>(contract: EventContract<P>, aggregateId: string, payload: NoInfer<P>, at: Date): OutboxEvent {
  return Object.assign(new OutboxEvent(), { type: contract.type, aggregateId, payload, occurredAt: at });
}

/**
 * The events of a transition, to record in its transaction: `order.status_changed` with the order as it now is (and
 * its lines), and `order.placed` / `order.cancelled` for those steps.
 */
export function orderTransitionEvents(
  order: Order,
  lines: readonly OrderLine[],
  transition: { from: OrderStatus; at: Date; byUserId: string | null; reason: string | null },
): OutboxEvent[] {
  const change = { ...snapshot(order, lines), from: transition.from, to: order.status, at: transition.at.toISOString(), byUserId: transition.byUserId };
  const events = [outboxEvent(orderStatusChanged, order.id, change, transition.at)];
  if (order.status === 'PLACED') events.push(outboxEvent(orderPlaced, order.id, change, transition.at));
  if (order.status === 'CANCELLED') events.push(outboxEvent(orderCancelled, order.id, { ...change, reason: transition.reason }, transition.at));
  return events;
}
