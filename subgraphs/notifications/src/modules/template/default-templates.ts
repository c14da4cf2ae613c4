import { randomUUID } from 'node:crypto';
import type { Channel } from '@erp/contracts';
import type { EntityManager } from '@erp/platform';
import { NotificationTemplate } from './notification-template.entity.js';

export const ORDER_CONFIRMED = 'order.confirmed';
export const INVOICE_ISSUED = 'invoice.issued';
export const PAYMENT_RECEIVED = 'payment.received';

interface DefaultTemplate {
  key: string;
  channel: Channel;
  subject: string;
  body: string;
}

/** The automatic notifications' texts; staff may edit them, a start never overwrites their edits. */
export const DEFAULT_TEMPLATES: DefaultTemplate[] = [
  {
    key: ORDER_CONFIRMED,
    channel: 'EMAIL',
    subject: 'Your order {{ order.number }} is confirmed',
    body: 'Hello {{ customer.name }},\n\nthank you for your order {{ order.number }}. We have confirmed it and will let you know when it ships.\n\nKind regards',
  },
  {
    key: INVOICE_ISSUED,
    channel: 'EMAIL',
    subject: 'Invoice {{ invoice.number }}',
    body: 'Hello {{ customer.name }},\n\nplease find attached invoice {{ invoice.number }} over {{ invoice.total }} {{ invoice.currency }}.\n\nKind regards',
  },
  {
    key: PAYMENT_RECEIVED,
    channel: 'EMAIL',
    subject: 'Payment received for invoice {{ invoice.number }}',
    body:
      'Hello {{ customer.name }},\n\nwe received your payment of {{ payment.amount }} {{ invoice.currency }} for invoice {{ invoice.number }}. ' +
      'Balance due: {{ invoice.balanceDue }} {{ invoice.currency }}.\n\nThank you',
  },
];

/** Creates the default templates that are missing; concurrent starts insert each at most once (unique key). */
export async function ensureDefaultTemplates(em: EntityManager): Promise<number> {
  const now = new Date();
  const rows = DEFAULT_TEMPLATES.map((t) => ({ ...t, id: randomUUID(), active: true, createdAt: now, updatedAt: now, version: 1 }));
  const result = await em.createQueryBuilder(NotificationTemplate).insert(rows).onConflict(['key', 'channel']).ignore().execute('run');
  return result.affectedRows;
}
