import { productCreated, productUpdated } from '@erp/contracts';
import { consumeOnce, isEvent, jobEntityManager, type DomainEvent, type Subscription, type SubgraphEnvironment } from '@erp/platform';
import { CatalogProduct } from '../modules/catalog-product/catalog-product.entity.js';

export const CATALOG_PRODUCTS_CONSUMER = 'inventory.catalog-products';

/**
 * Keeps inventory's projection of catalog's products (id, SKU, name, category, active) from catalog's events, so stock
 * reports can filter by category in one SQL statement. Each event once (consumeOnce); an event older than the state
 * held (a redelivery overtaken by a later update) changes nothing. Everything needed is in the payload: no call back.
 */
export function catalogProductsConsumer(env: SubgraphEnvironment): Subscription {
  return {
    consumer: CATALOG_PRODUCTS_CONSUMER,
    types: [productCreated, productUpdated],
    attempts: 8,
    backoffMs: 200,
    handle: async (event: DomainEvent) => {
      if (!isEvent(event, productCreated) && !isEvent(event, productUpdated)) return;
      const product = event.payload;
      const changedAt = new Date(product.at);
      await consumeOnce(jobEntityManager(env.orm), CATALOG_PRODUCTS_CONSUMER, event, async (tx) => {
        const state = { sku: product.sku, name: product.name, categoryId: product.categoryId, active: product.active, changedAt };
        const held = await tx.findOne(CatalogProduct, { id: product.productId });
        if (!held) tx.create(CatalogProduct, { id: product.productId, ...state });
        else if (held.changedAt <= changedAt) tx.assign(held, state);
        await tx.flush();
      });
    },
  };
}
