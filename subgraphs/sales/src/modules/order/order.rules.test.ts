import { describe, expect, it } from 'vitest';
import { ORDER_STATUSES } from '@erp/contracts';
import { assertTransition, canTransition, lineAmounts, orderTotals } from './order.rules.js';

describe('order status machine', () => {
  it('walks the happy path one step at a time', () => {
    expect(canTransition('DRAFT', 'PLACED')).toBe(true);
    expect(canTransition('PLACED', 'CONFIRMED')).toBe(true);
    expect(canTransition('CONFIRMED', 'SHIPPED')).toBe(true);
    expect(canTransition('SHIPPED', 'DELIVERED')).toBe(true);
    expect(canTransition('DRAFT', 'CONFIRMED')).toBe(false);
  });
  it('cancels only before shipping', () => {
    for (const status of ['DRAFT', 'PLACED', 'CONFIRMED'] as const) expect(canTransition(status, 'CANCELLED')).toBe(true);
    for (const status of ['SHIPPED', 'DELIVERED', 'CANCELLED'] as const) expect(canTransition(status, 'CANCELLED')).toBe(false);
  });
  it('never leaves a final state', () => {
    for (const to of ORDER_STATUSES) {
      expect(canTransition('DELIVERED', to)).toBe(false);
      expect(canTransition('CANCELLED', to)).toBe(false);
    }
  });
  it('says why a transition is refused, with the current status', () => {
    expect(() => assertTransition('SHIPPED', 'CANCELLED')).toThrow(/The order is SHIPPED and cannot become CANCELLED; it can go to DELIVERED/);
    try {
      assertTransition('DELIVERED', 'PLACED');
    } catch (error) {
      expect((error as { extensions: Record<string, unknown> }).extensions).toMatchObject({ code: 'CONFLICT', currentStatus: 'DELIVERED' });
    }
  });
});

describe('order amounts', () => {
  it('computes lines and totals in minor units with per-line tax rounding', () => {
    const a = lineAmounts(1999n, 3, 0n, 2000);
    const b = lineAmounts(449n, 1, 50n, 700);
    expect(a).toEqual({ netMinor: 5997n, taxMinor: 1199n });
    expect(b).toEqual({ netMinor: 399n, taxMinor: 28n });
    expect(orderTotals([a, b])).toEqual({ subtotalMinor: 6396n, taxMinor: 1227n, totalMinor: 7623n });
  });
});
