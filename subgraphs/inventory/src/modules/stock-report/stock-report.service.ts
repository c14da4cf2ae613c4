import {
  allOf,
  assertUuid,
  BadUserInputError,
  decodeCursor,
  encodeCursor,
  onDemand,
  pageSize,
  paginateRows,
  raw,
  sql,
  type Connection,
  type PageRequest,
  type RequestContext,
  type Row,
} from '@erp/platform';
import { CatalogProduct } from '../catalog-product/catalog-product.entity.js';
import type { StockLevelRow } from '../stock/stock-query.service.js';
import { StockLevel } from '../stock/stock-level.entity.js';
import { StockMovement } from '../stock/stock-movement.entity.js';
import { StockMovementOrder } from './stock-report.types.js';

/** Properties the computed fields of StockLevel read, for `requestedFields`. */
export const LEVEL_FIELD_NEEDS = { available: ['onHand', 'reserved'], warehouse: ['warehouseId'], product: ['productId'] };
/** Properties the computed fields of StockMovement read. */
export const MOVEMENT_FIELD_NEEDS = { warehouse: ['warehouseId'], product: ['productId'] };

export interface StockLevelFilterInput {
  warehouseId?: string | null;
  productId?: string | null;
  low?: boolean | null;
  outOfStock?: boolean | null;
  categoryId?: string | null;
}

const optionalUuid = (value: string | null | undefined, field: string) => (value == null ? null : assertUuid(value, field));

/**
 * Stock levels by the filter, most recently changed first: one statement for the page (and one for `totalCount` when
 * selected). Low and out of stock are conditions on the level's own columns; the category is read from inventory's
 * projection of catalog's products, so the whole filter stays one statement in inventory's schema.
 */
export function listStockLevels(ctx: RequestContext, filter: StockLevelFilterInput, page: PageRequest, fields: readonly string[]): Promise<Connection<StockLevelRow>> {
  const warehouseId = optionalUuid(filter.warehouseId, 'filter.warehouseId');
  const productId = optionalUuid(filter.productId, 'filter.productId');
  const categoryId = optionalUuid(filter.categoryId, 'filter.categoryId');
  const onHand = ctx.db.column(StockLevel, 'onHand');
  const reserved = ctx.db.column(StockLevel, 'reserved');
  const reorderPoint = ctx.db.column(StockLevel, 'reorderPoint');
  const low = sql`${reorderPoint} is not null and ${onHand} - ${reserved} <= ${reorderPoint}`;
  const outOfStock = sql`${onHand} - ${reserved} <= 0`;
  return paginateRows<StockLevelRow & { id: string }>({
    db: ctx.db,
    entity: StockLevel,
    fields,
    where: [
      warehouseId && sql`${ctx.db.column(StockLevel, 'warehouseId')} = ${warehouseId}`,
      productId && sql`${ctx.db.column(StockLevel, 'productId')} = ${productId}`,
      filter.low === true && low,
      filter.low === false && sql`not (${low})`,
      filter.outOfStock === true && outOfStock,
      filter.outOfStock === false && sql`not (${outOfStock})`,
      categoryId &&
        sql`${ctx.db.column(StockLevel, 'productId')} in (select ${ctx.db.column(CatalogProduct, 'id', 'c')} from ${ctx.db.table(CatalogProduct, 'c')}
              where ${ctx.db.column(CatalogProduct, 'categoryId', 'c')} = ${categoryId})`,
    ],
    sort: { field: 'updatedAt', direction: 'DESC' },
    page,
  }) as Promise<Connection<StockLevelRow>>;
}

export type StockMovementRow = Row<StockMovement> & { productId: string; warehouseId: string; totalOnHandAfter: number };

/**
 * A product's movements, newest or oldest first, keyset-paged by their sequence (the order they were written, which
 * is the order of the running balances). `totalOnHandAfter` is the running sum of on hand over every warehouse, a
 * window over the product's movements in sequence order, computed before the warehouse filter so that it stays the
 * product's total. One statement per page (the window reads the product's whole history through the
 * (product_id, sequence) index; fine for thousands of movements per product, a stored total if that ever hurts).
 */
export async function listStockMovements(
  ctx: RequestContext,
  args: { productId: string; warehouseId?: string | null; order?: StockMovementOrder | null },
  page: PageRequest,
  fields: readonly string[],
): Promise<Connection<StockMovementRow>> {
  const productId = assertUuid(args.productId, 'productId');
  const warehouseId = optionalUuid(args.warehouseId, 'warehouseId');
  const newestFirst = (args.order ?? StockMovementOrder.NEWEST_FIRST) === StockMovementOrder.NEWEST_FIRST;
  const limit = pageSize(page.first);
  const sortKey = `sequence:${newestFirst ? 'DESC' : 'ASC'}`;
  const after = page.after ? decodeCursor(page.after, sortKey) : null;
  const afterSequence = after ? cursorSequence(after.value) : null;

  const db = ctx.db;
  const sequence = db.column(StockMovement, 'sequence');
  const direction = raw(newestFirst ? 'desc' : 'asc');
  const history = sql`select ${db.columns(StockMovement, ['sequence', 'productId', 'warehouseId', 'onHandChange', ...fields], 'm')},
                             (sum(${db.column(StockMovement, 'onHandChange', 'm')}) over (order by ${db.column(StockMovement, 'sequence', 'm')}))::int as "totalOnHandAfter"
                        from ${db.table(StockMovement, 'm')}
                       where ${db.column(StockMovement, 'productId', 'm')} = ${productId}`;
  const inWarehouse = warehouseId && sql`t."warehouseId" = ${warehouseId}`;
  const seek = afterSequence !== null && (newestFirst ? sql`t."sequence" < ${afterSequence}::bigint` : sql`t."sequence" > ${afterSequence}::bigint`);
  const rows = await db.rows<StockMovementRow>(
    sql`select t.* from (${history}) t where ${allOf([inWarehouse, seek])} order by t."sequence" ${direction} limit ${limit + 1}`,
  );
  const totalCount = onDemand(async () => {
    const where = allOf([
      sql`${db.column(StockMovement, 'productId')} = ${productId}`,
      warehouseId && sql`${db.column(StockMovement, 'warehouseId')} = ${warehouseId}`,
    ]);
    return (await db.first<{ count: number }>(sql`select count(*)::int as count from ${db.table(StockMovement)} where ${where}`))?.count ?? 0;
  });
  const edges = rows.slice(0, limit).map((node) => ({ node, cursor: encodeCursor({ sort: sortKey, value: String(node.sequence), id: node.id }) }));
  return {
    edges,
    totalCount,
    pageInfo: { hasNextPage: rows.length > limit, hasPreviousPage: after !== null, startCursor: edges[0]?.cursor ?? null, endCursor: edges.at(-1)?.cursor ?? null },
  };
}

function cursorSequence(value: string | number | null): string {
  if (typeof value !== 'string' || !/^\d{1,18}$/.test(value)) throw new BadUserInputError('after is not a cursor this API returned.', { field: 'after' });
  return value;
}
