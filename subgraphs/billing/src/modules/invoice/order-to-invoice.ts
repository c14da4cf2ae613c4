import type { OrderSnapshot } from '@erp/contracts';

/** One line of an order as billing copies it onto the invoice; amounts as decimals in the order's currency. */
export interface OrderLineToInvoice {
  sku: string;
  name: string;
  productId: string;
  quantity: number;
  unitPrice: { amount: string };
  /** Percent: "20", "7.5". */
  taxRate: string;
  net: { amount: string };
  tax: { amount: string };
}

/** An order as billing drafts its invoice from it, whether it came with sales' event or was read from sales. */
export interface OrderToInvoice {
  id: string;
  number: string;
  customerId: string;
  currency: string;
  lines: OrderLineToInvoice[];
}

/** The order a sales event carries, as billing invoices it. */
export function orderToInvoice(order: OrderSnapshot): OrderToInvoice {
  return { id: order.orderId, number: order.number, customerId: order.customerId, currency: order.currency, lines: order.lines };
}
