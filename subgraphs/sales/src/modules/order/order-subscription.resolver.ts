import { Arg, Authorized, Ctx, ID, Resolver, Root, Subscription } from 'type-graphql';
import { orderPlaced, orderStatusChanged, type OrderStatusChanged } from '@erp/contracts';
import { assertUuid, canSeeCustomer, eventsFor, type DomainEvent, type RequestContext } from '@erp/platform';
import { salesPolicy } from '../../policy.js';
import type { Order } from './order.entity.js';
import { getOrder } from './order-query.service.js';
import { OrderType } from './order.types.js';

/** Both events carry the transition (order.placed is the transition to PLACED). */
type OrderEvent = DomainEvent<OrderStatusChanged>;

function visible(ctx: RequestContext, event: OrderEvent): boolean {
  return canSeeCustomer(ctx.caller, 'orders:read', salesPolicy, event.payload.customerId);
}

/** The order as the event left it: its current row, with the status the event moved it to (a later step may follow). */
async function orderAt(ctx: RequestContext, event: OrderEvent): Promise<Order> {
  const order = await getOrder(ctx, event.aggregateId);
  order.status = event.payload.to;
  return order;
}

@Resolver()
export class OrderSubscriptionResolver {
  @Authorized('orders:read')
  @Subscription(() => OrderType, {
    description: 'Every status change of orders the caller may see, or of one order.',
    subscribe: ({ args, context }) => {
      const orderId = args.orderId ? assertUuid(args.orderId as string, 'orderId') : null;
      return eventsFor(context as RequestContext, [orderStatusChanged], (event) => (!orderId || event.aggregateId === orderId) && visible(context as RequestContext, event));
    },
  })
  orderStatusChanged(@Root() event: OrderEvent, @Arg('orderId', () => ID, { nullable: true }) _orderId: string | null, @Ctx() ctx: RequestContext): Promise<Order> {
    return orderAt(ctx, event);
  }

  @Authorized('orders:read')
  @Subscription(() => OrderType, {
    description: 'Orders as they are placed.',
    subscribe: ({ context }) => eventsFor(context as RequestContext, [orderPlaced], (event) => visible(context as RequestContext, event)),
  })
  orderPlaced(@Root() event: OrderEvent, @Ctx() ctx: RequestContext): Promise<Order> {
    return orderAt(ctx, event);
  }
}
