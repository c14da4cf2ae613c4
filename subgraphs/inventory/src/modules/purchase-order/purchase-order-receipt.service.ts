import { purchaseOrderReceived } from '@erp/contracts';
import { actingUserId, assertUuid, BadUserInputError, recordEvent, toMoneyType, withIdempotency, type EntityManager, type RequestContext } from '@erp/platform';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { applyStockMoves } from '../stock/stock-ledger.js';
import { Supplier } from '../supplier/supplier.entity.js';
import { Warehouse } from '../warehouse/warehouse.entity.js';
import { PurchaseOrderLine } from './purchase-order.entity.js';
import { MAX_LINES, planReceipt, remaining, type ReceiptLineInput } from './purchase-order.rules.js';
import { lockPurchaseOrder } from './purchase-order.service.js';

/** Attempts of a receipt whose first stock of a product a concurrent move created at the same moment. */
const ATTEMPTS = 3;

/**
 * Goods of a sent order arrived, all or some: in ONE transaction the order row is locked (concurrent receipts of it
 * queue, so together they never receive more than was ordered), each line's received quantity grows, the stock comes
 * in through `applyStockMoves` as RECEIPT movements at the line's unit cost (the product's moving-average cost follows),
 * the status becomes PARTIALLY_RECEIVED or RECEIVED, and `po.received` is recorded. An idempotency key makes a
 * retried receipt count once.
 */
export async function receivePurchaseOrder(ctx: RequestContext, input: { purchaseOrderId: string; lines: ReceiptLineInput[]; idempotencyKey?: string | null }): Promise<string> {
  const purchaseOrderId = assertUuid(input.purchaseOrderId, 'purchaseOrderId');
  if (input.lines.length === 0 || input.lines.length > MAX_LINES) throw new BadUserInputError(`A receipt names 1 to ${MAX_LINES} lines.`, { field: 'lines' });
  input.lines.forEach((line, index) => assertUuid(line.lineId, `lines[${index}].lineId`));
  const receipt = input.lines.map((line) => ({ lineId: line.lineId, quantity: line.quantity }));
  const write = (tx: EntityManager) => receiveInTransaction(ctx, tx, purchaseOrderId, receipt);
  for (let attempt = 1; ; attempt += 1) {
    try {
      if (input.idempotencyKey == null) return await ctx.em.transactional(write);
      return (await withIdempotency(ctx.em, 'receivePurchaseOrder', input.idempotencyKey, { purchaseOrderId, receipt }, write)).resultId;
    } catch (error) {
      if (!(error instanceof UniqueConstraintViolationException) || attempt >= ATTEMPTS) throw error;
      ctx.em.clear();
    }
  }
}

async function receiveInTransaction(ctx: RequestContext, tx: EntityManager, purchaseOrderId: string, receipt: ReceiptLineInput[]): Promise<string> {
  const order = await lockPurchaseOrder(tx, purchaseOrderId, 'purchaseOrderId');
  const lines = await tx.find(PurchaseOrderLine, { purchaseOrder: order }, { orderBy: { position: 'asc' }, refresh: true });
  const plan = planReceipt(order.status, lines, receipt);
  const supplier = await tx.findOneOrFail(Supplier, { id: order.supplier.id });
  const warehouse = await tx.findOneOrFail(Warehouse, { id: order.warehouse.id });
  const byId = new Map(lines.map((line) => [line.id, line]));
  const byUserId = actingUserId(ctx);

  await applyStockMoves(
    tx,
    plan.lines.map(({ lineId, quantity }) => {
      const line = byId.get(lineId)!;
      return {
        productId: line.productId,
        warehouseId: warehouse.id,
        kind: 'RECEIPT' as const,
        onHandChange: quantity,
        reservedChange: 0,
        unitCostMinor: line.unitCostMinor,
        currency: line.currency,
        reason: `${order.number} from ${supplier.name}`,
        documentType: 'PURCHASE_ORDER',
        documentId: order.id,
      };
    }),
    byUserId,
  );

  const at = new Date();
  for (const { lineId, quantity } of plan.lines) byId.get(lineId)!.quantityReceived += quantity;
  order.status = plan.statusAfter;
  if (plan.complete) order.receivedAt = at;
  const received = plan.lines.map(({ lineId, quantity }) => {
    const line = byId.get(lineId)!;
    return {
      lineId,
      productId: line.productId,
      quantity,
      unitCost: toMoneyType(line.unitCostMinor, order.currency),
      total: toMoneyType(line.unitCostMinor * BigInt(quantity), order.currency),
      remaining: remaining(line),
    };
  });
  const totalMinor = plan.lines.reduce((sum, { lineId, quantity }) => sum + byId.get(lineId)!.unitCostMinor * BigInt(quantity), 0n);
  recordEvent(tx, purchaseOrderReceived, order.id, {
    purchaseOrderId: order.id,
    number: order.number,
    supplierId: supplier.id,
    supplierName: supplier.name,
    warehouseId: warehouse.id,
    warehouseCode: warehouse.code,
    complete: plan.complete,
    status: order.status,
    lines: received,
    total: toMoneyType(totalMinor, order.currency),
    at: at.toISOString(),
    byUserId,
  });
  await tx.flush();
  ctx.log.info({ purchaseOrderId: order.id, number: order.number, status: order.status }, 'purchase order received');
  return order.id;
}
