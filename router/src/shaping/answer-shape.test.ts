import { readFileSync } from 'node:fs';
import { operationFromDocument, Supergraph, type Operation } from '@apollo/federation-internals';
// The gateway's own result shaping, which the check must agree with (not part of the package's public API).
import { computeResponse } from '@apollo/gateway/dist/resultShaping.js';
import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { compileAnswerShape, hasAnswerShape, NotMirrored } from './answer-shape.js';

const apiSchema = Supergraph.build(readFileSync(new URL('./answer-shape.test.graphql', import.meta.url), 'utf8')).apiSchema();
const operation = (source: string): Operation => operationFromDocument(apiSchema, parse(source), { validate: false });

/** Whether the gateway's shaping returns `input` unchanged and without errors: what `hasAnswerShape` may only claim. */
function gatewayKeepsAsIs(op: Operation, variables: Record<string, unknown>, input: unknown): boolean {
  try {
    const { data, errors } = computeResponse({ operation: op, variables, input: structuredClone(input) as never, introspectionHandling: () => null });
    return errors.length === 0 && JSON.stringify(data) === JSON.stringify(input);
  } catch {
    return false;
  }
}

const ITEM = operation(`query Item($id: ID!, $withMeta: Boolean!, $skipTags: Boolean = false) {
  item(id: $id) {
    id name n: name count price active status statuses tags labels
    meta @include(if: $withMeta)
    parts { code }
    ... on Node { id }
    ...Tail @skip(if: $skipTags)
  }
}
fragment Tail on Item { tags __typename }`);

const valid = () => ({
  item: {
    id: '1',
    name: 'x',
    n: 'x',
    count: 3,
    price: 1.5,
    active: true,
    status: 'ACTIVE',
    statuses: ['RETIRED', null],
    tags: ['a', null],
    labels: ['l'],
    meta: { b: 1, a: [1, { c: null }] },
    parts: [{ code: 'p' }],
    __typename: 'Item',
  },
});

type Item = ReturnType<typeof valid>['item'];
const variables = { id: '1', withMeta: true };
const withItem = (change: (item: Record<string, unknown>) => void) => {
  const data = valid();
  change(data.item as Record<string, unknown>);
  return data;
};
const reordered = (item: Item, first: keyof Item) => ({ item: { [first]: item[first], ...item } });

describe('an answer the gateway would return unchanged', () => {
  const cases: [string, unknown, Record<string, unknown>, boolean][] = [
    ['the answer as the subgraph would send it', valid(), variables, true],
    ['a Float that is a whole number, an ID sent as a number, any JSON in a custom scalar', withItem((i) => Object.assign(i, { price: 2, id: 1, meta: 'text' })), variables, true],
    ['nulls where the schema allows them', withItem((i) => Object.assign(i, { count: null, labels: null, statuses: null })), variables, true],
    ['no item at all', { item: null }, variables, true],
    ['an enum value the supergraph hides (@inaccessible)', withItem((i) => (i.status = 'HIDDEN')), variables, false],
    ['an Int that is not one', withItem((i) => (i.count = 1.5)), variables, false],
    ['an Int sent as a string', withItem((i) => (i.count = '3')), variables, false],
    ['null for a non-null field', withItem((i) => (i.name = null)), variables, false],
    ['null in a list of non-null', withItem((i) => (i.labels = ['l', null])), variables, false],
    ['null for a non-null object in a list', withItem((i) => (i.parts = [null])), variables, false],
    ['a single value for a list', withItem((i) => (i.statuses = 'ACTIVE')), variables, false],
    ['keys in another order', reordered(valid().item, 'name'), variables, false],
    ['a key nobody asked for', withItem((i) => (i.extra = 1)), variables, false],
    ['a key missing', withItem((i) => delete i.labels), variables, false],
    ['a nested key nobody asked for', withItem((i) => (i.parts = [{ code: 'p', extra: 1 }])), variables, false],
    ['another type name', withItem((i) => (i.__typename = 'Part')), variables, false],
    ['a field @include(if: false) leaves out', withItem((i) => delete i.meta), { ...variables, withMeta: false }, true],
    ['a field @include(if: false) leaves out, sent anyway', valid(), { ...variables, withMeta: false }, false],
    ['a fragment @skip(if: true) leaves out (its repeated field stays)', withItem((i) => delete i.__typename), { ...variables, skipTags: true }, true],
    ['a condition variable that is missing', valid(), { id: '1' }, false],
    ['data that is not an object', [valid()], variables, false],
  ];

  for (const [name, input, vars, expected] of cases) {
    it(`${expected ? 'passes' : 'refuses'} ${name}`, () => {
      expect(hasAnswerShape(input, compileAnswerShape(ITEM), vars)).toBe(expected);
      // Passing requires the gateway to keep it; on these cases the check is also exact (it refuses what it changes).
      expect(gatewayKeepsAsIs(ITEM, vars, input)).toBe(expected);
    });
  }

  it('never passes an answer the gateway would change, whatever key is dropped, moved, nulled or retyped', () => {
    const shape = compileAnswerShape(ITEM);
    const item = valid().item;
    const variants: unknown[] = [];
    for (const key of Object.keys(item) as (keyof Item)[]) {
      variants.push(withItem((i) => delete i[key]));
      variants.push(reordered(item, key));
      for (const value of [null, 0, 1.25, '', 'ACTIVE', 'HIDDEN', true, [], {}, ['x'], [null], [{ code: 'p' }]]) variants.push(withItem((i) => (i[key] = value)));
    }
    for (const input of variants) {
      for (const vars of [variables, { ...variables, withMeta: false }, { ...variables, skipTags: true }]) {
        if (hasAnswerShape(input, shape, vars)) expect(gatewayKeepsAsIs(ITEM, vars, input), JSON.stringify({ input, vars })).toBe(true);
      }
    }
  });

  it('passes a mutation answer the same way', () => {
    const rename = operation('mutation { rename(id: "1", name: "y") { id name } }');
    const input = { rename: { id: '1', name: 'y' } };
    expect(hasAnswerShape(input, compileAnswerShape(rename), {})).toBe(true);
    expect(gatewayKeepsAsIs(rename, {}, input)).toBe(true);
  });
});

describe('selections the check does not mirror', () => {
  it.each([
    ['a field of interface type', '{ node(id: "1") { id } }'],
    ['a field of union type', '{ item(id: "1") { owner { ... on Person { name } } } }'],
    ['introspection', '{ __schema { queryType { name } } }'],
  ])('%s', (_, source) => {
    expect(() => compileAnswerShape(operation(source))).toThrow(NotMirrored);
  });

  it('an object field selected twice under one name: compiled as merging, and the check refuses every answer', () => {
    const shape = compileAnswerShape(operation('{ item(id: "1") { parts { code } ... on Item { parts { code } } } }'));
    expect(shape.mergesObjects).toBe(true);
    expect(hasAnswerShape({ item: { parts: [{ code: 'p' }] } }, shape, {})).toBe(false);
  });
});
