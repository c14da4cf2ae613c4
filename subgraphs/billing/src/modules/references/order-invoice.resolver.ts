import { Authorized, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '@erp/platform';
import { orderInvoiceLoader } from '../invoice/invoice-query.service.js';
import { InvoiceType, OrderRef } from '../invoice/invoice.types.js';

@Resolver(() => OrderRef)
export class OrderInvoiceResolver {
  @Authorized('invoices:read')
  @FieldResolver(() => InvoiceType, { nullable: true, description: 'The order’s invoice (not void), if billed.' })
  invoice(@Root() order: OrderRef, @Ctx() ctx: RequestContext) {
    return orderInvoiceLoader(ctx).load(order.id);
  }
}
