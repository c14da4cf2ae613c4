import { defineEvent, type MoneyType } from '@erp/platform';

export interface ProductCreated {
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

export const productCreated = defineEvent<ProductCreated>('product.created');
export const productPriceChanged = defineEvent<ProductPriceChanged>('product.price_changed');
