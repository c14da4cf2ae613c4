import { describe, expect, it } from 'vitest';
import { DEFAULT_SEED } from './generated-scenario.js';
import { SeedArgsError, seedSizeFromArgs } from './seed-args.js';

describe('seedSizeFromArgs', () => {
  it('reads the sizes after the `--` pnpm passes on', () => {
    expect(seedSizeFromArgs(['--', '--customers', '20', '--orders-per-customer', '2'])).toEqual({ customers: 20, products: DEFAULT_SEED.products, ordersPerCustomer: 2 });
  });

  it('reads the sizes without a `--` too, and defaults the rest', () => {
    expect(seedSizeFromArgs(['--products=5'])).toEqual({ ...DEFAULT_SEED, products: 5 });
    expect(seedSizeFromArgs([])).toEqual(DEFAULT_SEED);
  });

  it('refuses what is not a whole number', () => {
    for (const value of ['many', '2.5', '-3', '', '1e3']) {
      expect(() => seedSizeFromArgs(['--customers', value])).toThrow(SeedArgsError);
    }
    expect(() => seedSizeFromArgs(['--products', '0'])).toThrow(/--products must be a whole number of at least 1, got "0"/);
  });

  it('refuses unknown options and stray arguments', () => {
    expect(() => seedSizeFromArgs(['--customer', '3'])).toThrow(SeedArgsError);
    expect(() => seedSizeFromArgs(['--', '20'])).toThrow(SeedArgsError);
  });
});
