import { Arg, Args, ArgsType, Authorized, Ctx, Field, FieldResolver, ID, Info, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { GraphQLResolveInfo } from 'graphql';
import type { PurchaseOrderStatus } from '@erp/contracts';
import { MoneyType, PageArgs, requestedFields, toMoneyType, type RequestContext } from '@erp/platform';
import { ProductRef } from '../stock/stock.types.js';
import { supplierLoader } from '../supplier/supplier.service.js';
import { SupplierType } from '../supplier/supplier.types.js';
import { warehouseLoader } from '../warehouse/warehouse.service.js';
import { WarehouseType } from '../warehouse/warehouse.types.js';
import { createPurchaseOrderForLowStock, setPreferredSupplier } from './low-stock-order.service.js';
import { receivePurchaseOrder } from './purchase-order-receipt.service.js';
import {
  findPurchaseOrder,
  listPurchaseOrders,
  PURCHASE_ORDER_FIELD_NEEDS,
  PURCHASE_ORDER_LINE_FIELD_NEEDS,
  purchaseOrderLinesLoader,
  TOTAL_LINE_FIELDS,
  type PurchaseOrderLineRow,
  type PurchaseOrderRow,
} from './purchase-order-query.service.js';
import { lineTotalMinor, orderTotalMinor } from './purchase-order.rules.js';
import { cancelPurchaseOrder, createPurchaseOrder, sendPurchaseOrder, updatePurchaseOrder } from './purchase-order.service.js';
import {
  CreatePurchaseOrderInput,
  PreferredSupplierType,
  PurchaseOrderConnection,
  PurchaseOrderLineType,
  PurchaseOrderStatusEnum,
  PurchaseOrderType,
  ReceivePurchaseOrderInput,
  SetPreferredSupplierInput,
  UpdatePurchaseOrderInput,
} from './purchase-order.types.js';

@ArgsType()
class PurchaseOrdersArgs extends PageArgs {
  @Field(() => PurchaseOrderStatusEnum, { nullable: true }) status?: PurchaseOrderStatus | null;
  @Field(() => ID, { nullable: true }) supplierId?: string | null;
  @Field(() => ID, { nullable: true }) warehouseId?: string | null;
}

/** Mutations change through the ORM, then answer the order as the read path sees it once committed. */
const answer = (ctx: RequestContext, info: GraphQLResolveInfo) => (id: string) => findPurchaseOrder(ctx, id, requestedFields(info, [], PURCHASE_ORDER_FIELD_NEEDS));

@Resolver(() => PurchaseOrderType)
export class PurchaseOrderResolver {
  @Authorized('purchasing:read')
  @Query(() => PurchaseOrderConnection, { description: 'Purchase orders, newest first.' })
  purchaseOrders(@Args(() => PurchaseOrdersArgs) args: PurchaseOrdersArgs, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo) {
    return listPurchaseOrders(ctx, args, args, requestedFields(info, ['edges', 'node'], PURCHASE_ORDER_FIELD_NEEDS));
  }

  @Authorized('purchasing:read')
  @Query(() => PurchaseOrderType)
  purchaseOrder(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo) {
    return findPurchaseOrder(ctx, id, requestedFields(info, [], PURCHASE_ORDER_FIELD_NEEDS));
  }

  @Authorized('purchasing:write')
  @Mutation(() => PurchaseOrderType, { description: 'A DRAFT in the supplier’s currency, numbered PO-<year>-<n>.' })
  async createPurchaseOrder(@Arg('input', () => CreatePurchaseOrderInput) input: CreatePurchaseOrderInput, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo) {
    return answer(ctx, info)(await createPurchaseOrder(ctx, input));
  }

  @Authorized('purchasing:write')
  @Mutation(() => PurchaseOrderType, { description: 'Changes a DRAFT; given lines replace all its lines.' })
  async updatePurchaseOrder(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdatePurchaseOrderInput) input: UpdatePurchaseOrderInput,
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    return answer(ctx, info)(await updatePurchaseOrder(ctx, id, input));
  }

  @Authorized('purchasing:write')
  @Mutation(() => PurchaseOrderType, { description: 'DRAFT → SENT: its lines no longer change.' })
  async sendPurchaseOrder(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo) {
    return answer(ctx, info)(await sendPurchaseOrder(ctx, id));
  }

  @Authorized('purchasing:write')
  @Mutation(() => PurchaseOrderType, { description: 'Only a DRAFT or SENT order (nothing received yet).' })
  async cancelPurchaseOrder(
    @Arg('id', () => ID) id: string,
    @Arg('reason', () => String, { nullable: true }) reason: string | null | undefined,
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    return answer(ctx, info)(await cancelPurchaseOrder(ctx, id, reason));
  }

  @Authorized('purchasing:write')
  @Mutation(() => PurchaseOrderType, { description: 'Goods arrived, all or some: adds them to stock at the lines’ unit costs; never more than is still to come.' })
  async receivePurchaseOrder(@Arg('input', () => ReceivePurchaseOrderInput) input: ReceivePurchaseOrderInput, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo) {
    return answer(ctx, info)(await receivePurchaseOrder(ctx, input));
  }

  @Authorized('purchasing:write')
  @Mutation(() => PreferredSupplierType, { description: 'The supplier a product is reordered from, with the unit cost agreed with it (its currency).' })
  async setPreferredSupplier(@Arg('input', () => SetPreferredSupplierInput) input: SetPreferredSupplierInput, @Ctx() ctx: RequestContext): Promise<PreferredSupplierType> {
    const preferred = await setPreferredSupplier(ctx, input);
    return { productId: preferred.productId, supplierId: preferred.supplier.id };
  }

  @Authorized('purchasing:write')
  @Mutation(() => PurchaseOrderType, {
    description: 'A low product as a DRAFT order to its preferred supplier: the reorder quantity at the agreed (or last ordered) unit cost.',
  })
  async createPurchaseOrderForLowStock(
    @Arg('productId', () => ID) productId: string,
    @Arg('warehouseId', () => ID) warehouseId: string,
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    return answer(ctx, info)(await createPurchaseOrderForLowStock(ctx, productId, warehouseId));
  }

  @FieldResolver(() => SupplierType, { nullable: true })
  supplier(@Root() order: PurchaseOrderRow, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo) {
    return supplierLoader(ctx, requestedFields(info, [])).load(order.supplierId!);
  }

  @FieldResolver(() => WarehouseType, { nullable: true })
  warehouse(@Root() order: PurchaseOrderRow, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo) {
    return warehouseLoader(ctx, requestedFields(info, [])).load(order.warehouseId!);
  }

  @FieldResolver(() => [PurchaseOrderLineType])
  lines(@Root() order: PurchaseOrderRow, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo) {
    return purchaseOrderLinesLoader(ctx, requestedFields(info, [], PURCHASE_ORDER_LINE_FIELD_NEEDS)).load(order.id);
  }

  @FieldResolver(() => MoneyType, { description: 'The sum of quantity ordered × unit cost.' })
  async total(@Root() order: PurchaseOrderRow, @Ctx() ctx: RequestContext): Promise<MoneyType> {
    const lines = await purchaseOrderLinesLoader(ctx, TOTAL_LINE_FIELDS).load(order.id);
    return toMoneyType(orderTotalMinor(lines as { quantityOrdered: number; unitCostMinor: bigint }[]), order.currency!);
  }
}

@Resolver(() => PurchaseOrderLineType)
export class PurchaseOrderLineResolver {
  @FieldResolver(() => ProductRef, { nullable: true, description: 'Catalog’s product; null when catalog cannot answer.' })
  product(@Root() line: PurchaseOrderLineRow): ProductRef {
    return { id: line.productId! };
  }

  @FieldResolver(() => Int, { description: 'Ordered less received.' })
  quantityRemaining(@Root() line: PurchaseOrderLineRow): number {
    return line.quantityOrdered! - line.quantityReceived!;
  }

  @FieldResolver(() => MoneyType)
  unitCost(@Root() line: PurchaseOrderLineRow): MoneyType {
    return toMoneyType(line.unitCostMinor!, line.currency!);
  }

  @FieldResolver(() => MoneyType, { description: 'Quantity ordered × unit cost.' })
  total(@Root() line: PurchaseOrderLineRow): MoneyType {
    return toMoneyType(lineTotalMinor({ quantityOrdered: line.quantityOrdered!, unitCostMinor: line.unitCostMinor! }), line.currency!);
  }
}
