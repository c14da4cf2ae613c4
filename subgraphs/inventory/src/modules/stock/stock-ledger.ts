import { stockChanged, stockLow, type StockMovementKind } from '@erp/contracts';
import { ConflictError, recordEvent, type EntityManager } from '@erp/platform';
import { LockMode, UniqueConstraintViolationException } from '@mikro-orm/core';
import { Warehouse } from '../warehouse/warehouse.entity.js';
import { InsufficientStockError, type ShortLine } from './insufficient-stock.error.js';
import { StockItem } from './stock-item.entity.js';
import { StockLevel } from './stock-level.entity.js';
import { StockMovement } from './stock-movement.entity.js';
import { costAfterMove, type CostState } from './stock-cost.rules.js';
import { assertMovementShape, available, crossesReorderPoint, isConsistent } from './stock.rules.js';

/** One change of one product's stock in one warehouse, with the document it comes from. */
export interface StockMove {
  productId: string;
  warehouseId: string;
  kind: StockMovementKind;
  onHandChange: number;
  reservedChange: number;
  unitCostMinor?: bigint | null;
  currency?: string | null;
  reason?: string | null;
  documentType?: string | null;
  documentId?: string | null;
}

export interface MovedStock {
  level: StockLevel;
  movement: StockMovement;
}

const keyOf = (move: { productId: string; warehouseId: string }) => `${move.productId}/${move.warehouseId}`;

/** Attempts of a move whose new level a concurrent first receipt created at the same moment. */
const CREATE_ATTEMPTS = 3;

/**
 * The only way stock changes: applies moves (at most one per product and warehouse) in one transaction, all or none.
 * The levels are locked in a fixed order (so concurrent moves of several products never deadlock) and each move is
 * checked against the level as it now is: a move that would reserve or take more than is available refuses the
 * whole call with INSUFFICIENT_STOCK, naming every short line. Each applied move appends its movement with the
 * level after it (the running balance) and records `stock.changed`, and `stock.low` when it takes available to or under
 * the reorder point. A level is created by the first move that adds stock; the product is then stock-tracked.
 * Moves that change on hand also keep the product's moving-average cost (`StockItem.valueMinor`, see
 * stock-cost.rules.ts): its row is locked after the levels, and a receipt in another currency than the stock on hand is
 * refused with CONFLICT (no currency conversion).
 */
export async function applyStockMoves(em: EntityManager, moves: readonly StockMove[], byUserId: string | null): Promise<MovedStock[]> {
  if (new Set(moves.map(keyOf)).size !== moves.length) throw new Error('applyStockMoves takes at most one move per product and warehouse.');
  moves.forEach((move) => assertMovementShape(move.kind, move.onHandChange, move.reservedChange));
  if (moves.length === 0) return [];
  // Inside a caller's transaction (a reservation, a consumed event), the caller's transaction is the unit.
  if (em.isInTransaction()) return applyInTransaction(em, moves, byUserId);
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await em.transactional((tx) => applyInTransaction(tx, moves, byUserId));
    } catch (error) {
      if (!(error instanceof UniqueConstraintViolationException) || attempt >= CREATE_ATTEMPTS) throw error;
    }
  }
}

async function applyInTransaction(em: EntityManager, moves: readonly StockMove[], byUserId: string | null): Promise<MovedStock[]> {
  const levels = await em.find(
    StockLevel,
    { $or: moves.map((move) => ({ productId: move.productId, warehouse: move.warehouseId })) },
    { lockMode: LockMode.PESSIMISTIC_WRITE, orderBy: { productId: 'asc', warehouse: 'asc' } },
  );
  const byKey = new Map(levels.map((level) => [keyOf({ productId: level.productId, warehouseId: level.warehouse.id }), level]));
  const warehouses = new Map(
    (await em.find(Warehouse, { id: [...new Set(moves.map((move) => move.warehouseId))] })).map((warehouse) => [warehouse.id, warehouse]),
  );

  const short: ShortLine[] = [];
  for (const move of moves) {
    const level = byKey.get(keyOf(move)) ?? { onHand: 0, reserved: 0 };
    const after = { onHand: level.onHand + move.onHandChange, reserved: level.reserved + move.reservedChange };
    if (!isConsistent(after)) {
      short.push({ productId: move.productId, warehouseId: move.warehouseId, requested: Math.max(move.reservedChange, -move.onHandChange), available: available(level) });
    }
  }
  if (short.length > 0) throw new InsufficientStockError(short);
  const items = await revalue(em, moves);

  const at = new Date();
  const moved: MovedStock[] = [];
  for (const move of moves) {
    const warehouse = warehouses.get(move.warehouseId);
    if (!warehouse) throw new Error(`Warehouse ${move.warehouseId} vanished while stock was moved.`);
    let level = byKey.get(keyOf(move));
    if (!level) {
      level = em.create(StockLevel, { productId: move.productId, warehouse });
      if (!items.has(move.productId)) await ensureTracked(em, move.productId);
    }
    const before = { onHand: level.onHand, reserved: level.reserved };
    level.onHand += move.onHandChange;
    level.reserved += move.reservedChange;
    const movement = em.create(StockMovement, {
      productId: move.productId,
      warehouseId: move.warehouseId,
      kind: move.kind,
      onHandChange: move.onHandChange,
      reservedChange: move.reservedChange,
      onHandAfter: level.onHand,
      reservedAfter: level.reserved,
      unitCostMinor: move.unitCostMinor ?? null,
      currency: move.currency ?? null,
      reason: move.reason ?? null,
      documentType: move.documentType ?? null,
      documentId: move.documentId ?? null,
      byUserId,
      at,
    });
    recordEvent(em, stockChanged, level.id, {
      productId: move.productId,
      warehouseId: move.warehouseId,
      warehouseCode: warehouse.code,
      kind: move.kind,
      onHandChange: move.onHandChange,
      reservedChange: move.reservedChange,
      onHand: level.onHand,
      reserved: level.reserved,
      available: available(level),
      documentType: move.documentType ?? null,
      documentId: move.documentId ?? null,
      at: at.toISOString(),
      byUserId,
    });
    if (crossesReorderPoint(before, level, level.reorderPoint)) {
      recordEvent(em, stockLow, level.id, {
        productId: move.productId,
        warehouseId: move.warehouseId,
        warehouseCode: warehouse.code,
        available: available(level),
        reorderPoint: level.reorderPoint!,
        reorderQuantity: level.reorderQuantity,
        at: at.toISOString(),
      });
    }
    moved.push({ level, movement });
  }
  await em.flush();
  return moved;
}

/**
 * The products whose on hand the moves change, locked (in product order, after their levels, so concurrent moves queue
 * rather than deadlock), with their value and cost currency updated in memory for the caller's flush. Created when new:
 * a product is stock-tracked from its first stock.
 */
async function revalue(em: EntityManager, moves: readonly StockMove[]): Promise<Map<string, StockItem>> {
  const productIds = [...new Set(moves.filter((move) => move.onHandChange !== 0).map((move) => move.productId))].sort();
  if (productIds.length === 0) return new Map();
  const found = await em.find(StockItem, { productId: productIds }, { lockMode: LockMode.PESSIMISTIC_WRITE, orderBy: { productId: 'asc' }, refresh: true });
  const items = new Map(found.map((item) => [item.productId, item]));
  for (const productId of productIds) if (!items.has(productId)) items.set(productId, em.create(StockItem, { productId }));
  // On hand over every warehouse before these moves (every writer of on hand holds the item's lock while it reads it).
  const onHand = new Map<string, number>();
  for (const level of await em.find(StockLevel, { productId: productIds }, { refresh: true })) {
    onHand.set(level.productId, (onHand.get(level.productId) ?? 0) + level.onHand);
  }
  for (const productId of productIds) {
    const item = items.get(productId)!;
    let state: CostState = { onHand: onHand.get(productId) ?? 0, valueMinor: item.valueMinor };
    let currency = item.costCurrency;
    for (const move of moves.filter((m) => m.productId === productId && m.onHandChange !== 0)) {
      const costed = move.unitCostMinor != null;
      if (costed) {
        if (!move.currency) throw new Error('A move with a unit cost names its currency.');
        if (currency !== null && currency !== move.currency && state.onHand > 0) {
          throw new ConflictError(
            `Product ${productId} has stock on hand costed in ${currency}; stock costed in ${move.currency} cannot be averaged with it (there is no currency conversion). Receive it in ${currency}, or once the product's stock is used up.`,
            { productId, costCurrency: currency, currency: move.currency },
          );
        }
        if (state.onHand === 0 || currency === null) currency = move.currency;
      }
      state = costAfterMove(state, { onHandChange: move.onHandChange, unitCostMinor: costed ? move.unitCostMinor : null, transfer: move.kind === 'TRANSFER_IN' || move.kind === 'TRANSFER_OUT' });
    }
    item.valueMinor = state.valueMinor;
    // Nothing on hand has no cost: the next receipt may bring any currency.
    item.costCurrency = state.onHand === 0 ? null : currency;
  }
  return items;
}

/** A product is stock-tracked from its first stock, unless it was marked otherwise before. */
async function ensureTracked(em: EntityManager, productId: string): Promise<void> {
  if (!(await em.findOne(StockItem, { productId }))) em.create(StockItem, { productId });
}
