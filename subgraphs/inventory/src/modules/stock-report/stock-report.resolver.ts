import { Args, Authorized, Ctx, FieldResolver, Info, Query, Resolver, Root } from 'type-graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { requestedFields, type RequestContext } from '@erp/platform';
import { ProductRef } from '../stock/stock.types.js';
import { warehouseLoader } from '../warehouse/warehouse.service.js';
import { WarehouseType } from '../warehouse/warehouse.types.js';
import { LEVEL_FIELD_NEEDS, listStockLevels, listStockMovements, MOVEMENT_FIELD_NEEDS, type StockMovementRow } from './stock-report.service.js';
import { StockLevelConnection, StockLevelsArgs, StockMovementConnection, StockMovementsArgs, StockMovementType } from './stock-report.types.js';

@Resolver(() => StockMovementType)
export class StockReportResolver {
  @Authorized('stock:read')
  @Query(() => StockLevelConnection, { description: 'Stock levels (a product in a warehouse), most recently changed first: low stock, out of stock, by warehouse, product or category.' })
  stockLevels(@Args(() => StockLevelsArgs) args: StockLevelsArgs, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo) {
    return listStockLevels(ctx, args.filter ?? {}, args, requestedFields(info, ['edges', 'node'], LEVEL_FIELD_NEEDS));
  }

  @Authorized('stock:read')
  @Query(() => StockMovementConnection, { description: 'A product’s movement history with running balances, newest first unless asked otherwise.' })
  stockMovements(@Args(() => StockMovementsArgs) args: StockMovementsArgs, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo) {
    return listStockMovements(ctx, args, args, requestedFields(info, ['edges', 'node'], MOVEMENT_FIELD_NEEDS));
  }

  @FieldResolver(() => ProductRef, { nullable: true, description: 'Catalog’s product; null when catalog cannot answer.' })
  product(@Root() movement: StockMovementRow): ProductRef {
    return { id: movement.productId };
  }

  @FieldResolver(() => WarehouseType)
  warehouse(@Root() movement: StockMovementRow, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo) {
    return warehouseLoader(ctx, requestedFields(info, [])).load(movement.warehouseId);
  }
}
