import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { errorCodes, type GraphQLClient } from '../support/client.js';
import { sql } from '../support/database.js';
import { recordedEvents } from '../support/outbox.js';
import { useTestPlatform } from '../support/platform.js';
import {
  ArchiveProductDocument,
  CategoriesDocument,
  CreateCategoryDocument,
  CreateProductDocument,
  ProductDocument,
  ProductsDocument,
  ProductsInCategoryDocument,
  UpdateProductDocument,
} from '../generated/graphql.js';

const t = useTestPlatform();
let manager: GraphQLClient;
let managerId: string;
const run = randomUUID().slice(0, 8).toUpperCase();

beforeAll(async () => {
  ({ client: manager, id: managerId } = await t.userWith(['manager']));
});

describe('the catalog', () => {
  it('creates products with exact prices, percent tax rates and a category', async () => {
    const category = (await manager.data(CreateCategoryDocument, { input: { name: `Chairs ${run}` } })).createCategory;
    const product = (await manager.data(CreateProductDocument, {
      input: { sku: ` chair-${run} `, name: 'Chair', price: '19.90', currency: 'eur', taxRate: '7.5', categoryId: category.id },
    })).createProduct;
    expect(product).toMatchObject({ sku: `CHAIR-${run}`, price: { amount: '19.90', currency: 'EUR' }, taxRate: '7.5', unit: 'pcs', active: true });
    expect(product.category?.name).toBe(`Chairs ${run}`);
    const [row] = await sql<{ price_minor: string; tax_rate_bp: number }>('select price_minor, tax_rate_bp from catalog.product where id = $1', [product.id]);
    expect(row).toEqual({ price_minor: '1990', tax_rate_bp: 750 });
  });

  it('refuses a duplicate SKU (any case), bad prices and rates, changing nothing', async () => {
    await manager.data(CreateProductDocument, { input: { sku: `DUP-${run}`, name: 'One', price: '1', currency: 'EUR', taxRate: '20' } });
    expect(errorCodes(await manager.send(CreateProductDocument, { input: { sku: `dup-${run}`, name: 'Two', price: '1', currency: 'EUR', taxRate: '20' } }))).toEqual(['CONFLICT']);
    const sku = `BAD-${run}`;
    for (const input of [
      { sku, name: 'x', price: '1.999', currency: 'EUR', taxRate: '20' },
      { sku, name: 'x', price: '-1', currency: 'EUR', taxRate: '20' },
      { sku, name: 'x', price: '1', currency: 'EUR', taxRate: '120' },
      { sku, name: 'x', price: '1', currency: 'EURO', taxRate: '20' },
      { sku: 'has space', name: 'x', price: '1', currency: 'EUR', taxRate: '20' },
    ]) {
      expect(errorCodes(await manager.send(CreateProductDocument, { input }))).toEqual(['BAD_USER_INPUT']);
    }
    expect(await sql('select id from catalog.product where sku = $1', [sku])).toEqual([]);
  });

  it('lets warehouse staff read but not write', async () => {
    const warehouse = (await t.userWith(['warehouse'])).client;
    expect((await warehouse.data(ProductsDocument, { first: 1 })).products.totalCount).toBeGreaterThan(0);
    expect(errorCodes(await warehouse.send(CreateProductDocument, { input: { sku: `S-${run}`, name: 'x', price: '1', currency: 'EUR', taxRate: '20' } }))).toEqual(['FORBIDDEN']);
  });

  it('searches, sorts by price, pages, and hides archived products', async () => {
    const ids: string[] = [];
    for (const [i, price] of ['30.00', '10.00', '20.00'].entries()) {
      ids.push((await manager.data(CreateProductDocument, { input: { sku: `LIST-${run}-${i}`, name: `Listed ${run} ${i}`, price, currency: 'EUR', taxRate: '20' } })).createProduct.id);
    }
    const filter = { search: `Listed ${run}` };
    const byPrice = await manager.data(ProductsDocument, { first: 2, filter, orderBy: { field: 'PRICE', direction: 'ASC' } });
    expect(byPrice.products.edges.map((e) => e.node.price.amount)).toEqual(['10.00', '20.00']);
    const next = await manager.data(ProductsDocument, { first: 2, after: byPrice.products.pageInfo.endCursor, filter, orderBy: { field: 'PRICE', direction: 'ASC' } });
    expect(next.products.edges.map((e) => e.node.price.amount)).toEqual(['30.00']);

    const updated = await manager.data(UpdateProductDocument, { id: ids[0]!, input: { price: '35.00', taxRate: '19' } });
    expect(updated.updateProduct).toMatchObject({ price: { amount: '35.00' }, taxRate: '19', version: 2 });
    await manager.data(ArchiveProductDocument, { id: ids[0]! });
    expect((await manager.data(ProductsDocument, { filter })).products.totalCount).toBe(2);
    expect((await manager.data(ProductsDocument, { filter: { ...filter, active: false } })).products.totalCount).toBe(1);
  });
});

describe('reading the catalog', () => {
  it('reads one product with its price, tax rate and category path', async () => {
    const room = (await manager.data(CreateCategoryDocument, { input: { name: `Office ${run}` } })).createCategory;
    const lamps = (await manager.data(CreateCategoryDocument, { input: { name: `Lamps ${run}`, parentId: room.id } })).createCategory;
    const created = (await manager.data(CreateProductDocument, {
      input: { sku: `READ-${run}`, name: 'Reading lamp', description: 'Warm light', price: '42.50', currency: 'EUR', taxRate: '7.5', unit: 'pcs', categoryId: lamps.id },
    })).createProduct;
    const read = (await manager.data(ProductDocument, { id: created.id })).product;
    expect(read).toEqual({
      id: created.id,
      sku: `READ-${run}`,
      name: 'Reading lamp',
      description: 'Warm light',
      price: { amount: '42.50', currency: 'EUR' },
      taxRate: '7.5',
      unit: 'pcs',
      active: true,
      version: 1,
      category: { id: lamps.id, name: `Lamps ${run}`, parent: { id: room.id, name: `Office ${run}` } },
    });
    const plain = (await manager.data(CreateProductDocument, { input: { sku: `PLAIN-${run}`, name: 'Plain', price: '1', currency: 'EUR', taxRate: '20' } })).createProduct;
    expect((await manager.data(ProductDocument, { id: plain.id })).product.category).toBeNull();

    const inCategory = (await manager.data(ProductsInCategoryDocument, { categoryId: lamps.id })).products;
    expect(inCategory.totalCount).toBe(1);
    expect(inCategory.edges.map((e) => [e.node.id, e.node.category?.name])).toEqual([[created.id, `Lamps ${run}`]]);

    expect(errorCodes(await manager.send(ProductDocument, { id: randomUUID() }))).toEqual(['NOT_FOUND']);
    expect(errorCodes(await manager.send(ProductDocument, { id: 'nope' }))).toEqual(['NOT_FOUND']);
    expect(errorCodes(await manager.send(ProductsInCategoryDocument, { categoryId: 'nope' }))).toEqual(['BAD_USER_INPUT']);
  });

  it('lists categories by name: the top level, or under a parent, with their parents and children', async () => {
    const tree = (await manager.data(CreateCategoryDocument, { input: { name: `Tree ${run}` } })).createCategory;
    for (const name of ['Oak', 'Beech', 'Maple']) await manager.data(CreateCategoryDocument, { input: { name: `${name} ${run}`, parentId: tree.id } });
    const maple = (await manager.data(CategoriesDocument, { parentId: tree.id })).categories.find((c) => c.name === `Maple ${run}`)!;
    await manager.data(CreateCategoryDocument, { input: { name: `Red ${run}`, parentId: maple.id } });

    const under = (await manager.data(CategoriesDocument, { parentId: tree.id })).categories;
    expect(under.map((c) => c.name)).toEqual([`Beech ${run}`, `Maple ${run}`, `Oak ${run}`]);
    expect(under.map((c) => c.parent)).toEqual(under.map(() => ({ id: tree.id, name: `Tree ${run}` })));
    expect(under.map((c) => c.children.map((child) => child.name))).toEqual([[], [`Red ${run}`], []]);

    const top = (await manager.data(CategoriesDocument, {})).categories;
    const ours = top.find((c) => c.id === tree.id)!;
    expect(ours).toMatchObject({ parent: null, children: [{ name: `Beech ${run}` }, { name: `Maple ${run}`, children: [{ name: `Red ${run}` }] }, { name: `Oak ${run}` }] });
    expect(top.every((c) => c.parent === null)).toBe(true);
    const ourTopNames = top.map((c) => c.name).filter((name) => name.endsWith(run));
    expect(ourTopNames).toEqual([...ourTopNames].sort());
    expect(errorCodes(await manager.send(CategoriesDocument, { parentId: 'root' }))).toEqual(['BAD_USER_INPUT']);
  });
});

describe('product events', () => {
  it('records product.created, product.updated with what changed, and product.price_changed with the old and new price when (and only when) the price changes', async () => {
    const category = (await manager.data(CreateCategoryDocument, { input: { name: `Desks ${run}` } })).createCategory;
    const product = (await manager.data(CreateProductDocument, {
      input: { sku: `DESK-${run}`, name: 'Desk', price: '249.00', currency: 'EUR', taxRate: '20', unit: 'pcs', categoryId: category.id },
    })).createProduct;
    const product0 = { productId: product.id, sku: `DESK-${run}`, name: 'Desk' };
    expect(await recordedEvents('catalog', product.id)).toEqual([
      {
        type: 'product.created',
        aggregateId: product.id,
        payload: { ...product0, price: { amount: '249.00', currency: 'EUR' }, taxRate: '20', unit: 'pcs', categoryId: category.id, active: true, at: expect.any(String), byUserId: managerId },
      },
    ]);

    await manager.data(UpdateProductDocument, { id: product.id, input: { taxRate: '7', name: 'Desk' } });
    await manager.data(UpdateProductDocument, { id: product.id, input: { price: '249' } });
    await manager.data(UpdateProductDocument, { id: product.id, input: { price: '199.50' } });
    const [, ...changes] = await recordedEvents('catalog', product.id);
    expect(changes.filter((event) => event.type === 'product.price_changed')).toEqual([
      {
        type: 'product.price_changed',
        aggregateId: product.id,
        payload: { ...product0, previousPrice: { amount: '249.00', currency: 'EUR' }, price: { amount: '199.50', currency: 'EUR' }, at: expect.any(String), byUserId: managerId },
      },
    ]);
    // The product after each update that changed something (the same name and the same price change nothing).
    const after = { ...product0, unit: 'pcs', categoryId: category.id, active: true, taxRate: '7', at: expect.any(String), byUserId: managerId };
    expect(changes.filter((event) => event.type === 'product.updated')).toEqual([
      { type: 'product.updated', aggregateId: product.id, payload: { ...after, price: { amount: '249.00', currency: 'EUR' }, changed: ['taxRate'] } },
      { type: 'product.updated', aggregateId: product.id, payload: { ...after, price: { amount: '199.50', currency: 'EUR' }, changed: ['price'] } },
    ]);
  });

  it('records nothing for a refused product or price', async () => {
    const product = (await manager.data(CreateProductDocument, { input: { sku: `LAMP-${run}`, name: 'Lamp', price: '30', currency: 'EUR', taxRate: '20' } })).createProduct;
    const before = await recordedEvents('catalog');
    expect(errorCodes(await manager.send(CreateProductDocument, { input: { sku: `lamp-${run}`, name: 'Lamp', price: '30', currency: 'EUR', taxRate: '20' } }))).toEqual(['CONFLICT']);
    expect(errorCodes(await manager.send(UpdateProductDocument, { id: product.id, input: { price: '-1' } }))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await manager.send(UpdateProductDocument, { id: product.id, input: { price: '31', expectedVersion: 99 } }))).toEqual(['CONFLICT']);
    expect(await recordedEvents('catalog')).toEqual(before);
  });
});
