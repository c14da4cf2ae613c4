import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { errorCodes } from '../support/client.js';
import { customerAndProducts } from '../support/commerce.js';
import { sql } from '../support/database.js';
import { useTestPlatform } from '../support/platform.js';
import { settled } from '../support/settled.js';
import {
  AdjustStockDocument,
  CreateCategoryDocument,
  CreateOrderInDocument,
  CreateProductDocument,
  CreateWarehouseDocument,
  PlaceOrderBriefDocument,
  ProductsWithStockDocument,
  SetReorderPointDocument,
  StockLevelsReportDocument,
  StockMovementsReportDocument,
  TransferStockDocument,
  UpdateProductDocument,
  type StockLevelFilter,
  type StockLevelsReportQueryVariables,
} from '../generated/graphql.js';

const t = useTestPlatform();

const tag = () => randomUUID().slice(0, 6).toUpperCase();

async function newWarehouse(prefix: string) {
  return (await t.admin.data(CreateWarehouseDocument, { input: { code: `${prefix}-${tag()}`, name: `${prefix} warehouse` } })).createWarehouse;
}

const adjust = (productId: string, warehouseId: string, quantity: number, reason = 'count') =>
  t.admin.data(AdjustStockDocument, { input: { productId, warehouseId, quantity, reason } });

/** Levels matching the filter as [product name, warehouse code, on hand, available], sorted. */
async function levels(filter: StockLevelFilter) {
  const { stockLevels } = await t.admin.data(StockLevelsReportDocument, { filter, first: 100 });
  expect(stockLevels.totalCount).toBe(stockLevels.edges.length);
  return stockLevels.edges.map(({ node }) => [node.product!.name, node.warehouse.code, node.onHand, node.available]).sort();
}

describe('stock levels report', () => {
  it('filters by warehouse, product, low, out of stock and catalog category, and pages', async () => {
    const category = (await t.admin.data(CreateCategoryDocument, { input: { name: `Fasteners ${tag()}` } })).createCategory;
    const run = tag();
    const make = async (name: string, categoryId?: string) =>
      (await t.admin.data(CreateProductDocument, { input: { sku: `R-${run}-${name}`, name: `${name} ${run}`, price: '1.00', currency: 'EUR', taxRate: '20', categoryId } })).createProduct;
    const bolt = await make('Bolt', category.id);
    const nut = await make('Nut', category.id);
    const tape = await make('Tape');
    const east = await newWarehouse('E');
    const west = await newWarehouse('W');

    await adjust(bolt.id, east.id, 10);
    await adjust(bolt.id, west.id, 4);
    await adjust(nut.id, east.id, 2);
    await t.admin.data(SetReorderPointDocument, { input: { productId: nut.id, warehouseId: east.id, reorderPoint: 5 } });
    await t.admin.data(SetReorderPointDocument, { input: { productId: bolt.id, warehouseId: east.id, reorderPoint: 5 } });
    await adjust(tape.id, east.id, 3);
    await adjust(tape.id, east.id, -3, 'damaged');
    await settled(); // catalog's product.created reached inventory's projection

    expect(await levels({ warehouseId: east.id })).toEqual([
      [bolt.name, east.code, 10, 10],
      [nut.name, east.code, 2, 2],
      [tape.name, east.code, 0, 0],
    ]);
    expect(await levels({ warehouseId: east.id, low: true })).toEqual([[nut.name, east.code, 2, 2]]);
    expect(await levels({ warehouseId: east.id, low: false })).toEqual([
      [bolt.name, east.code, 10, 10],
      [tape.name, east.code, 0, 0],
    ]);
    expect(await levels({ warehouseId: east.id, outOfStock: true })).toEqual([[tape.name, east.code, 0, 0]]);
    expect(await levels({ productId: bolt.id })).toEqual([
      [bolt.name, east.code, 10, 10],
      [bolt.name, west.code, 4, 4],
    ]);
    expect(await levels({ categoryId: category.id })).toEqual([
      [bolt.name, east.code, 10, 10],
      [bolt.name, west.code, 4, 4],
      [nut.name, east.code, 2, 2],
    ]);
    expect(await levels({ categoryId: category.id, warehouseId: west.id })).toEqual([[bolt.name, west.code, 4, 4]]);

    // A product moved into the category in catalog is found there once inventory has heard of it (product.updated).
    await t.admin.data(UpdateProductDocument, { id: tape.id, input: { categoryId: category.id } });
    await settled();
    expect(await levels({ categoryId: category.id, outOfStock: true })).toEqual([[tape.name, east.code, 0, 0]]);
    const held = await sql<{ id: string; categoryId: string | null }>(
      `select id, category_id as "categoryId" from inventory.catalog_product where id = any($1::uuid[]) order by name`,
      [[bolt.id, nut.id, tape.id]],
    );
    expect(held).toEqual([bolt, nut, tape].map((product) => ({ id: product.id, categoryId: category.id })));

    // Pages: most recently changed first, two at a time, every level once.
    const first = (await t.admin.data(StockLevelsReportDocument, { filter: { warehouseId: east.id }, first: 2 })).stockLevels;
    expect(first.pageInfo.hasNextPage).toBe(true);
    const rest = (await t.admin.data(StockLevelsReportDocument, { filter: { warehouseId: east.id }, first: 2, after: first.pageInfo.endCursor })).stockLevels;
    expect(rest.pageInfo.hasNextPage).toBe(false);
    expect([...first.edges, ...rest.edges].map((edge) => edge.node.product!.name).sort()).toEqual([bolt.name, nut.name, tape.name].sort());
    expect(first.edges[0]!.node.product!.name).toBe(tape.name); // adjusted last
  });
});

describe('stock movements report', () => {
  it('lists a product’s movements newest or oldest first with the running balance per warehouse and across warehouses', async () => {
    const { customer, products } = await customerAndProducts(t.admin);
    const product = products[0]!;
    const main = await newWarehouse('M');
    const north = await newWarehouse('N');
    await adjust(product.id, main.id, 10, 'opening count');
    await adjust(product.id, north.id, 4, 'opening count');
    await t.admin.data(TransferStockDocument, { input: { productId: product.id, fromWarehouseId: main.id, toWarehouseId: north.id, quantity: 3, reason: 'rebalance' } });
    const order = (await t.admin.data(CreateOrderInDocument, { input: { customerId: customer.id, lines: [{ productId: product.id, quantity: 2 }], warehouseId: main.id } })).createOrder;
    expect((await t.admin.send(PlaceOrderBriefDocument, { id: order.id, idempotencyKey: randomUUID() })).errors).toBeUndefined();

    const { stockMovements } = await t.admin.data(StockMovementsReportDocument, { productId: product.id, first: 10 });
    expect(stockMovements.totalCount).toBe(5);
    expect(stockMovements.edges.map(({ node }) => [node.kind, node.warehouse.code, node.onHandChange, node.reservedChange, node.onHandAfter, node.reservedAfter, node.totalOnHandAfter])).toEqual([
      ['RESERVATION', main.code, 0, 2, 7, 2, 14],
      ['TRANSFER_IN', north.code, 3, 0, 7, 0, 14],
      ['TRANSFER_OUT', main.code, -3, 0, 7, 0, 11],
      ['ADJUSTMENT', north.code, 4, 0, 4, 0, 14],
      ['ADJUSTMENT', main.code, 10, 0, 10, 0, 10],
    ]);
    const [reservation, transferIn, transferOut, , opening] = stockMovements.edges.map((edge) => edge.node);
    expect(reservation).toMatchObject({ documentType: 'ORDER', documentId: order.id, product: { sku: product.sku } });
    expect(transferIn!.documentId).toBe(transferOut!.documentId);
    expect(transferOut).toMatchObject({ documentType: 'TRANSFER', reason: 'rebalance' });
    expect(opening).toMatchObject({ documentType: 'ADJUSTMENT', reason: 'opening count' });
    expect(opening!.byUserId).toMatch(/^[0-9a-f-]{36}$/);

    // One warehouse: its own movements, the total still over every warehouse; oldest first, two per page.
    const pages: (string | number)[][] = [];
    let after: string | null | undefined = null;
    do {
      const page: Awaited<ReturnType<typeof movementsIn>> = await movementsIn(after);
      pages.push(...page.edges.map(({ node }) => [node.kind, node.onHandAfter, node.totalOnHandAfter]));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    expect(pages).toEqual([
      ['ADJUSTMENT', 10, 10],
      ['TRANSFER_OUT', 7, 11],
      ['RESERVATION', 7, 14],
    ]);

    async function movementsIn(cursor: string | null | undefined) {
      return (await t.admin.data(StockMovementsReportDocument, { productId: product.id, warehouseId: main.id, order: 'OLDEST_FIRST', first: 2, after: cursor })).stockMovements;
    }
  });

  it('is empty for a product inventory has never moved', async () => {
    const { stockMovements } = await t.admin.data(StockMovementsReportDocument, { productId: randomUUID() });
    expect(stockMovements).toMatchObject({ edges: [], totalCount: 0, pageInfo: { hasNextPage: false } });
  });
});

describe('refusals', () => {
  it('refuses ids that are not ids, bad pages and cursors with BAD_USER_INPUT', async () => {
    const productId = randomUUID();
    const newest = (await t.admin.data(StockMovementsReportDocument, { productId, first: 1 })).stockMovements;
    expect(newest.pageInfo.endCursor).toBeNull();
    const levelCursor = (await t.admin.data(StockLevelsReportDocument, { first: 1 })).stockLevels.pageInfo.endCursor;
    const badLevels: StockLevelsReportQueryVariables[] = [
      { filter: { warehouseId: 'main' } },
      { filter: { productId: '42' } },
      { filter: { categoryId: 'tools' } },
      { first: 0 },
      { first: 101 },
      { after: 'not-a-cursor' },
    ];
    for (const variables of badLevels) {
      expect(errorCodes(await t.admin.send(StockLevelsReportDocument, variables)), JSON.stringify(variables)).toEqual(['BAD_USER_INPUT']);
    }
    const badMovements = [
      { productId: 'nope' },
      { productId, warehouseId: 'main' },
      { productId, first: -1 },
      { productId, after: 'not-a-cursor' },
      // A cursor of another list or ordering.
      ...(levelCursor ? [{ productId, after: levelCursor }] : []),
    ];
    for (const variables of badMovements) {
      expect(errorCodes(await t.admin.send(StockMovementsReportDocument, variables)), JSON.stringify(variables)).toEqual(['BAD_USER_INPUT']);
    }
  });

  it('answers callers with stock:read only', async () => {
    const { client: employee } = await t.userWith(['employee']);
    const { client: customer } = await t.userWith(['customer']);
    for (const client of [employee, customer]) {
      expect(errorCodes(await client.send(StockLevelsReportDocument, {}))).toEqual(['FORBIDDEN']);
      expect(errorCodes(await client.send(StockMovementsReportDocument, { productId: randomUUID() }))).toEqual(['FORBIDDEN']);
    }
    for (const role of ['sales', 'warehouse', 'accountant'] as const) {
      const { client } = await t.userWith([role]);
      expect((await client.send(StockLevelsReportDocument, { first: 1 })).errors, role).toBeUndefined();
    }
  });
});

describe('no N+1 for stock on products', () => {
  const run = `N1-${tag()}`;

  beforeAll(async () => {
    const warehouses = [await newWarehouse('A'), await newWarehouse('B')];
    for (let batch = 0; batch < 5; batch += 1) {
      await Promise.all(
        Array.from({ length: 10 }, async (_, i) => {
          const index = batch * 10 + i;
          const product = (await t.admin.data(CreateProductDocument, { input: { sku: `${run}-${index}`, name: `${run} ${index}`, price: '1.00', currency: 'EUR', taxRate: '20' } })).createProduct;
          for (const [w, warehouse] of warehouses.entries()) await adjust(product.id, warehouse.id, index + 1 + w);
        }),
      );
    }
    await settled();
  }, 120_000);

  it('runs the same number of SQL statements for 10 and for 50 products with their stock per warehouse', async () => {
    const ten = await t.countStatements(() => t.admin.data(ProductsWithStockDocument, { first: 10, filter: { search: run } }));
    const fifty = await t.countStatements(() => t.admin.data(ProductsWithStockDocument, { first: 50, filter: { search: run } }));
    expect(ten.result.products.edges).toHaveLength(10);
    expect(fifty.result.products.edges).toHaveLength(50);
    for (const { node } of fifty.result.products.edges) {
      const index = Number(node.name.split(' ').at(-1));
      expect(node.stock!.onHand).toBe(2 * index + 3);
      expect(node.stock!.byWarehouse.map((level) => level.onHand).sort((a, b) => a - b)).toEqual([index + 1, index + 2]);
      expect(node.stock!.byWarehouse.every((level) => /^[AB]-/.test(level.warehouse.code))).toBe(true);
    }
    console.info(`statements: 10 products → ${ten.statements}, 50 products → ${fifty.statements}`);
    expect(fifty.statements).toBe(ten.statements);
  });
});
