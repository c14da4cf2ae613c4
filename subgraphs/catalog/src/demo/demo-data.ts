import { DEMO_PRODUCTS, minorDigits, parseDecimal, parseTaxRate, type EntityManager } from '@erp/platform';
import { Category } from '../modules/category/category.entity.js';
import { Product } from '../modules/product/product.entity.js';

/** The demo products (shared ids, so demo orders can point at them) in a small category tree. */
export async function seedCatalogDemo(em: EntityManager): Promise<void> {
  if ((await em.count(Product, {})) > 0) return;
  const office = em.create(Category, { name: 'Office' });
  const categories = new Map<string, Category>();
  for (const product of DEMO_PRODUCTS) {
    let category = categories.get(product.category);
    if (!category) {
      category = em.create(Category, { name: product.category, parent: office });
      categories.set(product.category, category);
    }
    em.create(Product, {
      id: product.id,
      sku: product.sku,
      name: product.name,
      priceMinor: parseDecimal(product.price, minorDigits(product.currency)),
      currency: product.currency,
      taxRateBp: parseTaxRate(product.taxRate),
      unit: product.unit,
      category,
    });
  }
  await em.flush();
}
