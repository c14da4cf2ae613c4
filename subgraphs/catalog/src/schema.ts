import { buildFederatedSchema, type RequestContext } from '@erp/platform';
import type { GraphQLSchema } from 'graphql';
import { CategoryResolver } from './modules/category/category.resolver.js';
import { ProductResolver } from './modules/product/product.resolver.js';
import { productLoader } from './modules/product/product.service.js';
import { ProductType } from './modules/product/product.types.js';
import { catalogPolicy } from './policy.js';

export function buildCatalogSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema({
    resolvers: [ProductResolver, CategoryResolver],
    orphanedTypes: [ProductType],
    referenceResolvers: { Product: { __resolveReference: (ref: { id: string }, ctx: RequestContext) => productLoader(ctx).load(ref.id) } },
    policy: catalogPolicy,
  });
}
