import { buildFederatedSchema, requestedFields, type RequestContext } from '@erp/platform';
import type { GraphQLResolveInfo, GraphQLSchema } from 'graphql';
import { OrderInvoiceResolver } from './modules/order/order-invoice.resolver.js';
import { OrderLineResolver } from './modules/order/order-line.resolver.js';
import { ORDER_FIELD_NEEDS, orderLoader } from './modules/order/order-query.service.js';
import { OrderSubscriptionResolver } from './modules/order/order-subscription.resolver.js';
import { OrderResolver } from './modules/order/order.resolver.js';
import { CustomerRef, InvoiceRef, OrderType, ProductRef, WarehouseRef } from './modules/order/order.types.js';
import { CustomerOrdersResolver } from './modules/references/customer-orders.resolver.js';
import { ProductSalesResolver } from './modules/references/product-sales.resolver.js';
import { salesPolicy } from './policy.js';

export function buildSalesSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema({
    resolvers: [OrderResolver, OrderSubscriptionResolver, OrderLineResolver, OrderInvoiceResolver, CustomerOrdersResolver, ProductSalesResolver],
    orphanedTypes: [OrderType, CustomerRef, ProductRef, InvoiceRef, WarehouseRef],
    referenceResolvers: {
      Order: {
        __resolveReference: (ref: { id: string }, ctx: RequestContext, info: GraphQLResolveInfo) =>
          orderLoader(ctx, requestedFields(info, [], ORDER_FIELD_NEEDS)).load(ref.id),
      },
      Customer: { __resolveReference: (ref: { id: string }) => ({ id: ref.id }) },
      Product: { __resolveReference: (ref: { id: string }) => ({ id: ref.id }) },
      Warehouse: { __resolveReference: (ref: { id: string }) => ({ id: ref.id }) },
    },
    policy: salesPolicy,
  });
}
