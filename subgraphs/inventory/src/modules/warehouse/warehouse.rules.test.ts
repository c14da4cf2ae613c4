import { describe, expect, it } from 'vitest';
import { parseWarehouseCode } from './warehouse.rules.js';

describe('parseWarehouseCode', () => {
  it('keeps codes upper-case and trimmed', () => {
    expect(parseWarehouseCode(' ber-1 ')).toBe('BER-1');
  });
  it('refuses empty, long or odd codes, naming the field', () => {
    for (const bad of ['', ' ', 'a b', 'x'.repeat(33), 'Ü1', '-A']) expect(() => parseWarehouseCode(bad)).toThrow(/code must be/);
  });
});
