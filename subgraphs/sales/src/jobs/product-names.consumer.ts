import { productCreated, productUpdated } from '@erp/contracts';
import { consumeOnce, isEvent, jobEntityManager, type DomainEvent, type Subscription, type SubgraphEnvironment } from '@erp/platform';
import { ProductName } from '../modules/copies/product-name.entity.js';

export const PRODUCT_NAMES_CONSUMER = 'sales.product-names';

/**
 * Keeps sales' copy of catalog's product names (`ProductName`) from catalog's events. Each event once (consumeOnce);
 * an event older than the name held (a redelivery overtaken by a later rename) changes nothing.
 */
export function productNamesConsumer(env: SubgraphEnvironment): Subscription {
  return {
    consumer: PRODUCT_NAMES_CONSUMER,
    types: [productCreated, productUpdated],
    attempts: 8,
    backoffMs: 200,
    handle: async (event: DomainEvent) => {
      if (!isEvent(event, productCreated) && !isEvent(event, productUpdated)) return;
      const { productId, name, at } = event.payload;
      const changedAt = new Date(at);
      await consumeOnce(jobEntityManager(env.orm), PRODUCT_NAMES_CONSUMER, event, async (tx) => {
        const held = await tx.findOne(ProductName, { id: productId });
        if (!held) tx.create(ProductName, { id: productId, name, changedAt });
        else if (held.changedAt <= changedAt) tx.assign(held, { name, changedAt });
        await tx.flush();
      });
    },
  };
}
