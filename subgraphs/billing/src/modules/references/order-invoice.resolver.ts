import { Authorized, Ctx, Directive, FieldResolver, Info, Resolver, Root } from 'type-graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { requestedFields, type RequestContext } from '@erp/platform';
import { INVOICE_FIELD_NEEDS, orderInvoiceLoader } from '../invoice/invoice-query.service.js';
import { InvoiceType, OrderRef } from '../invoice/invoice.types.js';

@Resolver(() => OrderRef)
export class OrderInvoiceResolver {
  /** Shared with sales, which answers it with the number from its copy of billing's invoices. */
  @Authorized('invoices:read')
  @Directive('@shareable')
  @FieldResolver(() => InvoiceType, { nullable: true, description: 'The order’s invoice (not void), if billed.' })
  invoice(@Root() order: OrderRef, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo) {
    return orderInvoiceLoader(ctx, requestedFields(info, [], INVOICE_FIELD_NEEDS)).load(order.id);
  }
}
