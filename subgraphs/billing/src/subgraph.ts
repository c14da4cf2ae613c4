import { IdempotencyKey, NumberSequence, OutboxEvent, ProcessedEvent, type SubgraphDefinition } from '@erp/platform';
import { orderEventsConsumer } from './jobs/order-events.consumer.js';
import { scheduleOverdueCheck } from './jobs/overdue-check.js';
import { billingMigrations } from './migrations/index.js';
import { CreditNote } from './modules/credit-note/credit-note.entity.js';
import { InvoiceLine } from './modules/invoice/invoice-line.entity.js';
import { Invoice } from './modules/invoice/invoice.entity.js';
import { Payment } from './modules/payment/payment.entity.js';
import { invoicePdfFile } from './modules/pdf/invoice-pdf.route.js';
import { billingPolicy } from './policy.js';
import { buildBillingSchema } from './schema.js';

export const BILLING_PORT = 4005;

export const billingSubgraph: SubgraphDefinition = {
  name: 'billing',
  defaultPort: BILLING_PORT,
  entities: [Invoice, InvoiceLine, Payment, CreditNote, NumberSequence, IdempotencyKey, OutboxEvent, ProcessedEvent],
  migrations: billingMigrations,
  policy: billingPolicy,
  buildSchema: buildBillingSchema,
  start: (env) => ({
    files: { 'invoices/:id/pdf': invoicePdfFile },
    consumers: [orderEventsConsumer(env)],
    stop: scheduleOverdueCheck(env),
  }),
};
