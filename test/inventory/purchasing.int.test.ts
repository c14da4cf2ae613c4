import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { errorCodes, type GraphQLClient } from '../support/client.js';
import { customerAndProducts } from '../support/commerce.js';
import { sql } from '../support/database.js';
import { recordedEvents } from '../support/outbox.js';
import { useTestPlatform } from '../support/platform.js';
import { settled } from '../support/settled.js';
import {
  AdjustStockDocument,
  CancelPurchaseOrderDocument,
  CreatePurchaseOrderDocument,
  CreatePurchaseOrderForLowStockDocument,
  CreateSupplierDocument,
  CreateWarehouseDocument,
  ProductCostDocument,
  PurchaseOrderDocument,
  PurchaseOrdersDocument,
  ReceivePurchaseOrderDocument,
  SendPurchaseOrderDocument,
  SetPreferredSupplierDocument,
  SetReorderPointDocument,
  StockValuationDocument,
  SupplierDocument,
  SuppliersDocument,
  TransferStockDocument,
  UpdatePurchaseOrderDocument,
  UpdateSupplierDocument,
} from '../generated/graphql.js';

const t = useTestPlatform();

const tag = () => randomUUID().slice(0, 6).toUpperCase();

async function newWarehouse(): Promise<{ id: string; code: string }> {
  return (await t.admin.data(CreateWarehouseDocument, { input: { code: `W-${tag()}`, name: 'Purchasing warehouse' } })).createWarehouse;
}

async function newSupplier(currency = 'EUR', client: GraphQLClient = t.admin) {
  return (await client.data(CreateSupplierDocument, { input: { name: `Supplier ${tag()}`, email: 'Orders@Supplier.test', currency, paymentTermsDays: 14, leadTimeDays: 5 } })).createSupplier;
}

async function newProducts(count = 1): Promise<string[]> {
  const { products } = await customerAndProducts(t.admin, Array.from({ length: count }, () => ({ price: '20.00', taxRate: '20' })));
  return products.map((product) => product.id);
}

async function sentOrder(supplierId: string, warehouseId: string, lines: { productId: string; quantity: number; unitCost: string }[]) {
  const order = (await t.admin.data(CreatePurchaseOrderDocument, { input: { supplierId, warehouseId, lines } })).createPurchaseOrder;
  await t.admin.data(SendPurchaseOrderDocument, { id: order.id });
  return order;
}

const receive = (client: GraphQLClient, purchaseOrderId: string, lines: { lineId: string; quantity: number }[], idempotencyKey?: string) =>
  client.send(ReceivePurchaseOrderDocument, { input: { purchaseOrderId, lines, idempotencyKey } });

async function costOf(productId: string) {
  return (await t.admin.data(ProductCostDocument, { id: productId })).product.stock!;
}

/** What the ledger says of a product: the sum of its movements, and the receipts of one document. */
async function movements(productId: string, documentId?: string) {
  const [sum] = await sql<{ onHand: number }>(`select coalesce(sum(on_hand_change), 0)::int as "onHand" from inventory.stock_movement where product_id = $1`, [productId]);
  const receipts = documentId
    ? await sql<{ kind: string; onHandChange: number; unitCostMinor: string; currency: string; documentType: string }>(
        `select kind, on_hand_change as "onHandChange", unit_cost_minor::text as "unitCostMinor", currency, document_type as "documentType"
           from inventory.stock_movement where product_id = $1 and document_id = $2 order by sequence`,
        [productId, documentId],
      )
    : [];
  return { onHand: sum!.onHand, receipts };
}

describe('receiving purchase orders', () => {
  it('receives in two parts exactly what arrived, and keeps the moving-average cost exact (3 at 10.00 + 7 at 10.01 = 100.07, 10.007 each)', async () => {
    const { id: warehouseId } = await newWarehouse();
    const supplier = await newSupplier();
    const [productId] = (await newProducts()) as [string];

    const first = await sentOrder(supplier.id, warehouseId, [{ productId, quantity: 3, unitCost: '10.00' }]);
    expect(first.number).toMatch(/^PO-\d{4}-\d{6}$/);
    expect((await receive(t.admin, first.id, [{ lineId: first.lines[0]!.id, quantity: 3 }])).data?.receivePurchaseOrder).toMatchObject({ status: 'RECEIVED' });
    expect(await costOf(productId)).toMatchObject({ onHand: 3, averageCost: { amount: '10.000000', currency: 'EUR' }, value: { amount: '30.00', currency: 'EUR' } });

    const second = await sentOrder(supplier.id, warehouseId, [{ productId, quantity: 7, unitCost: '10.01' }]);
    expect(second.total).toEqual({ amount: '70.07', currency: 'EUR' });
    const lineId = second.lines[0]!.id;
    const part = (await receive(t.admin, second.id, [{ lineId, quantity: 4 }])).data!.receivePurchaseOrder;
    expect(part).toMatchObject({ status: 'PARTIALLY_RECEIVED', lines: [{ quantityOrdered: 7, quantityReceived: 4, quantityRemaining: 3 }] });
    expect((await costOf(productId)).onHand).toBe(7);
    const rest = (await receive(t.admin, second.id, [{ lineId, quantity: 3 }])).data!.receivePurchaseOrder;
    expect(rest).toMatchObject({ status: 'RECEIVED', lines: [{ quantityReceived: 7, quantityRemaining: 0 }] });

    const stock = await costOf(productId);
    expect(stock).toMatchObject({ onHand: 10, value: { amount: '100.07', currency: 'EUR' }, averageCost: { amount: '10.007000', currency: 'EUR' } });
    const ledger = await movements(productId, second.id);
    expect(ledger.onHand).toBe(10);
    expect(ledger.receipts).toEqual([
      { kind: 'RECEIPT', onHandChange: 4, unitCostMinor: '1001', currency: 'EUR', documentType: 'PURCHASE_ORDER' },
      { kind: 'RECEIPT', onHandChange: 3, unitCostMinor: '1001', currency: 'EUR', documentType: 'PURCHASE_ORDER' },
    ]);

    // Out goes the proportional share (3 × 10.007 = 30.021 → 30.02); the last units take exactly what is left.
    await t.admin.data(AdjustStockDocument, { input: { productId, warehouseId, quantity: -3, reason: 'damaged' } });
    expect(await costOf(productId)).toMatchObject({ onHand: 7, value: { amount: '70.05' }, averageCost: { amount: '10.007143' } });
    await t.admin.data(AdjustStockDocument, { input: { productId, warehouseId, quantity: -7, reason: 'written off' } });
    expect(await costOf(productId)).toMatchObject({ onHand: 0, value: null, averageCost: null });
    expect(await sql(`select value_minor::text as value, cost_currency as currency from inventory.stock_item where product_id = $1`, [productId])).toEqual([{ value: '0', currency: null }]);
  });

  it('refuses to receive more than remains, changing nothing; an idempotency key receives a retried receipt once', async () => {
    const { id: warehouseId } = await newWarehouse();
    const supplier = await newSupplier();
    const [productId] = (await newProducts()) as [string];
    const order = await sentOrder(supplier.id, warehouseId, [{ productId, quantity: 5, unitCost: '2.50' }]);
    const lineId = order.lines[0]!.id;

    const tooMuch = await receive(t.admin, order.id, [{ lineId, quantity: 6 }]);
    expect(errorCodes(tooMuch)).toEqual(['CONFLICT']);
    expect(tooMuch.errors![0]!.message).toMatch(/only 5 of 5 still to come/);
    expect(tooMuch.errors![0]!.extensions).toMatchObject({ lineId, remaining: 5, requested: 6 });

    const key = randomUUID();
    expect((await receive(t.admin, order.id, [{ lineId, quantity: 3 }], key)).data?.receivePurchaseOrder.status).toBe('PARTIALLY_RECEIVED');
    expect((await receive(t.admin, order.id, [{ lineId, quantity: 3 }], key)).data?.receivePurchaseOrder.lines[0]!.quantityReceived).toBe(3);
    expect(errorCodes(await receive(t.admin, order.id, [{ lineId, quantity: 3 }]))).toEqual(['CONFLICT']);
    for (const bad of [[{ lineId, quantity: 0 }], [{ lineId, quantity: 1.5 }], [{ lineId: randomUUID(), quantity: 1 }], [{ lineId: 'nope', quantity: 1 }], []]) {
      expect(errorCodes(await receive(t.admin, order.id, bad)), JSON.stringify(bad)).toEqual(['BAD_USER_INPUT']);
    }

    expect((await t.admin.data(PurchaseOrderDocument, { id: order.id })).purchaseOrder).toMatchObject({ status: 'PARTIALLY_RECEIVED', lines: [{ quantityReceived: 3 }] });
    expect(await costOf(productId)).toMatchObject({ onHand: 3, value: { amount: '7.50' } });
    expect((await movements(productId)).onHand).toBe(3);
  });

  it('never over-receives under concurrent receipts: of 10 receipts of 3 against 10 ordered, exactly 3 pass', async () => {
    const { id: warehouseId } = await newWarehouse();
    const supplier = await newSupplier();
    const [productId] = (await newProducts()) as [string];
    const order = await sentOrder(supplier.id, warehouseId, [{ productId, quantity: 10, unitCost: '1.00' }]);
    const answers = await Promise.all(Array.from({ length: 10 }, () => receive(t.admin, order.id, [{ lineId: order.lines[0]!.id, quantity: 3 }])));
    expect(answers.filter((answer) => answer.data?.receivePurchaseOrder).length).toBe(3);
    expect(answers.flatMap(errorCodes).sort()).toEqual(Array(7).fill('CONFLICT'));
    expect((await t.admin.data(PurchaseOrderDocument, { id: order.id })).purchaseOrder.lines[0]).toMatchObject({ quantityReceived: 9, quantityRemaining: 1 });
    expect(await costOf(productId)).toMatchObject({ onHand: 9, value: { amount: '9.00' } });
    expect((await movements(productId)).onHand).toBe(9);
  }, 60_000);

  it('refuses a receipt in another currency than the stock on hand (no FX), changing nothing', async () => {
    const { id: warehouseId } = await newWarehouse();
    const [productId] = (await newProducts()) as [string];
    const euro = await sentOrder((await newSupplier('EUR')).id, warehouseId, [{ productId, quantity: 2, unitCost: '5.00' }]);
    await receive(t.admin, euro.id, [{ lineId: euro.lines[0]!.id, quantity: 2 }]);
    const dollar = await sentOrder((await newSupplier('USD')).id, warehouseId, [{ productId, quantity: 2, unitCost: '6.00' }]);
    const refused = await receive(t.admin, dollar.id, [{ lineId: dollar.lines[0]!.id, quantity: 2 }]);
    expect(errorCodes(refused)).toEqual(['CONFLICT']);
    expect(refused.errors![0]!.message).toMatch(/costed in EUR.*no currency conversion/);
    expect((await t.admin.data(PurchaseOrderDocument, { id: dollar.id })).purchaseOrder).toMatchObject({ status: 'SENT', lines: [{ quantityReceived: 0 }] });
    expect(await costOf(productId)).toMatchObject({ onHand: 2, value: { amount: '10.00', currency: 'EUR' } });
  });

  it('records po.received for every receipt, saying whether it completed the order', async () => {
    const { id: warehouseId, code } = await newWarehouse();
    const supplier = await newSupplier();
    const [a, b] = (await newProducts(2)) as [string, string];
    const order = await sentOrder(supplier.id, warehouseId, [{ productId: a, quantity: 2, unitCost: '3.33' }, { productId: b, quantity: 1, unitCost: '0.10' }]);
    const lineA = order.lines[0]!;
    const lineB = order.lines[1]!;
    await receive(t.admin, order.id, [{ lineId: lineA.id, quantity: 1 }]);
    await receive(t.admin, order.id, [{ lineId: lineA.id, quantity: 1 }, { lineId: lineB.id, quantity: 1 }]);
    await settled();
    const events = (await recordedEvents('inventory', order.id)).filter((event) => event.type === 'po.received');
    expect(events.map((event) => event.payload)).toEqual([
      expect.objectContaining({
        purchaseOrderId: order.id,
        number: order.number,
        supplierId: supplier.id,
        supplierName: supplier.name,
        warehouseId,
        warehouseCode: code,
        complete: false,
        status: 'PARTIALLY_RECEIVED',
        lines: [{ lineId: lineA.id, productId: a, quantity: 1, unitCost: { amount: '3.33', currency: 'EUR' }, total: { amount: '3.33', currency: 'EUR' }, remaining: 1 }],
        total: { amount: '3.33', currency: 'EUR' },
      }),
      expect.objectContaining({
        complete: true,
        status: 'RECEIVED',
        lines: [
          { lineId: lineA.id, productId: a, quantity: 1, unitCost: { amount: '3.33', currency: 'EUR' }, total: { amount: '3.33', currency: 'EUR' }, remaining: 0 },
          { lineId: lineB.id, productId: b, quantity: 1, unitCost: { amount: '0.10', currency: 'EUR' }, total: { amount: '0.10', currency: 'EUR' }, remaining: 0 },
        ],
        total: { amount: '3.43', currency: 'EUR' },
      }),
    ]);
  });
});

describe('purchase order lifecycle', () => {
  it('edits only drafts, sends, cancels only a draft or a sent order, and receives only a sent one, with stable codes', async () => {
    const { id: warehouseId } = await newWarehouse();
    const supplier = await newSupplier();
    const [a, b] = (await newProducts(2)) as [string, string];
    const draft = (await t.admin.data(CreatePurchaseOrderDocument, { input: { supplierId: supplier.id, warehouseId, expectedDate: '2027-01-15', lines: [{ productId: a, quantity: 1, unitCost: '1.00' }] } }))
      .createPurchaseOrder;
    expect(draft).toMatchObject({ status: 'DRAFT', currency: 'EUR', expectedDate: '2027-01-15', supplier: { id: supplier.id }, warehouse: { id: warehouseId } });
    expect(errorCodes(await receive(t.admin, draft.id, [{ lineId: draft.lines[0]!.id, quantity: 1 }]))).toEqual(['CONFLICT']);

    const edited = (
      await t.admin.data(UpdatePurchaseOrderDocument, {
        id: draft.id,
        input: { expectedVersion: draft.version, notes: 'call before delivery', lines: [{ productId: a, quantity: 4, unitCost: '1.25' }, { productId: b, quantity: 2, unitCost: '0.99' }] },
      })
    ).updatePurchaseOrder;
    expect(edited).toMatchObject({ notes: 'call before delivery', total: { amount: '6.98', currency: 'EUR' } });
    expect(edited.lines.map((line) => [line.position, line.productId, line.quantityOrdered, line.unitCost.amount])).toEqual([[1, a, 4, '1.25'], [2, b, 2, '0.99']]);
    expect(errorCodes(await t.admin.send(UpdatePurchaseOrderDocument, { id: draft.id, input: { expectedVersion: draft.version, notes: 'stale' } }))).toEqual(['CONFLICT']);

    expect((await t.admin.data(SendPurchaseOrderDocument, { id: draft.id })).sendPurchaseOrder.status).toBe('SENT');
    expect(errorCodes(await t.admin.send(SendPurchaseOrderDocument, { id: draft.id }))).toEqual(['CONFLICT']);
    const late = await t.admin.send(UpdatePurchaseOrderDocument, { id: draft.id, input: { lines: [{ productId: a, quantity: 9, unitCost: '1.00' }] } });
    expect(errorCodes(late)).toEqual(['CONFLICT']);
    expect(late.errors![0]!.message).toMatch(/only a draft can be edited/);

    const cancelled = (await t.admin.data(CancelPurchaseOrderDocument, { id: draft.id, reason: 'supplier out of stock' })).cancelPurchaseOrder;
    expect(cancelled).toMatchObject({ status: 'CANCELLED', cancelReason: 'supplier out of stock' });
    expect(errorCodes(await t.admin.send(CancelPurchaseOrderDocument, { id: draft.id }))).toEqual(['CONFLICT']);
    expect(errorCodes(await receive(t.admin, draft.id, [{ lineId: edited.lines[0]!.id, quantity: 1 }]))).toEqual(['CONFLICT']);

    const partly = await sentOrder(supplier.id, warehouseId, [{ productId: a, quantity: 2, unitCost: '1.00' }]);
    await receive(t.admin, partly.id, [{ lineId: partly.lines[0]!.id, quantity: 1 }]);
    expect(errorCodes(await t.admin.send(CancelPurchaseOrderDocument, { id: partly.id }))).toEqual(['CONFLICT']);
    const numbers = [draft.number, partly.number].map((n) => Number(n.slice(-6)));
    expect(numbers[1]).toBeGreaterThan(numbers[0]!);

    const listed = (await t.admin.data(PurchaseOrdersDocument, { first: 10, supplierId: supplier.id, status: 'CANCELLED' })).purchaseOrders.edges.map((e) => e.node.id);
    expect(listed).toEqual([draft.id]);
  });

  it('lists orders with their supplier, warehouse, lines and totals in as many statements for 5 orders as for 1', async () => {
    const { id: warehouseId } = await newWarehouse();
    const [productId] = (await newProducts()) as [string];
    const list = async (supplierId: string) => {
      const { result, statements } = await t.countStatements(() => t.admin.data(PurchaseOrdersDocument, { first: 10, supplierId }));
      return { orders: result.purchaseOrders.edges.length, statements };
    };
    const one = await newSupplier();
    const five = await newSupplier();
    await sentOrder(one.id, warehouseId, [{ productId, quantity: 1, unitCost: '1.00' }]);
    for (let i = 0; i < 5; i += 1) await sentOrder(five.id, warehouseId, [{ productId, quantity: i + 1, unitCost: '1.00' }]);
    const [single, many] = [await list(one.id), await list(five.id)];
    expect([single.orders, many.orders]).toEqual([1, 5]);
    expect(many.statements).toBe(single.statements);
  });

  it('refuses bad input with BAD_USER_INPUT or NOT_FOUND, creating nothing', async () => {
    const { id: warehouseId } = await newWarehouse();
    const supplier = await newSupplier();
    const [productId] = (await newProducts()) as [string];
    const [{ count: before } = { count: -1 }] = await sql<{ count: number }>(`select count(*)::int as count from inventory.purchase_order`);
    const input = { supplierId: supplier.id, warehouseId, lines: [{ productId, quantity: 1, unitCost: '1.00' }] };
    const bad = [
      { lines: [] },
      { lines: [{ productId, quantity: 0, unitCost: '1.00' }] },
      { lines: [{ productId, quantity: 1, unitCost: '1.001' }] },
      { lines: [{ productId, quantity: 1, unitCost: '-1.00' }] },
      { lines: [{ productId, quantity: 1, unitCost: '1.00' }, { productId, quantity: 2, unitCost: '1.00' }] },
      { lines: [{ productId: randomUUID(), quantity: 1, unitCost: '1.00' }] },
      { expectedDate: '2027-02-30' },
      { supplierId: randomUUID() },
      { supplierId: 'nope' },
      { warehouseId: randomUUID() },
    ];
    for (const change of bad) {
      const answer = await t.admin.send(CreatePurchaseOrderDocument, { input: { ...input, ...change } });
      expect(answer.errors?.[0]?.extensions?.code, JSON.stringify(change)).toMatch(/^(BAD_USER_INPUT|NOT_FOUND)$/);
    }
    for (const change of [{ currency: 'euro' }, { name: ' ' }, { email: 'not-an-email' }, { paymentTermsDays: -1 }, { leadTimeDays: 1.5 }]) {
      const answer = await t.admin.send(CreateSupplierDocument, { input: { name: 'X', currency: 'EUR', ...change } });
      expect(errorCodes(answer), JSON.stringify(change)).toEqual(['BAD_USER_INPUT']);
    }
    expect(await sql(`select count(*)::int as count from inventory.purchase_order`)).toEqual([{ count: before }]);
  });
});

describe('suppliers and permissions', () => {
  it('creates, lists and updates suppliers; sales may not buy, accountants read', async () => {
    const supplier = await newSupplier('CHF');
    expect(supplier).toMatchObject({ email: 'orders@supplier.test', currency: 'CHF', paymentTermsDays: 14, leadTimeDays: 5, active: true });
    const updated = (await t.admin.data(UpdateSupplierDocument, { id: supplier.id, input: { contactPerson: 'Ana', phone: '+41 44 000 00 00', active: false, expectedVersion: supplier.version } }))
      .updateSupplier;
    expect(updated).toMatchObject({ contactPerson: 'Ana', phone: '+41 44 000 00 00', active: false });
    const search = supplier.name.split(' ')[1]!;
    expect((await t.admin.data(SuppliersDocument, { first: 5, search, active: false })).suppliers.edges.map((e) => e.node.id)).toEqual([supplier.id]);
    const { id: warehouseId } = await newWarehouse();
    const [productId] = (await newProducts()) as [string];
    const toInactive = await t.admin.send(CreatePurchaseOrderDocument, { input: { supplierId: supplier.id, warehouseId, lines: [{ productId, quantity: 1, unitCost: '1.00' }] } });
    expect(errorCodes(toInactive)).toEqual(['CONFLICT']);

    const { client: seller } = await t.userWith(['sales']);
    expect(errorCodes(await seller.send(CreateSupplierDocument, { input: { name: 'X', currency: 'EUR' } }))).toEqual(['FORBIDDEN']);
    const active = await newSupplier();
    expect(errorCodes(await seller.send(CreatePurchaseOrderDocument, { input: { supplierId: active.id, warehouseId, lines: [{ productId, quantity: 1, unitCost: '1.00' }] } }))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await seller.send(SupplierDocument, { id: active.id }))).toEqual(['FORBIDDEN']);

    const { client: accountant } = await t.userWith(['accountant']);
    expect((await accountant.data(SupplierDocument, { id: active.id })).supplier.name).toBe(active.name);
    expect((await accountant.data(StockValuationDocument, { warehouseId })).stockValuation.lines).toEqual([]);
    expect(errorCodes(await accountant.send(CreateSupplierDocument, { input: { name: 'X', currency: 'EUR' } }))).toEqual(['FORBIDDEN']);

    const { client: storekeeper } = await t.userWith(['warehouse']);
    const order = (await storekeeper.data(CreatePurchaseOrderDocument, { input: { supplierId: active.id, warehouseId, lines: [{ productId, quantity: 1, unitCost: '1.00' }] } })).createPurchaseOrder;
    expect(order.status).toBe('DRAFT');
  });
});

describe('reordering and valuation', () => {
  it('turns a low product into a draft order to its preferred supplier in one call, and says why when it cannot', async () => {
    const { id: warehouseId, code } = await newWarehouse();
    const supplier = await newSupplier();
    const [productId] = (await newProducts()) as [string];
    await t.admin.data(AdjustStockDocument, { input: { productId, warehouseId, quantity: 8, reason: 'count' } });
    await t.admin.data(SetReorderPointDocument, { input: { productId, warehouseId, reorderPoint: 5, reorderQuantity: 20 } });

    const notLow = await t.admin.send(CreatePurchaseOrderForLowStockDocument, { productId, warehouseId });
    expect(errorCodes(notLow)).toEqual(['CONFLICT']);
    expect(notLow.errors![0]!.message).toContain(`is not low in warehouse ${code}`);

    await t.admin.data(AdjustStockDocument, { input: { productId, warehouseId, quantity: -5, reason: 'damaged' } });
    const noSupplier = await t.admin.send(CreatePurchaseOrderForLowStockDocument, { productId, warehouseId });
    expect(errorCodes(noSupplier)).toEqual(['CONFLICT']);
    expect(noSupplier.errors![0]!.message).toMatch(/no preferred supplier/);

    await t.admin.data(SetPreferredSupplierDocument, { input: { productId, supplierId: supplier.id } });
    expect(errorCodes(await t.admin.send(CreatePurchaseOrderForLowStockDocument, { productId, warehouseId }))).toEqual(['CONFLICT']);
    expect(errorCodes(await t.admin.send(SetPreferredSupplierDocument, { input: { productId, supplierId: supplier.id, unitCost: '4.255' } }))).toEqual(['BAD_USER_INPUT']);
    await t.admin.data(SetPreferredSupplierDocument, { input: { productId, supplierId: supplier.id, unitCost: '4.25' } });

    const order = (await t.admin.data(CreatePurchaseOrderForLowStockDocument, { productId, warehouseId })).createPurchaseOrderForLowStock;
    expect(order).toMatchObject({
      status: 'DRAFT',
      supplier: { id: supplier.id },
      warehouse: { id: warehouseId },
      lines: [{ productId, quantityOrdered: 20, unitCost: { amount: '4.25', currency: 'EUR' } }],
      total: { amount: '85.00', currency: 'EUR' },
    });
  });

  it('values stock per warehouse at moving-average cost, with totals per currency', async () => {
    const main = await newWarehouse();
    const north = await newWarehouse();
    const [euroProduct, dollarProduct] = (await newProducts(2)) as [string, string];
    const euro = await newSupplier('EUR');
    const first = await sentOrder(euro.id, main.id, [{ productId: euroProduct, quantity: 3, unitCost: '10.00' }]);
    await receive(t.admin, first.id, [{ lineId: first.lines[0]!.id, quantity: 3 }]);
    const second = await sentOrder(euro.id, main.id, [{ productId: euroProduct, quantity: 7, unitCost: '10.01' }]);
    await receive(t.admin, second.id, [{ lineId: second.lines[0]!.id, quantity: 7 }]);
    const dollar = await sentOrder((await newSupplier('USD')).id, main.id, [{ productId: dollarProduct, quantity: 4, unitCost: '0.33' }]);
    await receive(t.admin, dollar.id, [{ lineId: dollar.lines[0]!.id, quantity: 4 }]);

    const whole = (await t.admin.data(StockValuationDocument, { warehouseId: main.id })).stockValuation;
    expect(whole.totals).toEqual([{ amount: '100.07', currency: 'EUR' }, { amount: '1.32', currency: 'USD' }]);
    expect(whole.lines.find((line) => line.product?.id === euroProduct)).toMatchObject({ onHand: 10, averageCost: { amount: '10.007000' }, value: { amount: '100.07' }, warehouse: { code: main.code } });

    // A transfer does not change what the product is worth; each warehouse holds its rounded share of it.
    await t.admin.data(TransferStockDocument, { input: { productId: euroProduct, fromWarehouseId: main.id, toWarehouseId: north.id, quantity: 3 } });
    expect((await costOf(euroProduct)).value).toEqual({ amount: '100.07', currency: 'EUR' });
    const mainAfter = (await t.admin.data(StockValuationDocument, { warehouseId: main.id })).stockValuation;
    const northAfter = (await t.admin.data(StockValuationDocument, { warehouseId: north.id })).stockValuation;
    expect(mainAfter.lines.find((line) => line.product?.id === euroProduct)).toMatchObject({ onHand: 7, value: { amount: '70.05' } });
    expect(northAfter).toMatchObject({ lines: [{ onHand: 3, averageCost: { amount: '10.007000' }, value: { amount: '30.02' } }], totals: [{ amount: '30.02', currency: 'EUR' }], uncostedUnits: 0 });
    expect(errorCodes(await t.admin.send(StockValuationDocument, { warehouseId: 'nope' }))).toEqual(['BAD_USER_INPUT']);
  });
});
