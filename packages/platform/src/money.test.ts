import { describe, expect, it } from 'vitest';
import { addMoney, divideRounded, formatDecimal, formatMoney, money, multiplyMoney, parseDecimal } from './money.js';

describe('money', () => {
  it('keeps decimal arithmetic exact', () => {
    expect(formatMoney(addMoney(money('0.10', 'EUR'), money('0.20', 'EUR')))).toBe('0.30');
  });
  it('parses and formats with the currency minor units', () => {
    expect(money('12.5', 'EUR').minor).toBe(1250n);
    expect(money('1200', 'JPY').minor).toBe(1200n);
    expect(formatDecimal(-5n, 2)).toBe('-0.05');
    expect(formatMoney(money('3.141', 'KWD'))).toBe('3.141');
  });
  it('refuses floats in disguise and garbage', () => {
    expect(() => parseDecimal('1.005', 2)).toThrow(/more than 2 decimal places/);
    expect(() => parseDecimal('1e3', 2)).toThrow(/decimal number/);
    expect(() => money('1', 'euro')).toThrow(/ISO 4217/);
  });
  it('refuses to mix currencies', () => {
    expect(() => addMoney(money('1', 'EUR'), money('1', 'USD'))).toThrow(/EUR with USD/);
  });
  it('rounds half away from zero', () => {
    expect(divideRounded(5n, 2n)).toBe(3n);
    expect(divideRounded(-5n, 2n)).toBe(-3n);
    expect(divideRounded(4n, 3n)).toBe(1n);
    expect(formatMoney(multiplyMoney(money('10.05', 'EUR'), 2000n, 4))).toBe('2.01');
  });
});
