import { Arg, Authorized, Ctx, FieldResolver, ID, Info, Resolver, Root, Subscription } from 'type-graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { stockChanged, stockLow, type StockChanged, type StockLow } from '@erp/contracts';
import { assertUuid, eventsFor, requestedFields, type DomainEvent, type RequestContext } from '@erp/platform';
import { warehouseLoader } from '../warehouse/warehouse.service.js';
import { ProductRef } from '../stock/stock.types.js';
import { WarehouseType } from '../warehouse/warehouse.types.js';
import { StockAlertType, StockChangeType } from './stock-live.types.js';

/** What both live types carry to their field resolvers: the event's payload as it was when the stock moved. */
type LivePayload = { productId: string; warehouseId: string };

/**
 * Live stock for dashboards. Each event is answered from its own payload (the level right after the movement, not the
 * level as it is when the event is resolved, which a later movement may already have changed); the router fetches the
 * product's catalog fields, the warehouse is read here through its loader.
 */
@Resolver()
export class StockSubscriptionResolver {
  @Authorized('stock:read')
  @Subscription(() => StockChangeType, {
    description: 'Every movement of one product’s stock (in any warehouse), or of every product when productId is omitted.',
    subscribe: ({ args, context }) => {
      const productId = args.productId ? assertUuid(args.productId as string, 'productId') : null;
      return eventsFor(context as RequestContext, [stockChanged], (event) => !productId || event.payload.productId === productId);
    },
  })
  stockLevelChanged(@Root() event: DomainEvent<StockChanged>, @Arg('productId', () => ID, { nullable: true }) _productId: string | null): Omit<StockChanged, 'at'> & { at: Date } {
    return { ...event.payload, at: new Date(event.payload.at) };
  }

  @Authorized('stock:read')
  @Subscription(() => StockAlertType, {
    description: 'Every time a product’s available stock in a warehouse falls to or under its reorder point (once per crossing).',
    subscribe: ({ context }) => eventsFor(context as RequestContext, [stockLow], () => true),
  })
  stockLow(@Root() event: DomainEvent<StockLow>): Omit<StockLow, 'at'> & { at: Date } {
    return { ...event.payload, at: new Date(event.payload.at) };
  }
}

@Resolver(() => StockChangeType)
export class StockChangeResolver {
  @FieldResolver(() => ProductRef, { nullable: true, description: 'Catalog’s product; null when catalog cannot answer.' })
  product(@Root() change: LivePayload): ProductRef {
    return { id: change.productId };
  }

  @FieldResolver(() => WarehouseType)
  warehouse(@Root() change: LivePayload, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo) {
    return warehouseLoader(ctx, requestedFields(info, [])).load(change.warehouseId);
  }
}

@Resolver(() => StockAlertType)
export class StockAlertResolver {
  @FieldResolver(() => ProductRef, { nullable: true, description: 'Catalog’s product; null when catalog cannot answer.' })
  product(@Root() alert: LivePayload): ProductRef {
    return { id: alert.productId };
  }

  @FieldResolver(() => WarehouseType)
  warehouse(@Root() alert: LivePayload, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo) {
    return warehouseLoader(ctx, requestedFields(info, [])).load(alert.warehouseId);
  }
}
