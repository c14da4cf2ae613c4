import { IdempotencyKey, NumberSequence, OutboxEvent, type SubgraphDefinition } from '@erp/platform';
import { salesMigrations } from './migrations/index.js';
import { OrderLine } from './modules/order/order-line.entity.js';
import { OrderStatusChange } from './modules/order/order-status-change.entity.js';
import { Order } from './modules/order/order.entity.js';
import { Shipment } from './modules/order/shipment.entity.js';
import { buildSalesSchema } from './schema.js';
import { salesPolicy } from './policy.js';

export const SALES_PORT = 4004;

export const salesSubgraph: SubgraphDefinition = {
  name: 'sales',
  defaultPort: SALES_PORT,
  entities: [Order, OrderLine, OrderStatusChange, Shipment, NumberSequence, IdempotencyKey, OutboxEvent],
  migrations: salesMigrations,
  policy: salesPolicy,
  buildSchema: buildSalesSchema,
};
