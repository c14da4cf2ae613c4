import { Arg, Authorized, Ctx, ID, Resolver, Root, Subscription } from 'type-graphql';
import { assertUuid, canSeeCustomer, eventsFor, type DomainEvent, type RequestContext } from '@erp/platform';
import { salesPolicy } from '../../policy.js';
import type { Order } from './order.entity.js';
import type { OrderStatus } from './order.rules.js';
import { getOrder } from './order-query.service.js';
import { OrderType } from './order.types.js';

interface OrderEventPayload {
  customerId: string;
  to: OrderStatus;
}

function visible(ctx: RequestContext, event: DomainEvent): boolean {
  return canSeeCustomer(ctx.caller, 'orders:read', salesPolicy, (event.payload as unknown as OrderEventPayload).customerId);
}

/** The order as the event left it: its current row, with the status the event moved it to (a later step may follow). */
async function orderAt(ctx: RequestContext, event: DomainEvent): Promise<Order> {
  const order = await getOrder(ctx, event.aggregateId);
  order.status = (event.payload as unknown as OrderEventPayload).to;
  return order;
}

@Resolver()
export class OrderSubscriptionResolver {
  @Authorized('orders:read')
  @Subscription(() => OrderType, {
    description: 'Every status change of orders the caller may see, or of one order.',
    subscribe: ({ args, context }) => {
      const orderId = args.orderId ? assertUuid(args.orderId as string, 'orderId') : null;
      return eventsFor(context as RequestContext, ['order.status_changed'], (event) => (!orderId || event.aggregateId === orderId) && visible(context as RequestContext, event));
    },
  })
  orderStatusChanged(@Root() event: DomainEvent, @Arg('orderId', () => ID, { nullable: true }) _orderId: string | null, @Ctx() ctx: RequestContext): Promise<Order> {
    return orderAt(ctx, event);
  }

  @Authorized('orders:read')
  @Subscription(() => OrderType, {
    description: 'Orders as they are placed.',
    subscribe: ({ context }) => eventsFor(context as RequestContext, ['order.placed'], (event) => visible(context as RequestContext, event)),
  })
  orderPlaced(@Root() event: DomainEvent, @Ctx() ctx: RequestContext): Promise<Order> {
    return orderAt(ctx, event);
  }
}
