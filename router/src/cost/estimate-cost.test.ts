import { buildSchema, parse, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { CostModel } from './cost-model.js';
import { CostCalculator } from './estimate-cost.js';

const SDL = `
directive @cost(weight: Int!) on ARGUMENT_DEFINITION | ENUM | FIELD_DEFINITION | INPUT_FIELD_DEFINITION | OBJECT | SCALAR
directive @listSize(assumedSize: Int, slicingArguments: [String!], sizedFields: [String!], requireOneSlicingArgument: Boolean = true) on FIELD_DEFINITION

type Query {
  customers(first: Int, after: String, filter: CustomerFilter): CustomerConnection! @listSize(slicingArguments: ["first"], sizedFields: ["edges"], requireOneSlicingArgument: false, assumedSize: 20)
  search(text: String! @cost(weight: 7)): [Hit!]!
  report: Report
}
type Mutation { placeOrder(id: ID!): Order  archive(id: ID!): Order @cost(weight: 25) }
input CustomerFilter { search: String  tag: String @cost(weight: 3) }
type CustomerConnection { edges: [CustomerEdge!]!  totalCount: Int! @cost(weight: 5) }
type CustomerEdge { node: Customer! cursor: String! }
type Customer { id: ID! name: String! orders(first: Int): OrderConnection! @listSize(slicingArguments: ["first"], sizedFields: ["edges"], requireOneSlicingArgument: false) balanceDue: Money }
type OrderConnection { edges: [OrderEdge!]! }
type OrderEdge { node: Order! }
type Order { id: ID! lines: [Line!]! @listSize(assumedSize: 4) tags: [String!]! }
type Line { quantity: Int! product: Product }
type Product { name: String! }
type Money { amount: String! currency: String! }
type Report @cost(weight: 50) { total: Int! }
union Hit = Customer | Product
`;

const schema = buildSchema(SDL);
const calculator = new CostCalculator(schema, CostModel.fromSupergraph(SDL), { listSize: 10, mutationWeight: 10 });

function price(query: string, variables: Record<string, unknown> = {}): number {
  const document = parse(query);
  const operation = document.definitions.find((d) => d.kind === 'OperationDefinition') as OperationDefinitionNode;
  return calculator.requested(document, operation, variables);
}

function actual(query: string, data: unknown, variables: Record<string, unknown> = {}): number {
  const document = parse(query);
  const operation = document.definitions.find((d) => d.kind === 'OperationDefinition') as OperationDefinitionNode;
  return calculator.actual(document, operation, variables, data);
}

describe('requested cost', () => {
  it('prices objects 1 and scalars 0, and sizes a connection’s edges by `first`', () => {
    // customers 1 + 10 × (edge 1 + node 1)
    expect(price('{ customers(first: 10) { edges { node { id name } } } }')).toBe(21);
  });

  it('reads `first` from the variables and falls back to the assumed size without it', () => {
    expect(price('query($n: Int) { customers(first: $n) { edges { cursor } } }', { n: 50 })).toBe(51);
    expect(price('{ customers { edges { cursor } } }')).toBe(21);
  });

  it('multiplies nested lists', () => {
    // customers 1 + 5 × (edge 1 + node 1 + orders (1 + 3 × (edge 1 + order 1 + 4 lines × (1 + product 1)))) + balanceDue 1
    const query = '{ customers(first: 5) { edges { node { balanceDue { amount } orders(first: 3) { edges { node { lines { product { name } } } } } } } } }';
    expect(price(query)).toBe(1 + 5 * (1 + 1 + 1 + (1 + 3 * (1 + 1 + 4 * (1 + 1)))));
  });

  it('adds declared weights of fields, arguments, input fields and types', () => {
    expect(price('{ customers(first: 1) { totalCount } }')).toBe(1 + 5);
    expect(price('{ customers(first: 1, filter: { tag: "vip" }) { totalCount } }')).toBe(1 + 5 + 3);
    expect(price('{ report { total } }')).toBe(50);
  });

  it('weighs mutations 10 unless declared, and an unsized list by the default', () => {
    expect(price('mutation { placeOrder(id: "1") { id } }')).toBe(10);
    expect(price('mutation { archive(id: "1") { id } }')).toBe(25);
    // search: 10 hits × the dearer of Customer (1 + orders 1 + 10 × 2, no assumed size) and Product (1), + the argument’s 7
    expect(price('{ search(text: "a") { ... on Customer { orders { edges { node { id } } } } ... on Product { name } } }')).toBe(10 * (1 + 1 + 10 * 2) + 7);
  });

  it('skips what @skip/@include leave out and spreads fragments', () => {
    expect(price('query($s: Boolean!) { customers(first: 2) @skip(if: $s) { edges { cursor } } }', { s: true })).toBe(0);
    expect(price('{ customers(first: 2) { ...E } } fragment E on CustomerConnection { edges { node { id } } }')).toBe(1 + 2 * 2);
  });
});

describe('actual cost', () => {
  it('counts what the response holds: the real length of every list', () => {
    const query = '{ customers(first: 10) { edges { node { id orders(first: 5) { edges { node { id } } } } } } }';
    const data = {
      customers: {
        edges: [
          { node: { id: '1', orders: { edges: [{ node: { id: 'a' } }, { node: { id: 'b' } }] } } },
          { node: { id: '2', orders: { edges: [] } } },
        ],
      },
    };
    // customers 1 + edge/node 2 + orders 1 + 2 × 2, + edge/node 2 + orders 1
    expect(actual(query, data)).toBe(1 + (2 + 1 + 4) + (2 + 1));
    expect(price(query)).toBeGreaterThan(actual(query, data));
  });

  it('follows aliases and counts a null object as its own weight', () => {
    expect(actual('{ a: report { total } }', { a: null })).toBe(50);
    expect(actual('{ a: customers(first: 3) { edges { cursor } } }', { a: { edges: [{ cursor: 'x' }] } })).toBe(2);
  });
});

describe('one walk per request', () => {
  it('prices once and counts the response with that plan: each item at its real type, each list at its real length', () => {
    const document = parse('query($t: String!) { search(text: $t) { __typename ... on Customer { orders(first: 3) { edges { node { id } } } } ... on Product { name } } }');
    const operation = document.definitions[0] as OperationDefinitionNode;
    const priced = calculator.price(document, operation, { t: 'a' });
    // 10 hits × (hit 1 + the dearer Customer: orders 1 + 3 × (edge 1 + order 1)) + the text argument's 7
    expect(priced.requested).toBe(10 * (1 + 1 + 3 * 2) + 7);
    const data = {
      search: [
        { __typename: 'Customer', orders: { edges: [{ node: { id: 'a' } }] } },
        { __typename: 'Product', name: 'p' },
        { __typename: 'Customer', orders: { edges: [] } },
      ],
    };
    // Customer 1 + orders 1 + one edge 2; Product 1; Customer 1 + orders 1; + the argument's 7 once
    expect(priced.actual(data)).toBe(4 + 1 + 2 + 7);
    expect(priced.actual(data)).toBe(calculator.actual(document, operation, { t: 'a' }, data));
    expect(priced.actual(null)).toBe(0);
  });
});
