import { Arg, Authorized, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import type { OrderStatus } from '@erp/contracts';
import type { RequestContext } from '@erp/platform';
import { customerOrdersLoader, listOrders } from '../order/order-query.service.js';
import { CustomerRef, OrderConnection, OrderStatusEnum } from '../order/order.types.js';

@Resolver(() => CustomerRef)
export class CustomerOrdersResolver {
  @Authorized('orders:read')
  @FieldResolver(() => OrderConnection, { description: 'The customer’s orders, newest first.' })
  orders(
    @Root() customer: CustomerRef,
    @Arg('first', () => Int, { nullable: true }) first: number | null,
    @Arg('after', () => String, { nullable: true, description: 'Paging past the first page queries one customer at a time.' }) after: string | null,
    @Arg('status', () => OrderStatusEnum, { nullable: true }) status: OrderStatus | null,
    @Ctx() ctx: RequestContext,
  ) {
    if (after) return listOrders(ctx, { customerId: customer.id, status }, { field: 'createdAt', direction: 'DESC' }, { first, after });
    return customerOrdersLoader(ctx, first, status).load(customer.id);
  }
}
