import { defineEvent, type MoneyType } from '@erp/platform';

/** An order's lifecycle: DRAFT → PLACED → CONFIRMED → SHIPPED → DELIVERED; CANCELLED before shipping. */
export const ORDER_STATUSES = ['DRAFT', 'PLACED', 'CONFIRMED', 'SHIPPED', 'DELIVERED', 'CANCELLED'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export interface OrderStatusChanged {
  orderId: string;
  number: string;
  customerId: string;
  from: OrderStatus;
  to: OrderStatus;
  /** ISO timestamp of the transition. */
  at: string;
  byUserId: string | null;
}

export interface OrderPlaced extends OrderStatusChanged {
  total: MoneyType;
}

export interface OrderCancelled extends OrderStatusChanged {
  reason: string | null;
}

/** Every transition of an order. */
export const orderStatusChanged = defineEvent<OrderStatusChanged>('order.status_changed');
export const orderPlaced = defineEvent<OrderPlaced>('order.placed');
export const orderCancelled = defineEvent<OrderCancelled>('order.cancelled');
