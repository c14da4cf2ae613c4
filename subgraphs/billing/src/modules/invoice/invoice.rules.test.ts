import { describe, expect, it } from 'vitest';
import { addDays, assertPayment, assertVoidable, balanceDue, isOverdue, statusAfterSettlement } from './invoice.rules.js';

const amounts = (total: bigint, paid: bigint, credited = 0n) => ({ totalMinor: total, paidMinor: paid, creditedMinor: credited });

describe('invoice rules', () => {
  it('owes total minus payments minus credit notes', () => {
    expect(balanceDue(amounts(10_000n, 2_500n, 1_000n))).toBe(6_500n);
  });
  it('accepts payments up to the balance, refuses overpayment, zero and closed invoices', () => {
    expect(() => assertPayment('ISSUED', 5_000n, 5_000n)).not.toThrow();
    expect(() => assertPayment('ISSUED', 5_000n, 5_001n)).toThrow(/overpayment is refused/);
    expect(() => assertPayment('PARTIALLY_PAID', 5_000n, 0n)).toThrow(/more than zero/);
    expect(() => assertPayment('DRAFT', 5_000n, 1n)).toThrow(/DRAFT: it cannot be paid/);
    expect(() => assertPayment('PAID', 0n, 1n)).toThrow(/PAID: it cannot be paid/);
  });
  it('settles to PAID, PARTIALLY_PAID, or stays OVERDUE while money is owed', () => {
    expect(statusAfterSettlement('ISSUED', amounts(100n, 100n))).toBe('PAID');
    expect(statusAfterSettlement('ISSUED', amounts(100n, 40n))).toBe('PARTIALLY_PAID');
    expect(statusAfterSettlement('OVERDUE', amounts(100n, 40n))).toBe('OVERDUE');
    expect(statusAfterSettlement('ISSUED', amounts(100n, 0n, 100n))).toBe('PAID');
  });
  it('voids only unpaid invoices', () => {
    expect(() => assertVoidable('ISSUED', 0n)).not.toThrow();
    expect(() => assertVoidable('PARTIALLY_PAID', 1n)).toThrow(/credit note/);
    expect(() => assertVoidable('VOID', 0n)).toThrow(/VOID/);
  });
  it('is overdue after the due date', () => {
    expect(isOverdue('ISSUED', '2026-01-31', '2026-02-01')).toBe(true);
    expect(isOverdue('ISSUED', '2026-01-31', '2026-01-31')).toBe(false);
    expect(isOverdue('PAID', '2026-01-31', '2026-03-01')).toBe(false);
    expect(addDays('2026-01-31', 30)).toBe('2026-03-02');
  });
});
