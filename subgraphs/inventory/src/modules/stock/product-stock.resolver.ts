import { Authorized, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '@erp/platform';
import { productStock } from './stock-query.service.js';
import { ProductRef, ProductStockType } from './stock.types.js';

@Resolver(() => ProductRef)
export class ProductStockResolver {
  @Authorized('stock:read')
  @FieldResolver(() => ProductStockType, { nullable: true, description: 'Stock over every warehouse; null when inventory cannot answer.' })
  stock(@Root() product: ProductRef, @Ctx() ctx: RequestContext) {
    return productStock(ctx, product.id);
  }
}
