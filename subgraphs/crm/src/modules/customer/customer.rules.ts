import { assertCurrency, BadUserInputError, parsePostalAddress, type PostalAddressInput } from '@erp/platform';
import type { Address } from './customer.entity.js';

export const MAX_TAGS = 50;
export function parseAddress(input: PostalAddressInput | null | undefined, field: string): Address | null {
  return input ? parsePostalAddress(input, field) : null;
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
