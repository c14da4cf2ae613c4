import { defineEvent, type MoneyType } from '@erp/platform';

/** An order's lifecycle: DRAFT → PLACED → CONFIRMED → SHIPPED → DELIVERED; CANCELLED before shipping. */
export const ORDER_STATUSES = ['DRAFT', 'PLACED', 'CONFIRMED', 'SHIPPED', 'DELIVERED', 'CANCELLED'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];
/** Orders that count as sold and hold their stock: placed and not cancelled. */
export const PLACED_ORDER_STATUSES: readonly OrderStatus[] = ['PLACED', 'CONFIRMED', 'SHIPPED', 'DELIVERED'];

/** A line with the product's name, price and tax rate as they were when it was added. */
export interface OrderLineSnapshot {
  productId: string;
  sku: string;
  name: string;
  quantity: number;
  unitPrice: MoneyType;
  /** Percent, as the graph shows it: "20", "7.5". */
  taxRate: string;
  discount: MoneyType;
  /** unit price × quantity − discount. */
  net: MoneyType;
  tax: MoneyType;
}

/** The order as every order event carries it: enough for billing to draft its invoice without calling back. */
export interface OrderSnapshot {
  orderId: string;
  number: string;
  customerId: string;
  currency: string;
  subtotal: MoneyType;
  tax: MoneyType;
  total: MoneyType;
  lines: OrderLineSnapshot[];
}

export interface OrderStatusChanged extends OrderSnapshot {
  from: OrderStatus;
  to: OrderStatus;
  /** ISO timestamp of the transition. */
  at: string;
  byUserId: string | null;
}

export interface OrderCancelled extends OrderStatusChanged {
  reason: string | null;
}

/** Every transition of an order. */
export const orderStatusChanged = defineEvent<OrderStatusChanged>('order.status_changed');
/** The transition to PLACED, for those who only care about new orders. */
export const orderPlaced = defineEvent<OrderStatusChanged>('order.placed');
export const orderCancelled = defineEvent<OrderCancelled>('order.cancelled');
