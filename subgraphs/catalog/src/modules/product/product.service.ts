import {
  actingUserId,
  assertCurrency,
  assertUuid,
  BadUserInputError,
  ConflictError,
  isUuid,
  likePattern,
  minorDigits,
  NotFoundError,
  optionalText,
  paginateRows,
  parseDecimal,
  parseTaxRate,
  requiredText,
  sql,
  type Connection,
  type Loader,
  type PageRequest,
  type RequestContext,
  type Row,
  rowPerKey,
  rowById,
} from '@erp/platform';
import { getCategory } from '../category/category.service.js';
import { Product } from './product.entity.js';
import { recordProductCreated, recordProductPriceChanged, recordProductUpdated } from './product.events.js';
import { parseSku, parseUnit } from './product.rules.js';

function parsePrice(price: string, currency: string): bigint {
  const minor = parseDecimal(price, minorDigits(currency), 'price');
  if (minor < 0n) throw new BadUserInputError('price must not be negative.', { field: 'price' });
  return minor;
}

export type ProductRow = Row<Product> & { categoryId?: string | null };

/** Properties the computed fields of Product read, for `requestedFields`. */
export const PRODUCT_FIELD_NEEDS = { price: ['priceMinor', 'currency'], taxRate: ['taxRateBp'], category: ['categoryId'] };

/** The product as an entity, for a change. */
export async function getProduct(ctx: RequestContext, id: string): Promise<Product> {
  const product = isUuid(id) ? await ctx.em.findOne(Product, { id }) : null;
  if (!product) throw new NotFoundError('Product', id);
  return product;
}

/** One product for a query, read as a row. */
export function findProduct(ctx: RequestContext, id: string, fields: readonly string[]): Promise<ProductRow> {
  return rowById<ProductRow>(ctx, Product, id, fields);
}

export async function listProducts(
  ctx: RequestContext,
  filter: { search?: string | null; categoryId?: string | null; active?: boolean | null },
  order: { field: 'name' | 'sku' | 'priceMinor' | 'createdAt'; direction: 'ASC' | 'DESC' },
  page: PageRequest,
  fields: readonly string[],
): Promise<Connection<ProductRow>> {
  const search = filter.search?.trim() ? likePattern(filter.search) : null;
  const categoryId = filter.categoryId ? assertUuid(filter.categoryId, 'categoryId') : null;
  return paginateRows<ProductRow>({
    db: ctx.db,
    entity: Product,
    fields,
    where: [
      sql`t.active = ${filter.active ?? true}`,
      search && sql`t.name ilike ${search} or t.sku ilike ${search}`,
      categoryId && sql`t.category_id = ${categoryId}`,
    ],
    sort: order,
    page,
  });
}

export async function createProduct(
  ctx: RequestContext,
  input: { sku: string; name: string; description?: string | null; price: string; currency: string; taxRate: string; unit?: string | null; categoryId?: string | null },
): Promise<Product> {
  const sku = parseSku(input.sku);
  const currency = assertCurrency(input.currency.trim().toUpperCase());
  const fields = {
    sku,
    name: requiredText(input.name, 'name'),
    description: optionalText(input.description, 'description', 10_000),
    priceMinor: parsePrice(input.price, currency),
    currency,
    taxRateBp: parseTaxRate(input.taxRate),
    unit: parseUnit(input.unit ?? 'pcs'),
    category: input.categoryId ? await getCategory(ctx, input.categoryId) : null,
  };
  if (await ctx.em.count(Product, { sku })) throw new ConflictError(`A product with SKU ${sku} already exists.`, { field: 'sku' });
  const product = ctx.em.create(Product, fields);
  recordProductCreated(ctx.em, product, actingUserId(ctx));
  await ctx.em.flush();
  ctx.log.info({ productId: product.id, sku }, 'product created');
  return product;
}

export async function updateProduct(
  ctx: RequestContext,
  id: string,
  input: { name?: string | null; description?: string | null; price?: string | null; taxRate?: string | null; unit?: string | null; categoryId?: string | null; active?: boolean | null; expectedVersion?: number | null },
): Promise<Product> {
  const product = await getProduct(ctx, id);
  if (input.expectedVersion != null && input.expectedVersion !== product.version) {
    throw new ConflictError(`Product ${id} was changed by someone else (now version ${product.version}).`, { currentVersion: product.version });
  }
  const fields: Partial<Product> = {};
  if (input.name != null) fields.name = requiredText(input.name, 'name');
  if (input.description !== undefined) fields.description = optionalText(input.description, 'description', 10_000);
  if (input.price != null) fields.priceMinor = parsePrice(input.price, product.currency);
  if (input.taxRate != null) fields.taxRateBp = parseTaxRate(input.taxRate);
  if (input.unit != null) fields.unit = parseUnit(input.unit);
  if (input.categoryId !== undefined) fields.category = input.categoryId ? await getCategory(ctx, input.categoryId) : null;
  if (input.active != null) fields.active = input.active;
  const previousPriceMinor = product.priceMinor;
  const before = productDetails(product);
  ctx.em.assign(product, fields);
  const after = productDetails(product);
  const changed = Object.keys(after).filter((key) => after[key as keyof typeof after] !== before[key as keyof typeof before]);
  if (product.priceMinor !== previousPriceMinor) recordProductPriceChanged(ctx.em, product, previousPriceMinor, actingUserId(ctx));
  if (changed.length > 0) recordProductUpdated(ctx.em, product, changed, actingUserId(ctx));
  await ctx.em.flush();
  return product;
}

/** What `product.updated` reports as changed, by the names the graph gives them. */
function productDetails(product: Product) {
  return {
    name: product.name,
    description: product.description,
    price: product.priceMinor,
    taxRate: product.taxRateBp,
    unit: product.unit,
    categoryId: product.category?.id ?? null,
    active: product.active,
  };
}

/** One statement per batch, for references from other subgraphs; rows with the given fields. */
export function productLoader(ctx: RequestContext, fields: readonly string[]): Loader<string, ProductRow | null> {
  return rowPerKey<ProductRow>(ctx, Product, 'id', fields);
}
