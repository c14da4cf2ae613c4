import { assertUuid, BadUserInputError, ConflictError, formatDecimal, minorDigits, NotFoundError, parseDecimal, type RequestContext } from '@erp/platform';
import { ProductForStockFragmentDoc } from '../../peers/generated.js';
import { StockLevel } from '../stock/stock-level.entity.js';
import { ProductSupplier } from '../supplier/product-supplier.entity.js';
import { activeSupplier } from '../supplier/supplier.service.js';
import { activeWarehouse } from '../warehouse/warehouse.service.js';
import { PurchaseOrderLine } from './purchase-order.entity.js';
import { quantityToReorder } from './purchase-order.rules.js';
import { createPurchaseOrder } from './purchase-order.service.js';

/** Names the supplier a product is reordered from, and optionally the unit cost agreed with it (its currency). */
export async function setPreferredSupplier(ctx: RequestContext, input: { productId: string; supplierId: string; unitCost?: string | null }): Promise<ProductSupplier> {
  const productId = assertUuid(input.productId, 'productId');
  const supplier = await activeSupplier(ctx.em, input.supplierId);
  const unitCostMinor = input.unitCost != null ? parseDecimal(input.unitCost, minorDigits(supplier.currency), 'unitCost') : null;
  if (unitCostMinor !== null && unitCostMinor < 0n) throw new BadUserInputError('unitCost must not be negative.', { field: 'unitCost' });
  if (!(await ctx.peers.entity(ctx, 'catalog', ProductForStockFragmentDoc, productId))) throw new NotFoundError('Product', productId);
  return ctx.em.transactional(async (em) => {
    const preferred = (await em.findOne(ProductSupplier, { productId })) ?? em.create(ProductSupplier, { productId, supplier, currency: supplier.currency });
    preferred.supplier = supplier;
    preferred.currency = supplier.currency;
    preferred.unitCostMinor = unitCostMinor;
    await em.flush();
    return preferred;
  });
}

/**
 * A low product turned into a draft purchase order to its preferred supplier in one call: the quantity is the level's
 * reorder quantity (or enough to get available back above the reorder point), the unit cost the one agreed with the
 * supplier, else the one of its last purchase order for the product. CONFLICT, saying what to do, when the product is
 * not low there, has no preferred supplier, or no known cost.
 */
export async function createPurchaseOrderForLowStock(ctx: RequestContext, productId: string, warehouseId: string): Promise<string> {
  const product = assertUuid(productId, 'productId');
  const warehouse = await activeWarehouse(ctx.em, warehouseId);
  const level = await ctx.em.findOne(StockLevel, { productId: product, warehouse });
  const quantity = level ? quantityToReorder(level) : null;
  if (!level || quantity === null) {
    const why = !level || level.reorderPoint === null ? 'it has no reorder point there' : `${level.onHand - level.reserved} available is above its reorder point ${level.reorderPoint}`;
    throw new ConflictError(`Product ${product} is not low in warehouse ${warehouse.code}: ${why}.`, { field: 'productId' });
  }
  const preferred = await ctx.em.findOne(ProductSupplier, { productId: product }, { populate: ['supplier'] });
  if (!preferred) throw new ConflictError(`Product ${product} has no preferred supplier: name one with setPreferredSupplier.`, { field: 'productId' });
  const supplier = await activeSupplier(ctx.em, preferred.supplier.id);
  let unitCostMinor = preferred.currency === supplier.currency ? preferred.unitCostMinor : null;
  if (unitCostMinor === null) {
    const last = await ctx.em.findOne(
      PurchaseOrderLine,
      { productId: product, currency: supplier.currency, purchaseOrder: { supplier } },
      { orderBy: { purchaseOrder: { createdAt: 'desc' } } },
    );
    unitCostMinor = last?.unitCostMinor ?? null;
  }
  if (unitCostMinor === null) {
    throw new ConflictError(`No unit cost is known for product ${product} from ${supplier.name}: give one with setPreferredSupplier(unitCost).`, { field: 'productId' });
  }
  return createPurchaseOrder(ctx, {
    supplierId: supplier.id,
    warehouseId: warehouse.id,
    notes: `Reorder: available ${level.onHand - level.reserved}, reorder point ${level.reorderPoint}.`,
    lines: [{ productId: product, quantity, unitCost: formatDecimal(unitCostMinor, minorDigits(supplier.currency)) }],
  });
}
