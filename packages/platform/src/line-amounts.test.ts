import { describe, expect, it } from 'vitest';
import { lineAmounts } from './line-amounts.js';

describe('lineAmounts', () => {
  it('takes the discount off unit price × quantity and rounds the tax of the line half away from zero', () => {
    expect(lineAmounts(1999n, 3, 0n, 2000)).toEqual({ netMinor: 5997n, taxMinor: 1199n });
    expect(lineAmounts(449n, 1, 50n, 700)).toEqual({ netMinor: 399n, taxMinor: 28n });
    expect(lineAmounts(335n, 3, 0n, 750)).toEqual({ netMinor: 1005n, taxMinor: 75n });
  });

  it('has no tax at a zero rate and nothing at all for a fully discounted line', () => {
    expect(lineAmounts(1000n, 2, 0n, 0)).toEqual({ netMinor: 2000n, taxMinor: 0n });
    expect(lineAmounts(1000n, 2, 2000n, 2000)).toEqual({ netMinor: 0n, taxMinor: 0n });
  });
});
