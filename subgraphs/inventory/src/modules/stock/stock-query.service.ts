import { sql, rowPerKey, rowsPerKey, toMoneyType, type RequestContext, type Row } from '@erp/platform';
import { averageUnitCost } from './stock-cost.rules.js';
import { available } from './stock.rules.js';
import { StockItem } from './stock-item.entity.js';
import { StockLevel } from './stock-level.entity.js';
import type { ProductStockType } from './stock.types.js';

export type StockLevelRow = Row<StockLevel> & { warehouseId?: string };

const LEVEL_FIELDS = ['productId', 'warehouseId', 'onHand', 'reserved', 'reorderPoint', 'reorderQuantity', 'updatedAt'];

/**
 * A product's stock over its warehouses: two statements per batch of products whatever their number (the levels of
 * every product, and which of them are tracked).
 */
export async function productStock(ctx: RequestContext, productId: string): Promise<ProductStockType> {
  const [levels, item] = await Promise.all([
    rowsPerKey<StockLevelRow & { productId: string }>(ctx, StockLevel, 'productId', LEVEL_FIELDS, { orderBy: sql`t.warehouse_id` }).load(productId),
    rowPerKey<Row<StockItem> & { productId: string }>(ctx, StockItem, 'productId', ['tracked', 'valueMinor', 'costCurrency']).load(productId),
  ]);
  const onHand = levels.reduce((sum, level) => sum + level.onHand!, 0);
  const reserved = levels.reduce((sum, level) => sum + level.reserved!, 0);
  const currency = item?.costCurrency ?? null;
  const cost = { onHand, valueMinor: item?.valueMinor ?? 0n };
  const average = currency ? averageUnitCost(cost, currency) : null;
  return {
    tracked: item?.tracked ?? false,
    onHand,
    reserved,
    available: available({ onHand, reserved }),
    byWarehouse: levels as ProductStockType['byWarehouse'],
    averageCost: currency && average ? { amount: average, currency } : null,
    value: currency ? toMoneyType(cost.valueMinor, currency) : null,
  };
}
