import { Arg, Args, ArgsType, Authorized, Ctx, Field, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { MoneyType, toMoneyType, PageArgs, SortDirection, type RequestContext } from '@erp/platform';
import type { Order } from './order.entity.js';
import { cancelOrder, confirmOrder, markOrderDelivered, placeOrder, shipOrder } from './order-lifecycle.service.js';
import { createOrder } from './order-placement.service.js';
import { getOrder, historyLoader, linesLoader, listOrders, shipmentsLoader } from './order-query.service.js';
import {
  CreateOrderInput,
  CustomerRef,
  OrderConnection,
  OrderFilter,
  OrderLineType,
  OrderOrder,
  OrderOrderField,
  OrderStatusChangeType,
  OrderType,
  ShipmentType,
  ShipOrderInput,
} from './order.types.js';

@ArgsType()
class OrdersArgs extends PageArgs {
  @Field(() => OrderFilter, { nullable: true }) filter?: OrderFilter | null;
  @Field(() => OrderOrder, { nullable: true }) orderBy?: OrderOrder | null;
}


@Resolver(() => OrderType)
export class OrderResolver {
  @Authorized('orders:read')
  @Query(() => OrderConnection, { description: 'Newest first by default; customer-portal users see their own.' })
  orders(@Args(() => OrdersArgs) args: OrdersArgs, @Ctx() ctx: RequestContext) {
    return listOrders(ctx, args.filter ?? {}, args.orderBy ?? { field: OrderOrderField.CREATED_AT, direction: SortDirection.DESC }, args);
  }

  @Authorized('orders:read')
  @Query(() => OrderType)
  order(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext) {
    return getOrder(ctx, id);
  }

  @Authorized('orders:write')
  @Mutation(() => OrderType, { description: 'Creates a DRAFT order; lines snapshot the products’ current price and tax rate.' })
  createOrder(@Arg('input', () => CreateOrderInput) input: CreateOrderInput, @Ctx() ctx: RequestContext) {
    return createOrder(ctx, input);
  }

  @Authorized('orders:write')
  @Mutation(() => OrderType, { description: 'DRAFT → PLACED. Retrying with the same idempotencyKey returns the first result.' })
  placeOrder(@Arg('id', () => ID) id: string, @Arg('idempotencyKey', () => String) idempotencyKey: string, @Ctx() ctx: RequestContext) {
    return placeOrder(ctx, id, idempotencyKey);
  }

  @Authorized('orders:write')
  @Mutation(() => OrderType, { description: 'PLACED → CONFIRMED.' })
  confirmOrder(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext) {
    return confirmOrder(ctx, id);
  }

  @Authorized('orders:fulfil')
  @Mutation(() => OrderType, { description: 'CONFIRMED → SHIPPED, with the shipment’s carrier and tracking number.' })
  shipOrder(@Arg('id', () => ID) id: string, @Arg('input', () => ShipOrderInput) input: ShipOrderInput, @Ctx() ctx: RequestContext) {
    return shipOrder(ctx, id, input);
  }

  @Authorized('orders:fulfil')
  @Mutation(() => OrderType, { description: 'SHIPPED → DELIVERED.' })
  markOrderDelivered(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext) {
    return markOrderDelivered(ctx, id);
  }

  @Authorized('orders:write')
  @Mutation(() => OrderType, { description: 'Cancels an order that has not shipped.' })
  cancelOrder(@Arg('id', () => ID) id: string, @Arg('reason', () => String) reason: string, @Ctx() ctx: RequestContext) {
    return cancelOrder(ctx, id, reason);
  }

  @FieldResolver(() => CustomerRef)
  customer(@Root() order: Order): CustomerRef {
    return { id: order.customerId };
  }

  @FieldResolver(() => MoneyType, { description: 'Sum of the lines’ net amounts.' })
  subtotal(@Root() order: Order): MoneyType {
    return toMoneyType(order.subtotalMinor, order.currency);
  }

  @FieldResolver(() => MoneyType)
  tax(@Root() order: Order): MoneyType {
    return toMoneyType(order.taxMinor, order.currency);
  }

  @FieldResolver(() => MoneyType)
  total(@Root() order: Order): MoneyType {
    return toMoneyType(order.totalMinor, order.currency);
  }

  @FieldResolver(() => [OrderLineType])
  lines(@Root() order: Order, @Ctx() ctx: RequestContext) {
    return linesLoader(ctx).load(order.id);
  }

  @FieldResolver(() => [OrderStatusChangeType], { description: 'Every status the order went through, oldest first.' })
  statusHistory(@Root() order: Order, @Ctx() ctx: RequestContext) {
    return historyLoader(ctx).load(order.id);
  }

  @FieldResolver(() => [ShipmentType])
  shipments(@Root() order: Order, @Ctx() ctx: RequestContext) {
    return shipmentsLoader(ctx).load(order.id);
  }
}
