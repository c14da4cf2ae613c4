import { describe, expect, it } from 'vitest';
import { parseAddress, parseCurrency, parseTags } from './customer.rules.js';

describe('customer rules', () => {
  it('cleans tags', () => {
    expect(parseTags([' VIP ', 'vip', 'retail', ''])).toEqual(['vip', 'retail']);
    expect(() => parseTags(Array.from({ length: 51 }, (_, i) => `t${i}`))).toThrow(/at most 50 tags/);
  });
  it('validates addresses field by field', () => {
    expect(parseAddress({ line1: ' 1 Main St ', city: 'Berlin', country: 'de' }, 'billingAddress')).toEqual({
      line1: '1 Main St', line2: null, city: 'Berlin', postalCode: null, region: null, country: 'DE',
    });
    expect(() => parseAddress({ line1: 'x', city: 'y', country: 'Germany' }, 'billingAddress')).toThrow(/billingAddress.country/);
    expect(() => parseAddress({ line1: ' ', city: 'y', country: 'DE' }, 'shippingAddress')).toThrow(/shippingAddress.line1 must not be empty/);
  });
  it('accepts ISO currencies only', () => {
    expect(parseCurrency('usd')).toBe('USD');
    expect(() => parseCurrency('dollars')).toThrow(/ISO 4217/);
  });
});
