import { buildSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { checkPeerOperations, type PeerOperationsFile } from './check-peer-operations.js';

// What @apollo/subgraph adds to every subgraph's schema, written out: vitest loads graphql's ESM build for this file
// and the CommonJS one for @apollo/subgraph, and graphql refuses to mix them. test/schema runs the real subgraphs'.
const FEDERATION = `
  scalar _Any
  directive @key(fields: String!) repeatable on OBJECT
  directive @external on FIELD_DEFINITION
  directive @requires(fields: String!) on FIELD_DEFINITION`;

/** Two subgraphs: shop owns products, orders adds sales figures to them from a shop field it references. */
const subgraphs = {
  shop: buildSchema(`${FEDERATION}
    type Product @key(fields: "id") { id: ID! name: String! price: Money! }
    type Money { amount: String! currency: String! }
    union _Entity = Product
    type Query { product(id: ID!): Product _entities(representations: [_Any!]!): [_Entity]! }`),
  orders: buildSchema(`${FEDERATION}
    type Product @key(fields: "id") { id: ID! name: String! @external salesCount: Int! @requires(fields: "name") }
    union _Entity = Product
    type Query { bestSeller: Product _entities(representations: [_Any!]!): [_Entity]! }`),
};
const api = buildSchema(`
  type Product { id: ID! name: String! price: Money! salesCount: Int! }
  type Money { amount: String! currency: String! }
  type Query { product(id: ID!): Product bestSeller: Product }`);

function check(peer: string, text: string): string[] {
  const file: PeerOperationsFile = { path: `subgraphs/reader/src/peers/${peer}.graphql`, peer, text };
  return checkPeerOperations([file], { api, subgraphs });
}

describe('checkPeerOperations', () => {
  it('accepts fragments on the peer’s entities, with the helper fragments they spread', () => {
    expect(check('shop', 'fragment ProductForLine on Product { id name price { ...Amount } }\nfragment Amount on Money { amount currency }')).toEqual([]);
  });

  it('names the file, the place and the field when a fragment reads a field that exists nowhere, once', () => {
    expect(check('shop', 'fragment ProductForLine on Product {\n  id\n  nme\n}')).toEqual([
      'subgraphs/reader/src/peers/shop.graphql:3:3: Cannot query field "nme" on type "Product". Did you mean "name"?',
    ]);
  });

  it('refuses a field of the graph that another subgraph than the peer serves', () => {
    expect(check('shop', 'fragment ProductForLine on Product { id salesCount }')).toEqual([
      'subgraphs/reader/src/peers/shop.graphql:1:41: Cannot query field "salesCount" on type "Product". (not served by shop)',
    ]);
  });

  it('refuses fields the peer cannot answer for an id alone: referenced (@external) or needing others (@requires)', () => {
    expect(check('orders', 'fragment Sold on Product { id name salesCount }')).toEqual([
      'subgraphs/reader/src/peers/orders.graphql:1:31: Product.name is only referenced by orders (@external), not served by it',
      'subgraphs/reader/src/peers/orders.graphql:1:36: Product.salesCount needs fields of another subgraph (@requires) that a read by id does not send; ask the router',
    ]);
  });

  it('accepts commands (named mutations) the peer serves, even where the API hides them, and names what it does not serve', () => {
    const stock = buildSchema(`${FEDERATION}
      type Level @key(fields: "id") { id: ID! reserved: Int! }
      union _Entity = Level
      type Query { _entities(representations: [_Any!]!): [_Entity]! }
      type Mutation { reserve(orderId: ID!): Level }`);
    const commands = (text: string) =>
      checkPeerOperations([{ path: 'subgraphs/reader/src/peers/stock.commands.graphql', peer: 'stock', text }], { api, subgraphs: { ...subgraphs, stock } });
    expect(commands('mutation Reserve($orderId: ID!) { reserve(orderId: $orderId) { id reserved } }')).toEqual([]);
    expect(commands('mutation Reserve($orderId: ID!) { reserve(orderId: $orderId) { id onHand } }')).toEqual([
      'subgraphs/reader/src/peers/stock.commands.graphql:1:67: Cannot query field "onHand" on type "Level". (not served by stock)',
    ]);
    expect(commands('query Levels { _entities(representations: []) { __typename } }')[0]).toMatch(/holds a OperationDefinition/);
  });

  it('refuses a file named after no subgraph, a type the peer does not resolve by key, and anything but fragments', () => {
    expect(check('ghost', 'fragment P on Product { id }')).toEqual([
      'subgraphs/reader/src/peers/ghost.graphql: "ghost" is no subgraph; name the file after the peer it reads from (shop, orders)',
    ]);
    expect(check('shop', 'fragment Price on Money { amount }')).toEqual([
      'subgraphs/reader/src/peers/shop.graphql:1:1: fragment Price reads Money, which shop does not resolve by key',
    ]);
    expect(check('shop', 'query { product(id: "1") { id } }')).toEqual([
      'subgraphs/reader/src/peers/shop.graphql: holds a OperationDefinition; peer operations are fragments, read through the peer\'s _entities, or named mutations (commands)',
    ]);
    expect(check('shop', 'fragment P on Product { id')[0]).toMatch(/^subgraphs\/reader\/src\/peers\/shop\.graphql:1:27: Syntax Error/);
  });
});
