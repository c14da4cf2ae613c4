import { buildFederatedSchema, requestedFields, type RequestContext } from '@erp/platform';
import type { GraphQLResolveInfo, GraphQLSchema } from 'graphql';
import { ReservationResolver } from './modules/reservation/reservation.resolver.js';
import { ProductStockResolver } from './modules/stock/product-stock.resolver.js';
import { StockResolver } from './modules/stock/stock.resolver.js';
import { StockAlertResolver, StockChangeResolver, StockSubscriptionResolver } from './modules/stock-live/stock-subscription.resolver.js';
import { StockReportResolver } from './modules/stock-report/stock-report.resolver.js';
import { ProductRef } from './modules/stock/stock.types.js';
import { warehouseLoader } from './modules/warehouse/warehouse.service.js';
import { WarehouseResolver } from './modules/warehouse/warehouse.resolver.js';
import { WarehouseType } from './modules/warehouse/warehouse.types.js';
import { inventoryPolicy } from './policy.js';

export function buildInventorySchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema({
    resolvers: [
      WarehouseResolver,
      StockResolver,
      ProductStockResolver,
      ReservationResolver,
      StockSubscriptionResolver,
      StockChangeResolver,
      StockAlertResolver,
      StockReportResolver,
    ],
    orphanedTypes: [WarehouseType, ProductRef],
    referenceResolvers: {
      Warehouse: {
        __resolveReference: (ref: { id: string }, ctx: RequestContext, info: GraphQLResolveInfo) => warehouseLoader(ctx, requestedFields(info, [])).load(ref.id),
      },
      Product: { __resolveReference: (ref: { id: string }) => ({ id: ref.id }) },
    },
    policy: inventoryPolicy,
  });
}
