import { buildFederatedSchema, requestedFields, type RequestContext } from '@erp/platform';
import type { GraphQLResolveInfo, GraphQLSchema } from 'graphql';
import { CategoryResolver } from './modules/category/category.resolver.js';
import { ProductResolver } from './modules/product/product.resolver.js';
import { PRODUCT_FIELD_NEEDS, productLoader } from './modules/product/product.service.js';
import { ProductType } from './modules/product/product.types.js';
import { catalogPolicy } from './policy.js';

export function buildCatalogSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema({
    resolvers: [ProductResolver, CategoryResolver],
    orphanedTypes: [ProductType],
    referenceResolvers: {
      Product: {
        __resolveReference: (ref: { id: string }, ctx: RequestContext, info: GraphQLResolveInfo) =>
          productLoader(ctx, requestedFields(info, [], PRODUCT_FIELD_NEEDS)).load(ref.id),
      },
    },
    policy: catalogPolicy,
  });
}
