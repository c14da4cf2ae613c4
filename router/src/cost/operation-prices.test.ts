import { buildSchema, parse, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it, vi } from 'vitest';
import { CostModel } from './cost-model.js';
import { CostCalculator } from './estimate-cost.js';
import { OperationPrices, valuedVariables, variablesShape } from './operation-prices.js';

const SDL = `
directive @cost(weight: Int!) on ARGUMENT_DEFINITION | ENUM | FIELD_DEFINITION | INPUT_FIELD_DEFINITION | OBJECT | SCALAR
directive @listSize(assumedSize: Int, slicingArguments: [String!], sizedFields: [String!], requireOneSlicingArgument: Boolean = true) on FIELD_DEFINITION

type Query {
  customers(first: Int, after: String, filter: CustomerFilter): CustomerConnection! @listSize(slicingArguments: ["first"], sizedFields: ["edges"], requireOneSlicingArgument: false, assumedSize: 20)
}
input CustomerFilter { search: String  tag: String @cost(weight: 3)  status: Status }
enum Status { ACTIVE ARCHIVED }
type CustomerConnection { edges: [CustomerEdge!]!  totalCount: Int! @cost(weight: 5) }
type CustomerEdge { node: Customer! cursor: String! }
type Customer { id: ID! name: String! }
`;

const LIST = `query List($first: Int, $after: String, $filter: CustomerFilter, $count: Boolean = false) {
  customers(first: $first, after: $after, filter: $filter) { edges { node { id name } } totalCount @include(if: $count) }
}`;

function setup() {
  const schema = buildSchema(SDL);
  const model = CostModel.fromSupergraph(SDL);
  const calculator = new CostCalculator(schema, model, { listSize: 10, mutationWeight: 10 });
  const walks = vi.spyOn(calculator, 'price');
  const prices = new OperationPrices(schema, model, calculator);
  const document = parse(LIST);
  const operation = document.definitions[0] as OperationDefinitionNode;
  const price = (variables: Record<string, unknown>) => prices.price(document, operation, variables);
  return { calculator, walks, price, document, operation };
}

describe('prices remembered per operation and shape of its variables', () => {
  it('walks a repeated operation once, whatever its search text and cursor', () => {
    const { walks, price } = setup();
    // 1 + 10 × (edge 1 + customer 1)
    expect(price({ first: 10, filter: { search: 'ada' } })?.requested).toBe(21);
    expect(price({ first: 10, filter: { search: 'grace' }, after: 'abc' })?.requested).toBe(21);
    expect(price({ first: 10, filter: { search: 'linus' }, after: 'def' })?.requested).toBe(21);
    // Only the first of a shape is walked: the second has a cursor the first had not.
    expect(walks).toHaveBeenCalledTimes(2);
  });

  it('prices again what changes the price: the page size, a weighed input field, an @include condition', () => {
    const { walks, price } = setup();
    expect(price({ first: 10 })?.requested).toBe(21);
    expect(price({ first: 20 })?.requested).toBe(41);
    expect(price({ first: 10, filter: { tag: 'vip' } })?.requested).toBe(21 + 3);
    expect(price({ first: 10, count: true })?.requested).toBe(21 + 5);
    expect(price({ first: 10 })?.requested).toBe(21);
    expect(price({ first: 20 })?.requested).toBe(41);
    expect(walks).toHaveBeenCalledTimes(4);
  });

  it('counts the actual cost of each response with the remembered plan', () => {
    const { price } = setup();
    price({ first: 10 });
    const priced = price({ first: 10 })!;
    expect(priced.actual({ customers: { edges: [{ node: { id: '1', name: 'a' } }, { node: { id: '2', name: 'b' } }] } })).toBe(1 + 2 * 2);
  });

  it('answers null for variables the gateway will refuse, and remembers nothing for them', () => {
    const { walks, price } = setup();
    expect(price({ first: 'ten' })).toBeNull();
    expect(price({ first: 10, filter: { status: 'GONE' } })).toBeNull();
    expect(walks).not.toHaveBeenCalled();
  });

  it('prices like a fresh walk for every shape, defaults included', () => {
    const { calculator, price, document, operation } = setup();
    for (const variables of [{}, { first: 0 }, { first: 5, filter: null }, { first: 5, filter: { search: 'x', tag: 'y' } }, { count: true }]) {
      expect(price(variables)?.requested, JSON.stringify(variables)).toBe(calculator.requested(document, operation, { count: false, ...variables }));
    }
  });
});

describe('what of the variables can change a price', () => {
  it('takes the values of slicing arguments and directive conditions, the shape of the rest', () => {
    const document = parse(LIST);
    const operation = document.definitions[0] as OperationDefinitionNode;
    const valued = valuedVariables(document, new Set(['first']));
    expect([...valued].sort()).toEqual(['count', 'first']);
    const shape = (variables: Record<string, unknown>) => variablesShape(operation, variables, valued);
    expect(shape({ first: 10, after: 'a', filter: { search: 'x' } })).toBe(shape({ first: 10, after: 'b', filter: { search: 'y' } }));
    expect(shape({ first: 10 })).not.toBe(shape({ first: 11 }));
    expect(shape({ first: 10, filter: { search: 'x' } })).not.toBe(shape({ first: 10, filter: { tag: 'x' } }));
    expect(shape({ first: 10, filter: null })).not.toBe(shape({ first: 10 }));
    expect(shape({ first: 10, count: true })).not.toBe(shape({ first: 10, count: false }));
    // Variables the operation does not declare are not part of it.
    expect(shape({ first: 10, other: [1, 2, 3] })).toBe(shape({ first: 10 }));
  });
});
