import { Arg, Authorized, Ctx, Directive, FieldResolver, ID, Info, Query, Resolver, Root } from 'type-graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { requestedFields, type RequestContext } from '@erp/platform';
import { warehouseLoader } from '../warehouse/warehouse.service.js';
import { WarehouseType } from '../warehouse/warehouse.types.js';
import { stockValuation } from './stock-valuation.service.js';
import { StockValuationLineType, StockValuationType } from './stock-valuation.types.js';
import { ProductRef } from './stock.types.js';

@Resolver(() => StockValuationLineType)
export class StockValuationResolver {
  @Authorized('purchasing:read')
  @Directive('@cost(weight: 20)')
  @Query(() => StockValuationType, { description: 'Stock on hand at moving-average cost, of one warehouse or of all; totals per currency.' })
  stockValuation(@Arg('warehouseId', () => ID, { nullable: true }) warehouseId: string | null | undefined, @Ctx() ctx: RequestContext) {
    return stockValuation(ctx, warehouseId);
  }

  @FieldResolver(() => ProductRef, { nullable: true, description: 'Catalog’s product; null when catalog cannot answer.' })
  product(@Root() line: StockValuationLineType): ProductRef {
    return { id: line.productId };
  }

  @FieldResolver(() => WarehouseType)
  warehouse(@Root() line: StockValuationLineType, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo) {
    return warehouseLoader(ctx, requestedFields(info, [])).load(line.warehouseId);
  }
}
