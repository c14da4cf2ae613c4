import { invoiceIssued, invoicePaid, orderStatusChanged, paymentReceived } from '@erp/contracts';
import type { DomainEvent } from '@erp/platform';
import { describe, expect, it } from 'vitest';
import { automaticNotificationFor } from './automatic-notification.rules.js';

const event = (type: string, payload: Record<string, unknown>): DomainEvent => ({ id: 'e1', type, source: 'test', aggregateId: 'a1', payload, occurredAt: new Date(0).toISOString() });
const eur = (amount: string) => ({ amount, currency: 'EUR' });
const invoice = { invoiceId: 'i1', number: 'INV-2026-000001', customerId: 'c1', orderId: null, status: 'ISSUED', currency: 'EUR', total: eur('47.97'), amountPaid: eur('0.00'), balanceDue: eur('47.97') };

describe('automatic notifications', () => {
  it('confirms an order only when it becomes CONFIRMED', () => {
    const change = { orderId: 'o1', number: 'SO-1', customerId: 'c1', from: 'PLACED', to: 'CONFIRMED' };
    expect(automaticNotificationFor(event(orderStatusChanged.type, change))).toEqual({
      templateKey: 'order.confirmed',
      customerId: 'c1',
      data: { order: { id: 'o1', number: 'SO-1' } },
      attachments: [],
    });
    for (const to of ['PLACED', 'SHIPPED', 'CANCELLED']) expect(automaticNotificationFor(event(orderStatusChanged.type, { ...change, to }))).toBeNull();
  });

  it('attaches the PDF of an issued invoice, named by its number', () => {
    expect(automaticNotificationFor(event(invoiceIssued.type, invoice))).toMatchObject({
      templateKey: 'invoice.issued',
      customerId: 'c1',
      data: { invoice: { number: 'INV-2026-000001', total: '47.97', currency: 'EUR' } },
      attachments: [{ kind: 'invoice-pdf', invoiceId: 'i1', filename: 'INV-2026-000001.pdf' }],
    });
  });

  it('sends a receipt for a payment with its amount', () => {
    const payment = { ...invoice, paymentId: 'p1', amount: eur('47.97'), method: 'CARD', balanceDue: eur('0.00') };
    expect(automaticNotificationFor(event(paymentReceived.type, payment))).toMatchObject({
      templateKey: 'payment.received',
      data: { payment: { id: 'p1', amount: '47.97', method: 'CARD' }, invoice: { balanceDue: '0.00' } },
      attachments: [],
    });
  });

  it('ignores other events', () => {
    expect(automaticNotificationFor(event(invoicePaid.type, invoice))).toBeNull();
  });
});
