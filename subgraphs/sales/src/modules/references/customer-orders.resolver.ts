import { Arg, Authorized, Ctx, FieldResolver, Info, Int, Resolver, Root } from 'type-graphql';
import type { GraphQLResolveInfo } from 'graphql';
import type { OrderStatus } from '@erp/contracts';
import { requestedFields, type RequestContext } from '@erp/platform';
import { customerOrdersLoader, listOrders, ORDER_FIELD_NEEDS } from '../order/order-query.service.js';
import { CustomerRef, OrderConnection, OrderStatusEnum } from '../order/order.types.js';

@Resolver(() => CustomerRef)
export class CustomerOrdersResolver {
  @Authorized('orders:read')
  @FieldResolver(() => OrderConnection, { nullable: true, description: 'The customer’s orders, newest first; null when sales cannot answer.' })
  orders(
    @Root() customer: CustomerRef,
    @Arg('first', () => Int, { nullable: true }) first: number | null,
    @Arg('after', () => String, { nullable: true, description: 'Paging past the first page queries one customer at a time.' }) after: string | null,
    @Arg('status', () => OrderStatusEnum, { nullable: true }) status: OrderStatus | null,
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    const fields = requestedFields(info, ['edges', 'node'], ORDER_FIELD_NEEDS);
    if (after) return listOrders(ctx, { customerId: customer.id, status }, { field: 'createdAt', direction: 'DESC' }, { first, after }, fields);
    return customerOrdersLoader(ctx, first, status, fields).load(customer.id);
  }
}
