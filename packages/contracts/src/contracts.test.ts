import { defineEvent, isEvent, recordEvent, type DomainEvent, type EntityManager, type EventContract } from '@erp/platform';
import { describe, expect, it } from 'vitest';
import * as contracts from './index.js';
import { orderStatusChanged, type OrderStatusChanged } from './sales.events.js';

// The `@ts-expect-error` lines below are the type-level half of these tests: the package's typecheck
// (tsconfig.typecheck.json, part of `pnpm typecheck` and CI) fails if any of them compiles.

const eur = (amount: string) => ({ amount, currency: 'EUR' });
const change: OrderStatusChanged = {
  orderId: 'o1',
  number: 'SO-2026-000001',
  customerId: 'c1',
  currency: 'EUR',
  subtotal: eur('10.00'),
  tax: eur('2.00'),
  total: eur('12.00'),
  lines: [{ productId: 'p1', sku: 'P-1', name: 'Widget', quantity: 1, unitPrice: eur('10.00'), taxRate: '20', discount: eur('0.00'), net: eur('10.00'), tax: eur('2.00') }],
  from: 'PLACED',
  to: 'CONFIRMED',
  at: new Date(0).toISOString(),
  byUserId: null,
};
const received: DomainEvent = { id: 'e1', type: 'order.status_changed', source: 'sales', aggregateId: 'o1', payload: change, occurredAt: new Date(0).toISOString() };

/** A consumer as subgraphs write them: the payload is read through the guard, typed by the producer's contract. */
function confirmedOrderNumber(event: DomainEvent): string | null {
  if (!isEvent(event, orderStatusChanged) || event.payload.to !== 'CONFIRMED') return null;
  return event.payload.number;
}

/** Never called: what a producer may not record, checked by the compiler only. */
export function refusedRecordings(em: EntityManager): void {
  // @ts-expect-error a payload missing a field of the contract
  recordEvent(em, orderStatusChanged, 'o1', { orderId: 'o1', to: 'CONFIRMED' });
  // @ts-expect-error a field the contract does not have
  recordEvent(em, orderStatusChanged, 'o1', { ...change, discountCode: 'SPRING' });
  // @ts-expect-error money as a bare string instead of { amount, currency }
  recordEvent(em, orderStatusChanged, 'o1', { ...change, total: '12.00' });
  // @ts-expect-error a name instead of a contract
  recordEvent(em, 'order.status_changed', 'o1', change);
}

describe('event contracts', () => {
  it('give a consumer the payload its producer records', () => {
    expect(confirmedOrderNumber(received)).toBe('SO-2026-000001');
    expect(confirmedOrderNumber({ ...received, type: 'order.placed' })).toBeNull();
  });

  it('stop compiling a consumer that reads a field its producer’s contract no longer has', () => {
    // The producer's contract as it would be after dropping `number`:
    const withoutNumber = defineEvent<Omit<OrderStatusChanged, 'number'>>(orderStatusChanged.type);
    expect(isEvent(received, withoutNumber)).toBe(true);
    if (isEvent(received, withoutNumber)) {
      // @ts-expect-error `number` is not in the contract any more
      expect(received.payload.number).toBeDefined();
    }
    // And without the guard a payload cannot be read at all.
    // @ts-expect-error the payload of an unmatched event is `unknown`
    expect(received.payload.number).toBe('SO-2026-000001');
  });

  it('name every event once, as <aggregate>.<past-tense verb>', () => {
    const names = Object.values(contracts as Record<string, unknown>)
      .filter((value): value is EventContract<unknown> => typeof value === 'object' && value !== null && 'type' in value)
      .map((contract) => contract.type);
    expect(names.length).toBeGreaterThan(0);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(name).toMatch(/^[a-z]+\.[a-z_]+$/);
  });
});
