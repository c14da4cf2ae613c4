import { OutboxEvent, ProcessedEvent, type SubgraphDefinition } from '@erp/platform';
import { catalogProductsConsumer } from './jobs/catalog-products.consumer.js';
import { orderEventsConsumer } from './jobs/order-events.consumer.js';
import { inventoryMigrations } from './migrations/index.js';
import { CatalogProduct } from './modules/catalog-product/catalog-product.entity.js';
import { Reservation } from './modules/reservation/reservation.entity.js';
import { StockItem } from './modules/stock/stock-item.entity.js';
import { StockLevel } from './modules/stock/stock-level.entity.js';
import { StockMovement } from './modules/stock/stock-movement.entity.js';
import { Warehouse } from './modules/warehouse/warehouse.entity.js';
import { inventoryPolicy } from './policy.js';
import { buildInventorySchema } from './schema.js';

export const INVENTORY_PORT = 4006;

export const inventorySubgraph: SubgraphDefinition = {
  name: 'inventory',
  defaultPort: INVENTORY_PORT,
  entities: [Warehouse, StockItem, StockLevel, StockMovement, Reservation, CatalogProduct, OutboxEvent, ProcessedEvent],
  migrations: inventoryMigrations,
  policy: inventoryPolicy,
  buildSchema: buildInventorySchema,
  start: (env) => ({ consumers: [orderEventsConsumer(env), catalogProductsConsumer(env)] }),
};
