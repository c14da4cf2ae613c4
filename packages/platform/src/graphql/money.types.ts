import { GraphQLScalarType, Kind } from 'graphql';
import { Directive, Field, ObjectType } from 'type-graphql';
import { formatMoney, type Money } from '../money.js';

const DECIMAL = /^-?\d+(\.\d+)?$/;

function parseDecimalString(value: unknown): string {
  if (typeof value !== 'string' || !DECIMAL.test(value.trim())) {
    throw new TypeError(`Decimal must be a string such as "12.50", got ${JSON.stringify(value)}.`);
  }
  return value.trim();
}

/** Exact decimal numbers travel as strings ("12.50"), never as JSON floats. */
export const DecimalScalar = new GraphQLScalarType({
  name: 'Decimal',
  description: 'An exact decimal number written as a string, e.g. "12.50".',
  serialize: (value) => (typeof value === 'bigint' ? value.toString() : parseDecimalString(String(value))),
  parseValue: parseDecimalString,
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) throw new TypeError('Decimal literals must be strings such as "12.50".');
    return parseDecimalString(ast.value);
  },
});

@Directive('@shareable')
@ObjectType('Money', { description: 'An amount of money in one currency.' })
export class MoneyType {
  @Field(() => DecimalScalar) amount!: string;
  @Field(() => String, { description: 'ISO 4217 code.' }) currency!: string;
}

/** Money as the graph shows it: an exact decimal string beside its currency. */
export function toMoneyType(minor: bigint, currency: string): MoneyType {
  const value: Money = { minor, currency };
  return { amount: formatMoney(value), currency };
}
