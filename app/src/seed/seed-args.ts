import { parseArgs } from 'node:util';
import { DEFAULT_SEED, type SeedSize } from './generated-scenario.js';

export const SEED_USAGE = 'usage: DATABASE_URL=… pnpm seed -- [--customers N] [--products N] [--orders-per-customer N]';

/** A command line the seed cannot run with; the CLI prints it with the usage and exits 2. */
export class SeedArgsError extends Error {}

/**
 * The seed's size from its command line. `pnpm seed -- --customers 400` hands the script the `--` as well (pnpm
 * passes everything after the script name on), and parseArgs would take it for the end of the options.
 */
export function seedSizeFromArgs(args: readonly string[]): SeedSize {
  let values: { customers: string; products: string; 'orders-per-customer': string };
  try {
    ({ values } = parseArgs({
      args: args[0] === '--' ? args.slice(1) : [...args],
      options: {
        customers: { type: 'string', default: String(DEFAULT_SEED.customers) },
        products: { type: 'string', default: String(DEFAULT_SEED.products) },
        'orders-per-customer': { type: 'string', default: String(DEFAULT_SEED.ordersPerCustomer) },
      },
    }));
  } catch (error) {
    throw new SeedArgsError((error as Error).message);
  }
  return {
    customers: wholeNumber(values.customers, 'customers', 0),
    // Every generated order picks its lines from the products.
    products: wholeNumber(values.products, 'products', 1),
    ordersPerCustomer: wholeNumber(values['orders-per-customer'], 'orders-per-customer', 0),
  };
}

function wholeNumber(value: string, option: string, min: number): number {
  if (!/^\d+$/.test(value) || Number(value) < min || !Number.isSafeInteger(Number(value))) {
    throw new SeedArgsError(`--${option} must be a whole number of at least ${min}, got "${value}".`);
  }
  return Number(value);
}
