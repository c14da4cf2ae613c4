import { Authorized, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '@erp/platform';
import { salesCountLoader } from '../order/order-query.service.js';
import { ProductRef } from '../order/order.types.js';

@Resolver(() => ProductRef)
export class ProductSalesResolver {
  @Authorized('orders:read')
  @FieldResolver(() => Int, { nullable: true, description: 'Units sold in orders placed and not cancelled; null when sales cannot answer.' })
  salesCount(@Root() product: ProductRef, @Ctx() ctx: RequestContext) {
    return salesCountLoader(ctx).load(product.id);
  }
}
