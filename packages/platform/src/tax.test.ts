import { describe, expect, it } from 'vitest';
import { formatTaxRate, parseTaxRate, taxOn } from './tax.js';

describe('tax', () => {
  it('parses percentages into hundredths and back', () => {
    expect(parseTaxRate('20')).toBe(2000);
    expect(parseTaxRate('7.5')).toBe(750);
    expect(formatTaxRate(2000)).toBe('20');
    expect(formatTaxRate(750)).toBe('7.5');
    expect(formatTaxRate(0)).toBe('0');
    expect(formatTaxRate(5)).toBe('0.05');
  });
  it('refuses rates outside 0–100 % or too precise', () => {
    expect(() => parseTaxRate('120')).toThrow(/0 to 100/);
    expect(() => parseTaxRate('-1')).toThrow(/0 to 100/);
    expect(() => parseTaxRate('7.125')).toThrow(/more than 2 decimal places/);
  });
  it('rounds tax per line half away from zero', () => {
    expect(taxOn(1_005n, 2000)).toBe(201n);
    expect(taxOn(1_002n, 2000)).toBe(200n);
    expect(taxOn(999n, 750)).toBe(75n);
  });
});
