import { minorDigits } from '@erp/platform';

/*
 * The answer is built by PostgreSQL as the graph's JSON text, byte for byte. json_build_object and json_agg put
 * spaces after colons and commas, so objects are row_to_json of a one-row subquery (column order = key order) and
 * arrays array_to_json(array_agg(…)), both of which print compactly.
 */

let aliases = 0;

/** `{"key":expr,…}` with the keys in the given order; the expressions are SQL evaluated in the enclosing scope. */
export function object(fields: Record<string, string>): string {
  const columns = Object.entries(fields).map(([key, expr]) => `${expr} as "${key}"`);
  const alias = `json${++aliases}`;
  return `(select row_to_json(${alias}) from (select ${columns.join(', ')}) ${alias})`;
}

/** A JSON array of `element` over the rows of `from` (a FROM clause with its WHERE), `[]` when there are none. */
export function array(element: string, from: string, orderBy: string): string {
  return `coalesce((select array_to_json(array_agg(${element} order by ${orderBy})) from ${from}), '[]'::json)`;
}

/** The cursor `paginate` and `firstPagePerKey` hand out for the createdAt:DESC order: base64url of ["createdAt:DESC", ISO time, id]. */
export function createdAtCursor(alias: string): string {
  const json = `'["createdAt:DESC","' || to_char(${alias}.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') || '","' || ${alias}.id || '"]'`;
  return `translate(encode(convert_to(${json}, 'UTF8'), 'base64'), E'+/=\\n', '-_')`;
}

// Only the currencies whose minor unit is not hundredths need naming; the kit says which digits each has.
const UNUSUAL_CURRENCIES = ['JPY', 'KRW', 'VND', 'CLP', 'ISK', 'BHD', 'KWD', 'JOD', 'OMR', 'TND'];

/** A Money amount as the graph prints it: minor units as a decimal string with the currency's digits ("12.50"). */
export function moneyAmount(minor: string, currency: string): string {
  const cases = UNUSUAL_CURRENCIES.map((code) => `when '${code}' then ${minorDigits(code)}`).join(' ');
  const digits = `(case ${currency} ${cases} else ${minorDigits('EUR')} end)`;
  return `round((${minor})::numeric / 10::numeric ^ ${digits}, ${digits})::text`;
}
