import { createRequire } from 'node:module';
import type { GraphQLScalarType, OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { compiledExecution, onDemand } from '@erp/platform';

// graphql as Node loads it for the kit and for graphql-jit (its CommonJS build): Vite would give this file another copy.
const { buildSchema, GraphQLError, parse } = createRequire(import.meta.url)('graphql') as typeof import('graphql');

function parseDecimal(value: unknown): string {
  if (typeof value !== 'string') throw new TypeError(`Decimal must be a string, got ${JSON.stringify(value)}.`);
  return value;
}

function schema() {
  const built = buildSchema(`
    scalar Decimal
    type ItemConnection { totalCount: Int! names: [String!]! }
    type Query { items: ItemConnection!  price(amount: Decimal!): String  broken: String }
  `);
  (built.getType('Decimal') as GraphQLScalarType).parseValue = parseDecimal;
  const query = built.getQueryType()!.getFields();
  let counted = 0;
  query.items!.resolve = () => ({ names: ['a', 'b'], totalCount: onDemand(async () => ++counted && 2) });
  query.price!.resolve = (_root, args: { amount: string }) => `EUR ${args.amount}`;
  query.broken!.resolve = async () => {
    throw Object.assign(new Error('no such thing'), { code: '57014' });
  };
  return { built, counted: () => counted };
}

async function run(gateway: ReturnType<typeof compiledExecution>, source: string, variables: Record<string, unknown> = {}) {
  const { executor } = await gateway.load({ apollo: { key: undefined, keyHash: undefined, graphRef: undefined } as never });
  const document = parse(source);
  const operation = document.definitions[0] as OperationDefinitionNode;
  return executor!({ document, operation, operationName: null, request: { variables }, context: {} } as never);
}

describe('compiled execution (graphql-jit behind Apollo Server’s executor hook)', () => {
  it('awaits a connection’s totalCount, counting only when it is selected', async () => {
    const { built, counted } = schema();
    const gateway = compiledExecution(built);
    expect(await run(gateway, '{ items { names } }')).toEqual({ data: { items: { names: ['a', 'b'] } } });
    expect(counted()).toBe(0);
    expect(await run(gateway, '{ items { totalCount } }')).toEqual({ data: { items: { totalCount: 2 } } });
    expect(counted()).toBe(1);
  });

  it('refuses a variable a scalar refuses with graphql-js’s error, which Apollo Server answers as BAD_USER_INPUT', async () => {
    const gateway = compiledExecution(schema().built);
    const result = await run(gateway, 'query($amount: Decimal!) { price(amount: $amount) }', { amount: 12 });
    expect(result.data).toBeUndefined();
    expect(result.errors?.[0]?.message).toMatch(/^Variable "\$amount" got invalid value 12; Expected type "Decimal". Decimal must be a string/);
    expect(await run(gateway, 'query($amount: Decimal!) { price(amount: $amount) }', { amount: '12.50' })).toEqual({ data: { price: 'EUR 12.50' } });
  });

  it('hands back a resolver’s error as graphql-js’s own, with its path, the original error and extensions', async () => {
    const gateway = compiledExecution(schema().built);
    const result = await run(gateway, '{ broken }');
    expect(result.data).toEqual({ broken: null });
    const error = result.errors![0]!;
    expect(error).toBeInstanceOf(GraphQLError);
    expect(error.extensions).toEqual({});
    expect(error.path).toEqual(['broken']);
    expect(error.locations).toEqual([{ line: 1, column: 3 }]);
    expect((error.originalError as { code?: string }).code).toBe('57014');
  });
});
