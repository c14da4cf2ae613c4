import { describe, expect, it } from 'vitest';
import { PURCHASE_ORDER_STATUSES } from '@erp/contracts';
import { DomainError } from '@erp/platform';
import { addDays, assertEditable, canTransition, orderTotalMinor, parseIsoDate, parseLines, planReceipt, quantityToReorder, remaining } from './purchase-order.rules.js';

const code = (run: () => unknown): string | null => {
  try {
    run();
    return null;
  } catch (error) {
    return error instanceof DomainError ? error.code : 'NOT_A_DOMAIN_ERROR';
  }
};

const lines = [
  { id: 'a', quantityOrdered: 10, quantityReceived: 0 },
  { id: 'b', quantityOrdered: 5, quantityReceived: 3 },
];

describe('purchase order status machine', () => {
  it('allows DRAFT → SENT → PARTIALLY_RECEIVED → RECEIVED and cancelling only a draft or a sent order', () => {
    const allowed = PURCHASE_ORDER_STATUSES.flatMap((from) => PURCHASE_ORDER_STATUSES.filter((to) => canTransition(from, to)).map((to) => `${from}→${to}`));
    expect(allowed.sort()).toEqual(
      ['DRAFT→CANCELLED', 'DRAFT→SENT', 'PARTIALLY_RECEIVED→PARTIALLY_RECEIVED', 'PARTIALLY_RECEIVED→RECEIVED', 'SENT→CANCELLED', 'SENT→PARTIALLY_RECEIVED', 'SENT→RECEIVED'].sort(),
    );
  });

  it('edits only drafts', () => {
    expect(code(() => assertEditable('DRAFT'))).toBeNull();
    for (const status of ['SENT', 'PARTIALLY_RECEIVED', 'RECEIVED', 'CANCELLED'] as const) expect(code(() => assertEditable(status))).toBe('CONFLICT');
  });
});

describe('receipts', () => {
  it('receives in parts: partial while something remains, RECEIVED when nothing does', () => {
    expect(planReceipt('SENT', lines, [{ lineId: 'a', quantity: 4 }])).toEqual({ lines: [{ lineId: 'a', quantity: 4 }], statusAfter: 'PARTIALLY_RECEIVED', complete: false });
    expect(planReceipt('PARTIALLY_RECEIVED', lines, [{ lineId: 'a', quantity: 10 }, { lineId: 'b', quantity: 2 }])).toMatchObject({ statusAfter: 'RECEIVED', complete: true });
    expect(remaining(lines[1]!)).toBe(2);
  });

  it('refuses more than remains (CONFLICT), unknown or repeated lines and bad quantities (BAD_USER_INPUT)', () => {
    expect(code(() => planReceipt('SENT', lines, [{ lineId: 'b', quantity: 3 }]))).toBe('CONFLICT');
    expect(code(() => planReceipt('SENT', lines, [{ lineId: 'x', quantity: 1 }]))).toBe('BAD_USER_INPUT');
    expect(code(() => planReceipt('SENT', lines, [{ lineId: 'a', quantity: 1 }, { lineId: 'a', quantity: 1 }]))).toBe('BAD_USER_INPUT');
    for (const quantity of [0, -1, 1.5]) expect(code(() => planReceipt('SENT', lines, [{ lineId: 'a', quantity }]))).toBe('BAD_USER_INPUT');
    expect(code(() => planReceipt('SENT', lines, []))).toBe('BAD_USER_INPUT');
  });

  it('refuses receipts for drafts, received and cancelled orders', () => {
    for (const status of ['DRAFT', 'RECEIVED', 'CANCELLED'] as const) expect(code(() => planReceipt(status, lines, [{ lineId: 'a', quantity: 1 }]))).toBe('CONFLICT');
  });
});

describe('lines and dates', () => {
  const product = '6f1c1a52-6a57-4e8e-9a0c-6f5c6b7e0a11';
  it('parses unit costs exactly in the currency’s minor units and totals them without floats', () => {
    const parsed = parseLines([{ productId: product, quantity: 7, unitCost: '10.01' }], 'EUR');
    expect(parsed).toEqual([{ productId: product, quantity: 7, unitCostMinor: 1001n }]);
    expect(orderTotalMinor([{ quantityOrdered: 3, unitCostMinor: 1000n }, { quantityOrdered: 7, unitCostMinor: 1001n }])).toBe(10007n);
    expect(parseLines([{ productId: product, quantity: 1, unitCost: '1500' }], 'JPY')[0]!.unitCostMinor).toBe(1500n);
  });

  it('refuses bad lines', () => {
    const ok = { productId: product, quantity: 1, unitCost: '1.00' };
    for (const bad of [[], [{ ...ok, unitCost: '1.001' }], [{ ...ok, unitCost: '-1' }], [{ ...ok, productId: 'x' }], [{ ...ok, quantity: 0 }], [ok, ok]]) {
      expect(code(() => parseLines(bad, 'EUR')), JSON.stringify(bad)).toBe('BAD_USER_INPUT');
    }
    expect(code(() => parseLines([{ ...ok, unitCost: '1.5' }], 'JPY'))).toBe('BAD_USER_INPUT');
  });

  it('reads ISO dates and adds days', () => {
    expect(parseIsoDate('2026-02-28', 'expectedDate')).toBe('2026-02-28');
    for (const bad of ['2026-02-30', '28.02.2026', '']) expect(code(() => parseIsoDate(bad, 'expectedDate'))).toBe('BAD_USER_INPUT');
    expect(addDays(new Date('2026-12-30T12:00:00Z'), 3)).toBe('2027-01-02');
  });
});

describe('reordering', () => {
  it('orders the reorder quantity for a low level, or enough to get back above the reorder point, and nothing otherwise', () => {
    expect(quantityToReorder({ onHand: 5, reserved: 2, reorderPoint: 3, reorderQuantity: 20 })).toBe(20);
    expect(quantityToReorder({ onHand: 5, reserved: 2, reorderPoint: 3, reorderQuantity: null })).toBe(1);
    expect(quantityToReorder({ onHand: 0, reserved: 0, reorderPoint: 10, reorderQuantity: null })).toBe(11);
    expect(quantityToReorder({ onHand: 5, reserved: 1, reorderPoint: 3, reorderQuantity: 20 })).toBeNull();
    expect(quantityToReorder({ onHand: 0, reserved: 0, reorderPoint: null, reorderQuantity: 20 })).toBeNull();
  });
});
