import { taxOn } from './tax.js';

export interface LineAmounts {
  netMinor: bigint;
  taxMinor: bigint;
}

/** net = unit price × quantity − discount; tax is rounded per line, as the invoice prints it. */
export function lineAmounts(unitPriceMinor: bigint, quantity: number, discountMinor: bigint, taxRateBp: number): LineAmounts {
  const netMinor = unitPriceMinor * BigInt(quantity) - discountMinor;
  return { netMinor, taxMinor: taxOn(netMinor, taxRateBp) };
}
