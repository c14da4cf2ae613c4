import { assertCurrency, BadUserInputError, optionalText, requiredText } from '@erp/platform';
import type { Address } from './customer.entity.js';

export const MAX_TAGS = 50;
const COUNTRY = /^[A-Z]{2}$/;

export interface AddressInput {
  line1: string;
  line2?: string | null;
  city: string;
  postalCode?: string | null;
  region?: string | null;
  country: string;
}

export function parseAddress(input: AddressInput | null | undefined, field: string): Address | null {
  if (!input) return null;
  const country = input.country.trim().toUpperCase();
  if (!COUNTRY.test(country)) {
    throw new BadUserInputError(`${field}.country must be an ISO 3166 two-letter code such as "DE".`, { field: `${field}.country` });
  }
  return {
    line1: requiredText(input.line1, `${field}.line1`),
    line2: optionalText(input.line2, `${field}.line2`),
    city: requiredText(input.city, `${field}.city`, 100),
    postalCode: optionalText(input.postalCode, `${field}.postalCode`, 20),
    region: optionalText(input.region, `${field}.region`, 100),
    country,
  };
}

/** Tags are trimmed, lower-cased, de-duplicated; at most 50 of at most 50 characters. */
export function parseTags(tags: readonly string[]): string[] {
  const cleaned = [...new Set(tags.map((tag) => tag.trim().toLowerCase()).filter(Boolean))];
  if (cleaned.length > MAX_TAGS) throw new BadUserInputError(`A customer has at most ${MAX_TAGS} tags.`, { field: 'tags' });
  const long = cleaned.find((tag) => tag.length > 50);
  if (long) throw new BadUserInputError(`Tag "${long.slice(0, 20)}…" is longer than 50 characters.`, { field: 'tags' });
  return cleaned;
}

export function parseCurrency(currency: string): string {
  return assertCurrency(currency.trim().toUpperCase());
}
