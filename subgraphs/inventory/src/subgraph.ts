import { IdempotencyKey, NumberSequence, OutboxEvent, ProcessedEvent, type SubgraphDefinition } from '@erp/platform';
import { catalogProductsConsumer } from './jobs/catalog-products.consumer.js';
import { orderEventsConsumer } from './jobs/order-events.consumer.js';
import { scheduleUnplacedReservationSweep } from './jobs/unplaced-reservations.js';
import { inventoryMigrations } from './migrations/index.js';
import { CatalogProduct } from './modules/catalog-product/catalog-product.entity.js';
import { PurchaseOrder, PurchaseOrderLine } from './modules/purchase-order/purchase-order.entity.js';
import { Reservation } from './modules/reservation/reservation.entity.js';
import { StockItem } from './modules/stock/stock-item.entity.js';
import { StockLevel } from './modules/stock/stock-level.entity.js';
import { StockMovement } from './modules/stock/stock-movement.entity.js';
import { ProductSupplier } from './modules/supplier/product-supplier.entity.js';
import { Supplier } from './modules/supplier/supplier.entity.js';
import { Warehouse } from './modules/warehouse/warehouse.entity.js';
import { inventoryPolicy } from './policy.js';
import { buildInventorySchema } from './schema.js';

export const INVENTORY_PORT = 4006;

export const inventorySubgraph: SubgraphDefinition = {
  name: 'inventory',
  defaultPort: INVENTORY_PORT,
  entities: [
    Warehouse, StockItem, StockLevel, StockMovement, Reservation, Supplier, ProductSupplier, PurchaseOrder, PurchaseOrderLine,
    CatalogProduct, OutboxEvent, ProcessedEvent, NumberSequence, IdempotencyKey,
  ],
  migrations: inventoryMigrations,
  policy: inventoryPolicy,
  /** The sweep of unplaced reservations reads orders' statuses from sales. */
  serviceScopes: ['orders:read'],
  buildSchema: buildInventorySchema,
  start: (env) => ({ consumers: [orderEventsConsumer(env), catalogProductsConsumer(env)], stop: scheduleUnplacedReservationSweep(env) }),
};
