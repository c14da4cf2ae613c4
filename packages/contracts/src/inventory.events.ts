import { defineEvent, type MoneyType } from '@erp/platform';

/** Why stock moved: each movement is one of these, with the document it came from. */
export const STOCK_MOVEMENT_KINDS = ['RECEIPT', 'ISSUE', 'TRANSFER_OUT', 'TRANSFER_IN', 'ADJUSTMENT', 'RESERVATION', 'RELEASE'] as const;
export type StockMovementKind = (typeof STOCK_MOVEMENT_KINDS)[number];

/** A product's stock in one warehouse after a change: available = onHand − reserved. */
export interface StockChanged {
  productId: string;
  warehouseId: string;
  warehouseCode: string;
  kind: StockMovementKind;
  /** Signed change of on hand and of reserved by this movement. */
  onHandChange: number;
  reservedChange: number;
  onHand: number;
  reserved: number;
  available: number;
  /** The document the change came from: an order, a purchase order, a transfer, an adjustment. */
  documentType: string | null;
  documentId: string | null;
  at: string;
  byUserId: string | null;
}

/** Available stock fell to or under the reorder point of the product in that warehouse. */
export interface StockLow {
  productId: string;
  warehouseId: string;
  warehouseCode: string;
  available: number;
  reorderPoint: number;
  reorderQuantity: number | null;
  at: string;
}

export const stockChanged = defineEvent<StockChanged>('stock.changed');
export const stockLow = defineEvent<StockLow>('stock.low');

/** DRAFT → SENT → PARTIALLY_RECEIVED → RECEIVED; CANCELLED from DRAFT or SENT. */
export const PURCHASE_ORDER_STATUSES = ['DRAFT', 'SENT', 'PARTIALLY_RECEIVED', 'RECEIVED', 'CANCELLED'] as const;
export type PurchaseOrderStatus = (typeof PURCHASE_ORDER_STATUSES)[number];

/** One line of a receipt: what arrived of one purchase order line, at the line's unit cost. */
export interface ReceivedLine {
  lineId: string;
  productId: string;
  quantity: number;
  unitCost: MoneyType;
  /** quantity × unit cost. */
  total: MoneyType;
  /** Still to come on this line after this receipt. */
  remaining: number;
}

/** Goods of a purchase order arrived in its warehouse: one event per receipt, partial or complete. */
export interface PurchaseOrderReceived {
  purchaseOrderId: string;
  number: string;
  supplierId: string;
  supplierName: string;
  warehouseId: string;
  warehouseCode: string;
  /** True when this receipt completed the order (status RECEIVED); false for a partial receipt. */
  complete: boolean;
  status: PurchaseOrderStatus;
  lines: ReceivedLine[];
  /** The value of this receipt: the sum of its lines. */
  total: MoneyType;
  at: string;
  byUserId: string | null;
}

export const purchaseOrderReceived = defineEvent<PurchaseOrderReceived>('po.received');
