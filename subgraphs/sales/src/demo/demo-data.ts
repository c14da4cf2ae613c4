import type { OrderStatus } from '@erp/contracts';
import { DEMO_ORDERS, DEMO_PRODUCTS, minorDigits, parseDecimal, parseTaxRate, type EntityManager } from '@erp/platform';
import { OrderLine } from '../modules/order/order-line.entity.js';
import { OrderStatusChange } from '../modules/order/order-status-change.entity.js';
import { Order } from '../modules/order/order.entity.js';
import { lineAmounts, orderTotals } from '../modules/order/order.rules.js';
import { Shipment } from '../modules/order/shipment.entity.js';

const PATH: OrderStatus[] = ['DRAFT', 'PLACED', 'CONFIRMED', 'SHIPPED', 'DELIVERED'];

/** The demo orders (shared ids, so billing's demo invoices point at them), each with its status history. */
export async function seedSalesDemo(em: EntityManager): Promise<void> {
  if ((await em.count(Order, {})) > 0) return;
  const year = new Date().getUTCFullYear();
  DEMO_ORDERS.forEach((demo, index) => {
    const created = new Date(Date.now() - demo.daysAgo * 86_400_000);
    const lines = demo.lines.map(({ product, quantity }) => {
      const p = DEMO_PRODUCTS[product]!;
      const unitPriceMinor = parseDecimal(p.price, minorDigits(p.currency));
      const taxRateBp = parseTaxRate(p.taxRate);
      return { p, quantity, unitPriceMinor, taxRateBp, ...lineAmounts(unitPriceMinor, quantity, 0n, taxRateBp) };
    });
    const order = em.create(Order, {
      id: demo.id,
      number: `SO-${year}-${String(index + 1).padStart(6, '0')}`,
      customerId: demo.customerId,
      currency: 'EUR',
      status: demo.status,
      createdAt: created,
      ...orderTotals(lines),
    });
    lines.forEach((line, position) =>
      em.create(OrderLine, {
        order,
        position,
        productId: line.p.id,
        sku: line.p.sku,
        name: line.p.name,
        quantity: line.quantity,
        currency: 'EUR',
        unitPriceMinor: line.unitPriceMinor,
        taxRateBp: line.taxRateBp,
        netMinor: line.netMinor,
        taxMinor: line.taxMinor,
      }),
    );
    const reached = demo.status === 'CANCELLED' ? ['DRAFT', 'PLACED', 'CANCELLED'] : PATH.slice(0, PATH.indexOf(demo.status) + 1);
    reached.forEach((status, step) =>
      em.create(OrderStatusChange, { order, from: (reached[step - 1] as OrderStatus | undefined) ?? null, to: status as OrderStatus, at: new Date(created.getTime() + step * 3_600_000), reason: status === 'CANCELLED' ? 'Customer ordered by mistake' : null }),
    );
    if (demo.status === 'SHIPPED' || demo.status === 'DELIVERED') em.create(Shipment, { order, carrier: 'DHL', trackingNumber: `JD01460000${index}` });
  });
  // Keep the order number sequence ahead of the demo numbers.
  await em.flush();
  await em.getConnection().execute(`insert into "sales"."number_sequence" (name, year, last_value) values ('order', ?, ?)`, [year, DEMO_ORDERS.length]);
}
