import { productCreated, productPriceChanged, productUpdated, type ProductSnapshot } from '@erp/contracts';
import { formatTaxRate, recordEvent, toMoneyType, type EntityManager } from '@erp/platform';
import type { Product } from './product.entity.js';

const priceOf = (product: Product, minor: bigint) => toMoneyType(minor, product.currency);

function snapshotOf(product: Product): ProductSnapshot {
  return {
    productId: product.id,
    sku: product.sku,
    name: product.name,
    price: priceOf(product, product.priceMinor),
    taxRate: formatTaxRate(product.taxRateBp),
    unit: product.unit,
    categoryId: product.category?.id ?? null,
    active: product.active,
  };
}

export function recordProductCreated(em: EntityManager, product: Product, byUserId: string | null): void {
  recordEvent(em, productCreated, product.id, {
    ...snapshotOf(product),
    at: product.createdAt.toISOString(),
    byUserId,
  });
}

/** Recorded in the transaction of an update that changed the price (and only then). */
export function recordProductPriceChanged(em: EntityManager, product: Product, previousMinor: bigint, byUserId: string | null): void {
  recordEvent(em, productPriceChanged, product.id, {
    productId: product.id,
    sku: product.sku,
    name: product.name,
    previousPrice: priceOf(product, previousMinor),
    price: priceOf(product, product.priceMinor),
    at: new Date().toISOString(),
    byUserId,
  });
}

/** Recorded in the transaction of an update that changed anything (the product as it is after it, and what changed). */
export function recordProductUpdated(em: EntityManager, product: Product, changed: string[], byUserId: string | null): void {
  recordEvent(em, productUpdated, product.id, {
    ...snapshotOf(product),
    changed,
    at: new Date().toISOString(),
    byUserId,
  });
}
