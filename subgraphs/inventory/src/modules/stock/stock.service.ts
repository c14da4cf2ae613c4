import { actingUserId, assertUuid, BadUserInputError, ConflictError, NotFoundError, optionalText, requiredText, type RequestContext } from '@erp/platform';
import { ProductForStockFragmentDoc } from '../../peers/generated.js';
import { activeWarehouse } from '../warehouse/warehouse.service.js';
import { StockItem } from './stock-item.entity.js';
import { StockLevel } from './stock-level.entity.js';
import { applyStockMoves } from './stock-ledger.js';
import { signedQuantity, wholeQuantity } from './stock.rules.js';


/** The product must exist in catalog (read as the caller, before any transaction). */
async function knownProduct(ctx: RequestContext, productId: string): Promise<string> {
  const id = assertUuid(productId, 'productId');
  const product = await ctx.peers.entity(ctx, 'catalog', ProductForStockFragmentDoc, id);
  if (!product) throw new NotFoundError('Product', id);
  return id;
}

/** Counts found more or less than the books say, damage, samples: a positive quantity adds stock. */
export async function adjustStock(ctx: RequestContext, input: { productId: string; warehouseId: string; quantity: number; reason: string }): Promise<StockLevel> {
  const quantity = signedQuantity(input.quantity, 'quantity');
  const reason = requiredText(input.reason, 'reason', 500);
  const productId = await knownProduct(ctx, input.productId);
  const warehouse = await activeWarehouse(ctx.em, input.warehouseId);
  const [moved] = await applyStockMoves(
    ctx.em,
    [{ productId, warehouseId: warehouse.id, kind: 'ADJUSTMENT', onHandChange: quantity, reservedChange: 0, reason, documentType: 'ADJUSTMENT' }],
    actingUserId(ctx),
  );
  ctx.log.info({ productId, warehouseId: warehouse.id, quantity }, 'stock adjusted');
  return moved!.level;
}

/** Moves available stock from one warehouse to another in one step: out of one, into the other, or neither. */
export async function transferStock(
  ctx: RequestContext,
  input: { productId: string; fromWarehouseId: string; toWarehouseId: string; quantity: number; reason?: string | null },
): Promise<StockLevel[]> {
  const quantity = wholeQuantity(input.quantity, 'quantity');
  const reason = optionalText(input.reason, 'reason', 500);
  const productId = await knownProduct(ctx, input.productId);
  const from = await activeWarehouse(ctx.em, input.fromWarehouseId, 'fromWarehouseId');
  const to = await activeWarehouse(ctx.em, input.toWarehouseId, 'toWarehouseId');
  if (from.id === to.id) throw new BadUserInputError('A transfer goes to another warehouse.', { field: 'toWarehouseId' });
  const documentId = crypto.randomUUID();
  const moved = await applyStockMoves(
    ctx.em,
    [
      { productId, warehouseId: from.id, kind: 'TRANSFER_OUT', onHandChange: -quantity, reservedChange: 0, reason, documentType: 'TRANSFER', documentId },
      { productId, warehouseId: to.id, kind: 'TRANSFER_IN', onHandChange: quantity, reservedChange: 0, reason, documentType: 'TRANSFER', documentId },
    ],
    actingUserId(ctx),
  );
  return moved.map((m) => m.level);
}

/** Marks a product stock-tracked or not (a service): an untracked product is never reserved or refused for stock. */
export async function setStockTracking(ctx: RequestContext, productId: string, tracked: boolean): Promise<StockItem> {
  const id = await knownProduct(ctx, productId);
  return ctx.em.transactional(async (em) => {
    const item = (await em.findOne(StockItem, { productId: id })) ?? em.create(StockItem, { productId: id });
    if (!tracked && item.tracked) {
      const reserved = await em.count(StockLevel, { productId: id, reserved: { $gt: 0 } });
      if (reserved > 0) throw new ConflictError('The product has stock reserved for orders; release or ship them first.', { field: 'tracked' });
    }
    item.tracked = tracked;
    await em.flush();
    return item;
  });
}

/** The reorder point and quantity of a product in a warehouse (null clears them). */
export async function setReorderPoint(
  ctx: RequestContext,
  input: { productId: string; warehouseId: string; reorderPoint?: number | null; reorderQuantity?: number | null },
): Promise<StockLevel> {
  const reorderPoint = input.reorderPoint == null ? null : wholeQuantity(input.reorderPoint, 'reorderPoint', 0);
  const reorderQuantity = input.reorderQuantity == null ? null : wholeQuantity(input.reorderQuantity, 'reorderQuantity');
  const productId = await knownProduct(ctx, input.productId);
  const warehouse = await activeWarehouse(ctx.em, input.warehouseId);
  return ctx.em.transactional(async (em) => {
    let level = await em.findOne(StockLevel, { productId, warehouse });
    if (!level) {
      level = em.create(StockLevel, { productId, warehouse });
      if (!(await em.findOne(StockItem, { productId }))) em.create(StockItem, { productId });
    }
    level.reorderPoint = reorderPoint;
    level.reorderQuantity = reorderQuantity;
    await em.flush();
    return level;
  });
}
