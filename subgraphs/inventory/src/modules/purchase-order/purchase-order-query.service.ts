import type { PurchaseOrderStatus } from '@erp/contracts';
import { assertUuid, paginateRows, rowById, rowPerKey, rowsPerKey, sql, type Connection, type Loader, type PageRequest, type RequestContext, type Row } from '@erp/platform';
import { PurchaseOrder, PurchaseOrderLine } from './purchase-order.entity.js';

export type PurchaseOrderRow = Row<PurchaseOrder> & { supplierId?: string; warehouseId?: string };
export type PurchaseOrderLineRow = Row<PurchaseOrderLine> & { purchaseOrderId?: string };

/** Properties the computed fields of PurchaseOrder and its lines read, for `requestedFields`. */
export const PURCHASE_ORDER_FIELD_NEEDS = { supplier: ['supplierId'], warehouse: ['warehouseId'], total: ['currency'] };
export const PURCHASE_ORDER_LINE_FIELD_NEEDS = {
  product: ['productId'],
  unitCost: ['unitCostMinor', 'currency'],
  total: ['quantityOrdered', 'unitCostMinor', 'currency'],
  quantityRemaining: ['quantityOrdered', 'quantityReceived'],
};
/** What an order's total reads of its lines (one loader for every order of a page). */
export const TOTAL_LINE_FIELDS = ['quantityOrdered', 'unitCostMinor'];

export function findPurchaseOrder(ctx: RequestContext, id: string, fields: readonly string[]): Promise<PurchaseOrderRow> {
  return rowById<PurchaseOrderRow>(ctx, PurchaseOrder, id, fields);
}

export function purchaseOrderLoader(ctx: RequestContext, fields: readonly string[]): Loader<string, PurchaseOrderRow | null> {
  return rowPerKey<PurchaseOrderRow>(ctx, PurchaseOrder, 'id', fields);
}

export function listPurchaseOrders(
  ctx: RequestContext,
  filter: { status?: PurchaseOrderStatus | null; supplierId?: string | null; warehouseId?: string | null },
  page: PageRequest,
  fields: readonly string[],
): Promise<Connection<PurchaseOrderRow>> {
  const supplierId = filter.supplierId ? assertUuid(filter.supplierId, 'supplierId') : null;
  const warehouseId = filter.warehouseId ? assertUuid(filter.warehouseId, 'warehouseId') : null;
  return paginateRows<PurchaseOrderRow>({
    db: ctx.db,
    entity: PurchaseOrder,
    fields,
    where: [filter.status && sql`t.status = ${filter.status}`, supplierId && sql`t.supplier_id = ${supplierId}`, warehouseId && sql`t.warehouse_id = ${warehouseId}`],
    sort: { field: 'createdAt', direction: 'DESC' },
    page,
  });
}

/** Lines of many orders in one statement, in their order. */
export function purchaseOrderLinesLoader(ctx: RequestContext, fields: readonly string[]): Loader<string, PurchaseOrderLineRow[]> {
  return rowsPerKey<PurchaseOrderLineRow & { purchaseOrderId: string }>(ctx, PurchaseOrderLine, 'purchaseOrderId', fields, { orderBy: sql`t.position` });
}
