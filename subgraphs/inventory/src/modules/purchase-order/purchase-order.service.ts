import {
  actingUserId,
  assertUuid,
  BadUserInputError,
  ConflictError,
  formatDocumentNumber,
  isUuid,
  nextNumber,
  NotFoundError,
  optionalText,
  type EntityManager,
  type RequestContext,
} from '@erp/platform';
import { LockMode } from '@mikro-orm/core';
import { ProductForStockFragmentDoc } from '../../peers/generated.js';
import { activeSupplier } from '../supplier/supplier.service.js';
import { activeWarehouse } from '../warehouse/warehouse.service.js';
import { PurchaseOrder, PurchaseOrderLine } from './purchase-order.entity.js';
import { addDays, assertEditable, assertTransition, parseIsoDate, parseLines, type LineInput, type ParsedLine } from './purchase-order.rules.js';

/** Every product of the lines must exist in catalog (read as the caller, before any transaction). */
export async function assertKnownProducts(ctx: RequestContext, lines: readonly ParsedLine[]): Promise<void> {
  const ids = lines.map((line) => line.productId);
  const products = await ctx.peers.entities(ctx, 'catalog', ProductForStockFragmentDoc, ids);
  const missing = ids.findIndex((_, index) => !products[index]);
  if (missing >= 0) throw new NotFoundError('Product', ids[missing]!);
}

/** The order, locked until the transaction ends: sending, cancelling and receiving it queue, never interleave. */
export async function lockPurchaseOrder(em: EntityManager, id: string, field = 'id'): Promise<PurchaseOrder> {
  const order = isUuid(id) ? await em.findOne(PurchaseOrder, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true }) : null;
  if (!order) {
    assertUuid(id, field);
    throw new NotFoundError('PurchaseOrder', id);
  }
  return order;
}

function addLines(em: EntityManager, order: PurchaseOrder, lines: readonly ParsedLine[]): void {
  lines.forEach((line, index) =>
    order.lines.add(
      em.create(PurchaseOrderLine, { purchaseOrder: order, position: index + 1, productId: line.productId, quantityOrdered: line.quantity, unitCostMinor: line.unitCostMinor, currency: order.currency }),
    ),
  );
}

export interface CreatePurchaseOrder {
  supplierId: string;
  warehouseId: string;
  expectedDate?: string | null;
  notes?: string | null;
  lines: LineInput[];
}

/** A draft in the supplier's currency, numbered PO-<year>-<n> in the same transaction (gap-free). */
export async function createPurchaseOrder(ctx: RequestContext, input: CreatePurchaseOrder): Promise<string> {
  const supplierId = assertUuid(input.supplierId, 'supplierId');
  const warehouseId = assertUuid(input.warehouseId, 'warehouseId');
  const expectedDate = input.expectedDate ? parseIsoDate(input.expectedDate, 'expectedDate') : null;
  const notes = optionalText(input.notes, 'notes', 2000);
  const supplier = await activeSupplier(ctx.em, supplierId);
  const lines = parseLines(input.lines, supplier.currency);
  await assertKnownProducts(ctx, lines);
  return ctx.em.transactional(async (em) => {
    const warehouse = await activeWarehouse(em, warehouseId);
    const vendor = await activeSupplier(em, supplierId);
    if (vendor.currency !== supplier.currency) throw new ConflictError('The supplier’s currency changed meanwhile: try again.', { field: 'supplierId' });
    const now = new Date();
    const year = now.getUTCFullYear();
    const order = em.create(PurchaseOrder, {
      number: formatDocumentNumber('PO', year, await nextNumber(em, 'purchase_order', year)),
      supplier: vendor,
      warehouse,
      currency: vendor.currency,
      expectedDate: expectedDate ?? addDays(now, vendor.leadTimeDays),
      notes,
      createdBy: actingUserId(ctx),
    });
    addLines(em, order, lines);
    await em.flush();
    ctx.log.info({ purchaseOrderId: order.id, number: order.number }, 'purchase order created');
    return order.id;
  });
}

/** Changes a draft: its warehouse, expected date, notes, and its lines (given lines replace them all). */
export async function updatePurchaseOrder(
  ctx: RequestContext,
  id: string,
  input: { warehouseId?: string | null; expectedDate?: string | null; notes?: string | null; lines?: LineInput[] | null; expectedVersion?: number | null },
): Promise<string> {
  const expectedDate = input.expectedDate ? parseIsoDate(input.expectedDate, 'expectedDate') : null;
  const notes = input.notes !== undefined ? optionalText(input.notes, 'notes', 2000) : undefined;
  const warehouseId = input.warehouseId ? assertUuid(input.warehouseId, 'warehouseId') : null;
  // The order's currency decides the unit costs' digits: read it first, check the lines before the transaction.
  const current = isUuid(id) ? await ctx.em.findOne(PurchaseOrder, { id }) : null;
  if (!current) throw isUuid(id) ? new NotFoundError('PurchaseOrder', id) : new BadUserInputError(`id must be a UUID, got "${id}".`, { field: 'id' });
  const lines = input.lines ? parseLines(input.lines, current.currency) : null;
  if (lines) await assertKnownProducts(ctx, lines);
  ctx.em.clear();
  return ctx.em.transactional(async (em) => {
    const order = await lockPurchaseOrder(em, id);
    assertEditable(order.status);
    if (input.expectedVersion != null && input.expectedVersion !== order.version) {
      throw new ConflictError(`The purchase order was changed since version ${input.expectedVersion} (now ${order.version}): read it again.`, { field: 'expectedVersion' });
    }
    if (warehouseId) order.warehouse = await activeWarehouse(em, warehouseId);
    if (expectedDate) order.expectedDate = expectedDate;
    if (notes !== undefined) order.notes = notes;
    if (lines) {
      await order.lines.init();
      for (const line of order.lines.getItems()) em.remove(line);
      order.lines.removeAll();
      // The old lines go first: a product may stay on the order (one line per product).
      await em.flush();
      addLines(em, order, lines);
    }
    // Bump the version even when only lines changed: the order someone read is no longer the one it is.
    order.updatedAt = new Date();
    await em.flush();
    return order.id;
  });
}

/** DRAFT → SENT: the order is now the supplier's; its lines no longer change. */
export async function sendPurchaseOrder(ctx: RequestContext, id: string): Promise<string> {
  return ctx.em.transactional(async (em) => {
    const order = await lockPurchaseOrder(em, id);
    assertTransition(order.status, 'SENT', 'sent');
    order.status = 'SENT';
    order.sentAt = new Date();
    await em.flush();
    ctx.log.info({ purchaseOrderId: order.id, number: order.number }, 'purchase order sent');
    return order.id;
  });
}

/** DRAFT or SENT → CANCELLED; once goods arrived an order is not cancelled (what remains simply never comes). */
export async function cancelPurchaseOrder(ctx: RequestContext, id: string, reason?: string | null): Promise<string> {
  const why = optionalText(reason, 'reason', 500);
  return ctx.em.transactional(async (em) => {
    const order = await lockPurchaseOrder(em, id);
    assertTransition(order.status, 'CANCELLED', 'cancelled');
    order.status = 'CANCELLED';
    order.cancelledAt = new Date();
    order.cancelReason = why;
    await em.flush();
    return order.id;
  });
}
