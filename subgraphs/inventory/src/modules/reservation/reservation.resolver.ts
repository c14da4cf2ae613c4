import { Arg, Authorized, Ctx, Directive, ID, Mutation, Resolver } from 'type-graphql';
import type { RequestContext } from '@erp/platform';
import { releaseForFailedPlacement, reserveForOrder } from './reservation.service.js';
import { ReserveStockForOrderInput, StockReservationType } from './reservation.types.js';

@Resolver()
export class ReservationResolver {
  @Authorized('stock:reserve')
  @Directive('@inaccessible')
  @Mutation(() => StockReservationType, { description: 'Reserves an order’s lines, all or nothing (INSUFFICIENT_STOCK); idempotent by order.' })
  reserveStockForOrder(@Arg('input', () => ReserveStockForOrderInput) input: ReserveStockForOrderInput, @Ctx() ctx: RequestContext) {
    return reserveForOrder(ctx, input);
  }

  @Authorized('stock:reserve')
  @Directive('@inaccessible')
  @Mutation(() => StockReservationType, { nullable: true, description: 'Gives back what an order reserved; null when it holds nothing.' })
  releaseStockForOrder(
    @Arg('orderId', () => ID) orderId: string,
    @Arg('reason', () => String) reason: string,
    @Arg('byUserId', () => ID, { nullable: true }) byUserId: string | null,
    @Ctx() ctx: RequestContext,
  ) {
    return releaseForFailedPlacement(ctx, { orderId, reason, byUserId });
  }
}
