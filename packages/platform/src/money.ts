import { BadUserInputError } from './errors.js';

/**
 * Money is an integer count of minor units (bigint) with its currency; decimals travel as strings ("12.50").
 * Never a float: 0.1 + 0.2 must stay 0.30.
 */
export interface Money {
  readonly minor: bigint;
  readonly currency: string;
}

const CURRENCY = /^[A-Z]{3}$/;
const DECIMAL = /^(-)?(\d+)(?:\.(\d+))?$/;
/** ISO 4217 minor-unit exceptions; every other currency has 2. */
const MINOR_DIGITS: Record<string, number> = { JPY: 0, KRW: 0, VND: 0, CLP: 0, ISK: 0, BHD: 3, KWD: 3, JOD: 3, OMR: 3, TND: 3 };

export function minorDigits(currency: string): number {
  return MINOR_DIGITS[currency] ?? 2;
}

export function assertCurrency(currency: string, field = 'currency'): string {
  if (!CURRENCY.test(currency)) throw new BadUserInputError(`${field} must be an ISO 4217 code such as "EUR".`, { field });
  return currency;
}

/** Parses a decimal string into a scaled bigint, refusing more fraction digits than `scale`. */
export function parseDecimal(value: string, scale: number, field = 'amount'): bigint {
  const match = DECIMAL.exec(value.trim());
  if (!match) throw new BadUserInputError(`${field} must be a decimal number such as "12.50", got "${value}".`, { field });
  const [, sign, whole, fraction = ''] = match;
  if (fraction.length > scale) {
    throw new BadUserInputError(`${field} has more than ${scale} decimal places: "${value}".`, { field });
  }
  const digits = BigInt(whole! + fraction.padEnd(scale, '0'));
  return sign ? -digits : digits;
}

export function formatDecimal(scaled: bigint, scale: number): string {
  const negative = scaled < 0n;
  const digits = (negative ? -scaled : scaled).toString().padStart(scale + 1, '0');
  const whole = digits.slice(0, digits.length - scale);
  const fraction = scale > 0 ? `.${digits.slice(digits.length - scale)}` : '';
  return `${negative ? '-' : ''}${whole}${fraction}`;
}

export function money(amount: string, currency: string, field = 'amount'): Money {
  assertCurrency(currency);
  return { minor: parseDecimal(amount, minorDigits(currency), field), currency };
}

export function formatMoney(value: Money): string {
  return formatDecimal(value.minor, minorDigits(value.currency));
}

function sameCurrency(a: Money, b: Money): void {
  if (a.currency !== b.currency) throw new BadUserInputError(`Cannot combine ${a.currency} with ${b.currency}.`);
}

export function addMoney(a: Money, b: Money): Money {
  sameCurrency(a, b);
  return { minor: a.minor + b.minor, currency: a.currency };
}

export function subtractMoney(a: Money, b: Money): Money {
  sameCurrency(a, b);
  return { minor: a.minor - b.minor, currency: a.currency };
}

/** Rounds half away from zero, the usual commercial rounding for tax and discounts. */
export function divideRounded(numerator: bigint, denominator: bigint): bigint {
  const quotient = numerator / denominator;
  const remainder = numerator % denominator;
  if (remainder === 0n) return quotient;
  const twice = (remainder < 0n ? -remainder : remainder) * 2n;
  const away = twice >= (denominator < 0n ? -denominator : denominator);
  if (!away) return quotient;
  return (numerator < 0n) !== (denominator < 0n) ? quotient - 1n : quotient + 1n;
}

/** Multiplies by a decimal given as scaled integer (e.g. a 20.5 % rate is 2050n with scale 2, percent=true). */
export function multiplyMoney(value: Money, factor: bigint, factorScale: number): Money {
  return { minor: divideRounded(value.minor * factor, 10n ** BigInt(factorScale)), currency: value.currency };
}
