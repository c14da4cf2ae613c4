import { buildFederatedSchema, requestedFields, type RequestContext } from '@erp/platform';
import type { GraphQLResolveInfo, GraphQLSchema } from 'graphql';
import { PurchaseOrderLineResolver, PurchaseOrderResolver } from './modules/purchase-order/purchase-order.resolver.js';
import { ReservationResolver } from './modules/reservation/reservation.resolver.js';
import { ProductStockResolver } from './modules/stock/product-stock.resolver.js';
import { StockValuationResolver } from './modules/stock/stock-valuation.resolver.js';
import { StockResolver } from './modules/stock/stock.resolver.js';
import { StockAlertResolver, StockChangeResolver, StockSubscriptionResolver } from './modules/stock-live/stock-subscription.resolver.js';
import { StockReportResolver } from './modules/stock-report/stock-report.resolver.js';
import { ProductRef } from './modules/stock/stock.types.js';
import { SupplierResolver } from './modules/supplier/supplier.resolver.js';
import { SupplierType } from './modules/supplier/supplier.types.js';
import { supplierLoader } from './modules/supplier/supplier.service.js';
import { warehouseLoader } from './modules/warehouse/warehouse.service.js';
import { WarehouseResolver } from './modules/warehouse/warehouse.resolver.js';
import { WarehouseType } from './modules/warehouse/warehouse.types.js';
import { inventoryPolicy } from './policy.js';

export function buildInventorySchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema({
    resolvers: [
      WarehouseResolver, StockResolver, ProductStockResolver, ReservationResolver,
      SupplierResolver, PurchaseOrderResolver, PurchaseOrderLineResolver, StockValuationResolver,
      StockSubscriptionResolver, StockChangeResolver, StockAlertResolver, StockReportResolver,
    ],
    orphanedTypes: [WarehouseType, ProductRef, SupplierType],
    referenceResolvers: {
      Warehouse: {
        __resolveReference: (ref: { id: string }, ctx: RequestContext, info: GraphQLResolveInfo) => warehouseLoader(ctx, requestedFields(info, [])).load(ref.id),
      },
      Supplier: {
        __resolveReference: (ref: { id: string }, ctx: RequestContext, info: GraphQLResolveInfo) => supplierLoader(ctx, requestedFields(info, [])).load(ref.id),
      },
      Product: { __resolveReference: (ref: { id: string }) => ({ id: ref.id }) },
    },
    policy: inventoryPolicy,
  });
}
