import { defineEvent, type MoneyType } from '@erp/platform';

/** A product as product.created and product.updated carry it. */
export interface ProductSnapshot {
  productId: string;
  sku: string;
  name: string;
  /** Net unit price. */
  price: MoneyType;
  /** Percent, as the graph shows it: "20", "7.5". */
  taxRate: string;
  unit: string;
  categoryId: string | null;
  active: boolean;
}

export interface ProductCreated extends ProductSnapshot {
  at: string;
  byUserId: string | null;
}

export interface ProductPriceChanged {
  productId: string;
  sku: string;
  name: string;
  previousPrice: MoneyType;
  price: MoneyType;
  at: string;
  byUserId: string | null;
}

/**
 * A product's details changed (any of name, description, price, tax rate, unit, category, active), with the product as
 * it is after the change: what a consumer keeping a copy of products (inventory's catalog projection) needs.
 */
export interface ProductUpdated extends ProductSnapshot {
  /** The properties this update changed: name, description, price, taxRate, unit, categoryId, active. */
  changed: string[];
  /** When it changed: a consumer keeping a copy ignores a state older than the one it holds. */
  at: string;
  byUserId: string | null;
}

export const productCreated = defineEvent<ProductCreated>('product.created');
export const productUpdated = defineEvent<ProductUpdated>('product.updated');
export const productPriceChanged = defineEvent<ProductPriceChanged>('product.price_changed');
