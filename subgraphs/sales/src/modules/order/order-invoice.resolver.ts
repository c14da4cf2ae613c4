import { Authorized, Ctx, Directive, FieldResolver, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '@erp/platform';
import { orderInvoiceLoader, type OrderRow } from './order-query.service.js';
import { InvoiceRef, OrderType } from './order.types.js';

/**
 * `Order.invoice` is billing's field, shared: sales answers it too, with the number, from its copy of billing's
 * invoices, so a page of orders with their invoice numbers needs no second trip to billing. The same permission as
 * billing's field (`invoices:read`, granted to the same roles: see policy.ts).
 */
@Resolver(() => OrderType)
export class OrderInvoiceResolver {
  @Authorized('invoices:read')
  @Directive('@shareable')
  @Directive('@provides(fields: "number")')
  @FieldResolver(() => InvoiceRef, { nullable: true, description: 'The order’s invoice (not void), if billed.' })
  async invoice(@Root() order: OrderRow, @Ctx() ctx: RequestContext): Promise<InvoiceRef | null> {
    const invoice = await orderInvoiceLoader(ctx).load(order.id);
    return invoice && { id: invoice.id, number: invoice.number };
  }
}
