import { Arg, Args, ArgsType, Authorized, Ctx, Field, FieldResolver, ID, Info, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { MoneyType, toMoneyType, PageArgs, requestedFields, SortDirection, type RequestContext } from '@erp/platform';
import { cancelOrder, confirmOrder, markOrderDelivered, placeOrder, shipOrder } from './order-lifecycle.service.js';
import { createOrder } from './order-placement.service.js';
import { findOrder, historyLoader, LINE_FIELD_NEEDS, linesLoader, listOrders, ORDER_FIELD_NEEDS, shipmentsLoader, type OrderRow } from './order-query.service.js';
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
  WarehouseRef,
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
  orders(@Args(() => OrdersArgs) args: OrdersArgs, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo) {
    const order = args.orderBy ?? { field: OrderOrderField.CREATED_AT, direction: SortDirection.DESC };
    return listOrders(ctx, args.filter ?? {}, order, args, requestedFields(info, ['edges', 'node'], ORDER_FIELD_NEEDS));
  }

  @Authorized('orders:read')
  @Query(() => OrderType)
  order(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo) {
    return findOrder(ctx, id, requestedFields(info, [], ORDER_FIELD_NEEDS));
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

  @FieldResolver(() => CustomerRef, { nullable: true, description: 'Null when crm cannot answer (the error names it); the order stays readable.' })
  customer(@Root() order: OrderRow): CustomerRef {
    return { id: order.customerId! };
  }

  @FieldResolver(() => WarehouseRef, { nullable: true, description: 'Where the order reserves its stock; null: the default warehouse.' })
  warehouse(@Root() order: OrderRow): WarehouseRef | null {
    return order.warehouseId ? { id: order.warehouseId } : null;
  }

  @FieldResolver(() => MoneyType, { description: 'Sum of the lines’ net amounts.' })
  subtotal(@Root() order: OrderRow): MoneyType {
    return toMoneyType(order.subtotalMinor!, order.currency!);
  }

  @FieldResolver(() => MoneyType)
  tax(@Root() order: OrderRow): MoneyType {
    return toMoneyType(order.taxMinor!, order.currency!);
  }

  @FieldResolver(() => MoneyType)
  total(@Root() order: OrderRow): MoneyType {
    return toMoneyType(order.totalMinor!, order.currency!);
  }

  @FieldResolver(() => [OrderLineType])
  lines(@Root() order: OrderRow, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo) {
    return linesLoader(ctx, requestedFields(info, [], LINE_FIELD_NEEDS)).load(order.id);
  }

  @FieldResolver(() => [OrderStatusChangeType], { description: 'Every status the order went through, oldest first.' })
  statusHistory(@Root() order: OrderRow, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo) {
    return historyLoader(ctx, requestedFields(info)).load(order.id);
  }

  @FieldResolver(() => [ShipmentType])
  shipments(@Root() order: OrderRow, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo) {
    return shipmentsLoader(ctx, requestedFields(info)).load(order.id);
  }
}
