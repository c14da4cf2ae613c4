import { BadUserInputError } from './errors.js';
import { divideRounded, formatDecimal, parseDecimal } from './money.js';

/** Tax rates are percentages with up to two decimals ("20", "7.5"), kept as hundredths of a percent (2000, 750). */
export function parseTaxRate(rate: string, field = 'taxRate'): number {
  const basisPoints = parseDecimal(rate, 2, field);
  if (basisPoints < 0n || basisPoints > 10_000n) {
    throw new BadUserInputError(`${field} must be a percentage from 0 to 100, got "${rate}".`, { field });
  }
  return Number(basisPoints);
}

/** "20" for 2000, "7.5" for 750: the shortest exact form. */
export function formatTaxRate(basisPoints: number): string {
  return formatDecimal(BigInt(basisPoints), 2).replace(/\.?0+$/, '') || '0';
}

/** Tax on a net amount in minor units, rounded half away from zero (per line, as invoices print it). */
export function taxOn(netMinor: bigint, basisPoints: number): bigint {
  return divideRounded(netMinor * BigInt(basisPoints), 10_000n);
}
