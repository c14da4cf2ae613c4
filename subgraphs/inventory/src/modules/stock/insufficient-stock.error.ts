import { DomainError } from '@erp/platform';

export interface ShortLine {
  productId: string;
  warehouseId: string;
  requested: number;
  available: number;
}

/** INSUFFICIENT_STOCK, naming every short line with what is available, so a client can offer what there is. */
export class InsufficientStockError extends DomainError {
  constructor(readonly lines: ShortLine[]) {
    const what = lines.map((line) => `${line.requested} of product ${line.productId} (${line.available} available)`).join(', ');
    super('INSUFFICIENT_STOCK', `Not enough stock: ${what}. Nothing was reserved or moved.`, { lines });
  }
}
