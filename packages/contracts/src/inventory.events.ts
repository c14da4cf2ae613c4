import { defineEvent } from '@erp/platform';

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
