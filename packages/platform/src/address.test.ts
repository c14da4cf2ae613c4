import { describe, expect, it } from 'vitest';
import { parsePostalAddress } from './address.js';

describe('parsePostalAddress', () => {
  it('trims the parts, makes empty optional ones null and upper-cases the country', () => {
    expect(parsePostalAddress({ line1: ' 1 Main St ', line2: ' ', city: 'Berlin', postalCode: '10115 ', country: ' de' }, 'billingAddress')).toEqual({
      line1: '1 Main St', line2: null, city: 'Berlin', postalCode: '10115', region: null, country: 'DE',
    });
  });

  it('names the refused part under the field, with the caller’s wording for the country', () => {
    expect(() => parsePostalAddress({ line1: 'x', city: ' ', country: 'DE' }, 'shippingAddress')).toThrow('shippingAddress.city must not be empty.');
    expect(() => parsePostalAddress({ line1: 'x', city: 'y', country: 'Germany' }, 'billingAddress')).toThrow('billingAddress.country must be an ISO 3166 two-letter code such as "DE".');
    try {
      parsePostalAddress({ line1: 'x', city: 'y', country: 'D' }, 'shippingAddress', 'must be a two-letter ISO code.');
    } catch (error) {
      expect(error).toMatchObject({ message: 'shippingAddress.country must be a two-letter ISO code.', extensions: { code: 'BAD_USER_INPUT', field: 'shippingAddress.country' } });
    }
    expect.assertions(3);
  });
});
