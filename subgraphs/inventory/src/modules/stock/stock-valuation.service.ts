import { assertUuid, divideRounded, sql, toMoneyType, type RequestContext } from '@erp/platform';
import { averageUnitCost } from './stock-cost.rules.js';
import { StockItem } from './stock-item.entity.js';
import { StockLevel } from './stock-level.entity.js';
import type { StockValuationLineType, StockValuationType } from './stock-valuation.types.js';

interface ValuationRow {
  productId: string;
  warehouseId: string;
  onHand: number;
  productOnHand: number;
  valueMinor: string | null;
  costCurrency: string | null;
}

/** A warehouse's share of a product's value: exact when it holds all of it, else rounded half away from zero. */
export function warehouseShare(valueMinor: bigint, onHand: number, productOnHand: number): bigint {
  return onHand === productOnHand ? valueMinor : divideRounded(valueMinor * BigInt(onHand), BigInt(productOnHand));
}

/**
 * The stock on hand (of one warehouse, or every one) at moving-average cost, in one statement on the read path: each
 * level with the product's value and its on hand over every warehouse (a window over all levels, before the filter).
 */
export async function stockValuation(ctx: RequestContext, warehouseId?: string | null): Promise<StockValuationType> {
  const warehouse = warehouseId ? assertUuid(warehouseId, 'warehouseId') : null;
  const rows = await ctx.db.rows<ValuationRow>(
    sql`select l.product_id as "productId", l.warehouse_id as "warehouseId", l.on_hand as "onHand", l.product_on_hand as "productOnHand",
               i.value_minor::text as "valueMinor", i.cost_currency as "costCurrency"
          from (select t.product_id, t.warehouse_id, t.on_hand, (sum(t.on_hand) over (partition by t.product_id))::int as product_on_hand
                  from ${ctx.db.table(StockLevel)}) l
          left join ${ctx.db.table(StockItem, 'i')} on i.product_id = l.product_id
         where l.on_hand > 0 and (${warehouse}::uuid is null or l.warehouse_id = ${warehouse}::uuid)
         order by l.warehouse_id, l.product_id`,
  );
  const totals = new Map<string, bigint>();
  let uncostedUnits = 0;
  const lines: StockValuationLineType[] = rows.map((row) => {
    if (!row.costCurrency || row.valueMinor === null) {
      uncostedUnits += row.onHand;
      return { productId: row.productId, warehouseId: row.warehouseId, onHand: row.onHand, averageCost: null, value: null };
    }
    const valueMinor = BigInt(row.valueMinor);
    const share = warehouseShare(valueMinor, row.onHand, row.productOnHand);
    totals.set(row.costCurrency, (totals.get(row.costCurrency) ?? 0n) + share);
    const average = averageUnitCost({ onHand: row.productOnHand, valueMinor }, row.costCurrency);
    return {
      productId: row.productId,
      warehouseId: row.warehouseId,
      onHand: row.onHand,
      averageCost: average ? { amount: average, currency: row.costCurrency } : null,
      value: toMoneyType(share, row.costCurrency),
    };
  });
  return { lines, totals: [...totals].sort(([a], [b]) => a.localeCompare(b)).map(([currency, minor]) => toMoneyType(minor, currency)), uncostedUnits };
}
