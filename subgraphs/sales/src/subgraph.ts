import { IdempotencyKey, NumberSequence, OutboxEvent, ProcessedEvent, type SubgraphDefinition } from '@erp/platform';
import { orderInvoicesConsumer } from './jobs/order-invoices.consumer.js';
import { productNamesConsumer } from './jobs/product-names.consumer.js';
import { salesMigrations } from './migrations/index.js';
import { OrderInvoice } from './modules/copies/order-invoice.entity.js';
import { ProductName } from './modules/copies/product-name.entity.js';
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
  entities: [Order, OrderLine, OrderStatusChange, Shipment, ProductName, OrderInvoice, NumberSequence, IdempotencyKey, OutboxEvent, ProcessedEvent],
  migrations: salesMigrations,
  policy: salesPolicy,
  buildSchema: buildSalesSchema,
  /** Copies of what sales shows of other domains' entities without asking them (`@provides`). */
  start: (env) => ({ consumers: [productNamesConsumer(env), orderInvoicesConsumer(env)] }),
};
