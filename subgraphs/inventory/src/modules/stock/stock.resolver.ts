import { Arg, Authorized, Ctx, FieldResolver, ID, Info, Int, Mutation, Resolver, Root } from 'type-graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { requestedFields, type RequestContext } from '@erp/platform';
import { warehouseLoader } from '../warehouse/warehouse.service.js';
import { WarehouseType } from '../warehouse/warehouse.types.js';
import type { StockLevel } from './stock-level.entity.js';
import type { StockLevelRow } from './stock-query.service.js';
import { adjustStock, setReorderPoint, setStockTracking, transferStock } from './stock.service.js';
import { available } from './stock.rules.js';
import { AdjustStockInput, ProductRef, SetReorderPointInput, StockLevelType, StockTrackingType, TransferStockInput } from './stock.types.js';

@Resolver(() => StockLevelType)
export class StockResolver {
  @Authorized('stock:write')
  @Mutation(() => StockLevelType, { description: 'Corrects a product’s stock in a warehouse; a positive quantity adds stock.' })
  adjustStock(@Arg('input', () => AdjustStockInput) input: AdjustStockInput, @Ctx() ctx: RequestContext) {
    return adjustStock(ctx, input);
  }

  @Authorized('stock:write')
  @Mutation(() => [StockLevelType], { description: 'Moves available stock between warehouses: the source’s level, then the destination’s.' })
  transferStock(@Arg('input', () => TransferStockInput) input: TransferStockInput, @Ctx() ctx: RequestContext) {
    return transferStock(ctx, input);
  }

  @Authorized('stock:write')
  @Mutation(() => StockTrackingType, { description: 'false marks a service: never reserved, never short.' })
  setStockTracking(@Arg('productId', () => ID) productId: string, @Arg('tracked', () => Boolean) tracked: boolean, @Ctx() ctx: RequestContext) {
    return setStockTracking(ctx, productId, tracked);
  }

  @Authorized('stock:write')
  @Mutation(() => StockLevelType)
  setReorderPoint(@Arg('input', () => SetReorderPointInput) input: SetReorderPointInput, @Ctx() ctx: RequestContext) {
    return setReorderPoint(ctx, input);
  }

  @FieldResolver(() => Int, { description: 'On hand less reserved.' })
  available(@Root() level: StockLevel | StockLevelRow): number {
    return available({ onHand: level.onHand!, reserved: level.reserved! });
  }

  @FieldResolver(() => WarehouseType)
  warehouse(@Root() level: StockLevel | StockLevelRow, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo) {
    // Reads give the level as a row (warehouseId); mutations answer the entity.
    const warehouseId = 'warehouseId' in level && level.warehouseId ? level.warehouseId : (level as StockLevel).warehouse.id;
    return warehouseLoader(ctx, requestedFields(info, [])).load(warehouseId);
  }

  @FieldResolver(() => ProductRef, { nullable: true, description: 'Catalog’s product; null when catalog cannot answer.' })
  product(@Root() level: StockLevel | StockLevelRow): ProductRef {
    return { id: level.productId! };
  }
}
