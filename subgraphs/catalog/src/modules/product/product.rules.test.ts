import { describe, expect, it } from 'vitest';
import { parseSku, parseUnit } from './product.rules.js';

describe('product rules', () => {
  it('normalizes SKUs and refuses odd ones', () => {
    expect(parseSku(' chair-oak-01 ')).toBe('CHAIR-OAK-01');
    expect(() => parseSku('chair oak')).toThrow(/sku must be/);
    expect(() => parseSku('')).toThrow(/sku must be/);
  });
  it('knows its units', () => {
    expect(parseUnit('KG')).toBe('kg');
    expect(() => parseUnit('parsec')).toThrow(/unit must be one of/);
  });
});
