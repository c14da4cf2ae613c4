import { BadUserInputError } from './errors.js';
import { optionalText, requiredText } from './validation.js';

/** A postal address as subgraphs keep it: trimmed, empty optional lines as null. */
export interface PostalAddress {
  line1: string;
  line2: string | null;
  city: string;
  postalCode: string | null;
  region: string | null;
  /** ISO 3166-1 alpha-2, upper case. */
  country: string;
}

export interface PostalAddressInput {
  line1: string;
  line2?: string | null;
  city: string;
  postalCode?: string | null;
  region?: string | null;
  country: string;
}

const COUNTRY = /^[A-Z]{2}$/;

/**
 * Checks an address part by part, each refusal naming `<field>.<part>` (`shippingAddress.city`); `countryRule` ends
 * the refusal of a country that is not a two-letter code, so each subgraph keeps its wording.
 */
export function parsePostalAddress(input: PostalAddressInput, field: string, countryRule = 'must be an ISO 3166 two-letter code such as "DE".'): PostalAddress {
  const country = input.country.trim().toUpperCase();
  if (!COUNTRY.test(country)) throw new BadUserInputError(`${field}.country ${countryRule}`, { field: `${field}.country` });
  return {
    line1: requiredText(input.line1, `${field}.line1`),
    line2: optionalText(input.line2, `${field}.line2`),
    city: requiredText(input.city, `${field}.city`, 100),
    postalCode: optionalText(input.postalCode, `${field}.postalCode`, 20),
    region: optionalText(input.region, `${field}.region`, 100),
    country,
  };
}
