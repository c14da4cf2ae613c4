import { readFileSync } from 'node:fs';
import { operationFromDocument, Supergraph, type Operation } from '@apollo/federation-internals';
// The gateway's own result shaping, which the compiled one must agree with (not part of the package's public API).
import { computeResponse } from '@apollo/gateway/dist/resultShaping.js';
import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { compileAnswerShape } from './answer-shape.js';
import { compiledResponseShaping } from './response-shaping.js';
import { shapeAnswer, UNSURE } from './shape-answer.js';

const apiSchema = Supergraph.build(readFileSync(new URL('./answer-shape.test.graphql', import.meta.url), 'utf8')).apiSchema();
const operation = (source: string): Operation => operationFromDocument(apiSchema, parse(source), { validate: false });

type Input = Record<string, unknown>;

/** The gateway's response for `input`: its data as JSON (keys in order), or null when it reports errors or throws. */
function gatewayResponse(op: Operation, variables: Input, input: Input): string | null {
  try {
    const { data, errors } = computeResponse({ operation: op, variables, input: structuredClone(input) as never, introspectionHandling: () => null });
    return errors.length === 0 ? JSON.stringify(data) : null;
  } catch {
    return null;
  }
}

const ITEMS = operation(`query Items($withMeta: Boolean!, $skipTags: Boolean = false) {
  items {
    name n: name count price active status statuses tags labels
    meta @include(if: $withMeta)
    parts { code }
    ... on Node { id }
    ...Tail @skip(if: $skipTags)
    kind: __typename
  }
  item(id: "1") { id parts { code } }
}
fragment Tail on Item { tags __typename }`);

/** Merged data as the gateway holds it before shaping: keys the plan added (`__typename`, `id`), in another order. */
const merged = (): Input => ({
  items: [
    {
      __typename: 'Item',
      id: '1',
      labels: ['l'],
      name: 'x',
      n: 'x',
      count: 3,
      price: 1.5,
      active: true,
      status: 'ACTIVE',
      statuses: ['RETIRED', null],
      tags: ['a', null],
      meta: { b: 1, a: [1, { c: null }] },
      parts: [{ code: 'p', __typename: 'Part' }],
      owner: { name: 'not asked for' },
    },
    { id: 2, name: 'y', n: 'y', count: null, price: 2, active: null, status: 'RETIRED', statuses: null, tags: null, labels: null, meta: 'text', parts: null },
  ],
  item: { parts: [], id: '1', __typename: 'Item' },
});

const variables = { withMeta: true };
const items = (data: Input) => data.items as Input[];

describe('shaping from the compiled operation', () => {
  const shape = compileAnswerShape(ITEMS);

  it('builds what the gateway builds: selected keys only, in selection order, planner keys left behind', () => {
    for (const vars of [variables, { withMeta: false }, { withMeta: true, skipTags: true }]) {
      const data = shapeAnswer(merged(), shape, vars);
      expect(data).not.toBe(UNSURE);
      expect(JSON.stringify(data)).toBe(gatewayResponse(ITEMS, vars, merged()));
    }
    const data = shapeAnswer(merged(), shape, variables) as Input;
    expect(Object.keys(items(data)[0]!)).toEqual(['name', 'n', 'count', 'price', 'active', 'status', 'statuses', 'tags', 'labels', 'meta', 'parts', 'id', '__typename', 'kind']);
    // `kind: __typename` on an object the plan fetched without one: the type from the schema.
    expect(items(data)[1]!.kind).toBe('Item');
  });

  it('leaves its input untouched', () => {
    const input = merged();
    shapeAnswer(input, shape, variables);
    expect(input).toEqual(merged());
  });

  it('is unsure wherever the gateway reports an error, and agrees with it everywhere else', () => {
    const variants: Input[] = [];
    const base = items(merged())[0]!;
    for (const key of Object.keys(base)) {
      for (const value of [undefined, null, 0, 1.25, '', 'ACTIVE', 'HIDDEN', 'Part', true, [], {}, ['x'], [null], [{ code: 'p' }], [{ code: null }], { __typename: 'Part' }]) {
        const data = merged();
        const item = items(data)[0]!;
        if (value === undefined) delete item[key];
        else item[key] = value;
        variants.push(data);
      }
    }
    variants.push({ items: null }, { items: [null] }, { items: {} }, { item: null, items: [] }, {});
    let agreed = 0;
    for (const input of variants) {
      for (const vars of [variables, { withMeta: false }, { withMeta: true, skipTags: true }, {}]) {
        const expected = gatewayResponse(ITEMS, vars, input);
        const data = shapeAnswer(structuredClone(input), shape, vars);
        if (data === UNSURE) continue;
        expect(JSON.stringify(data), JSON.stringify({ input, vars })).toBe(expected);
        agreed += 1;
      }
    }
    expect(agreed).toBeGreaterThan(100);
    // The cases the gateway turns into errors are the fast path's to refuse.
    expect(shapeAnswer({ items: [{ ...base, name: null }], item: null }, shape, variables)).toBe(UNSURE);
    expect(shapeAnswer({ items: [{ ...base, count: 1.5 }], item: null }, shape, variables)).toBe(UNSURE);
    expect(shapeAnswer({ items: [{ ...base, __typename: 'Part' }], item: null }, shape, variables)).toBe(UNSURE);
    expect(shapeAnswer({ items: [base], item: null }, shape, {})).toBe(UNSURE);
  });
});

describe('the router’s response shaping', () => {
  it('builds each operation once per parsed document and shapes with it; the gateway shapes what it is unsure of', () => {
    const shaping = compiledResponseShaping();
    const document = parse('query Items($withMeta: Boolean!) { items { name meta @include(if: $withMeta) } }');
    const definition = document.definitions[0] as never;
    let built = 0;
    const build = () => {
      built += 1;
      return operationFromDocument(apiSchema, document, { validate: false });
    };
    const first = shaping.operation(apiSchema, { operation: definition } as never, build);
    expect(shaping.operation(apiSchema, { operation: definition } as never, build)).toBe(first);
    expect(built).toBe(1);

    const respond = (input: Input) => shaping.computeResponse({ operation: first, variables: { withMeta: false }, input, introspectionHandling: () => null }, computeResponse);
    expect(JSON.stringify(respond({ items: [{ __typename: 'Item', name: 'x', meta: 1 }] }).data)).toBe('{"items":[{"name":"x"}]}');
    const refused = respond({ items: [{ name: null }] });
    expect(refused.data).toBeNull();
    expect(refused.errors.map((error) => error.message)).toEqual(['Cannot return null for non-nullable field Item.name.']);
    expect(shaping.stats()).toEqual({ compiled: 1, gateway: 1 });
  });

  it('leaves operations it does not mirror (abstract types) to the gateway', () => {
    const shaping = compiledResponseShaping();
    const op = operation('{ node(id: "1") { id } }');
    const input = { node: { __typename: 'Item', id: '1' } };
    const { data } = shaping.computeResponse({ operation: op, input, introspectionHandling: () => null }, computeResponse);
    expect(JSON.stringify(data)).toBe(gatewayResponse(op, {}, input));
    expect(shaping.stats()).toEqual({ compiled: 0, gateway: 1 });
  });
});

describe('an object field selected twice under one name (through fragments)', () => {
  const MERGED = operation(`query Merged($withName: Boolean!) {
    items {
      parts { code }
      ... on Item { parts { __typename } n: name }
      ...More @include(if: $withName)
      item: name
    }
  }
  fragment More on Item { parts { code c2: code } name }`);

  it('takes every selection into the object the first one built, as the gateway does', () => {
    const shape = compileAnswerShape(MERGED);
    expect(shape.mergesObjects).toBe(true);
    // Merged subgraph data holds each alias under its own key, as the subgraphs answered.
    const input = {
      items: [
        { __typename: 'Item', name: 'x', n: 'x', item: 'x', parts: [{ code: 'a', c2: 'a' }, { code: 'b', c2: 'b', __typename: 'Part' }] },
        { item: 'y', name: 'y', n: 'y', parts: null },
        { name: 'z', n: 'z', item: 'z', parts: [] },
      ],
    };
    for (const vars of [{ withName: true }, { withName: false }]) {
      const data = shapeAnswer(structuredClone(input), shape, vars);
      expect(data).not.toBe(UNSURE);
      expect(JSON.stringify(data)).toBe(gatewayResponse(MERGED, vars, input));
    }
    expect(JSON.stringify(shapeAnswer(input, shape, { withName: true }))).toBe(
      '{"items":[{"parts":[{"code":"a","__typename":"Part","c2":"a"},{"code":"b","__typename":"Part","c2":"b"}],"n":"x","name":"x","item":"x"},{"parts":null,"n":"y","name":"y","item":"y"},{"parts":[],"n":"z","name":"z","item":"z"}]}',
    );
  });

  it('agrees with the gateway on every variant it does not leave to it', () => {
    const shape = compileAnswerShape(MERGED);
    let agreed = 0;
    for (const parts of [null, [], [null], [{ code: 'a', c2: 'a' }], [{ code: 'a' }], [{ code: null, c2: 'a' }], [{ code: 'a', c2: 'a', __typename: 'Item' }], 'x', [{}], [{ code: 1, c2: 'a' }]]) {
      for (const name of [undefined, null, 'x', 3]) {
        const input = { items: [{ parts, n: 'n', item: 'i', ...(name === undefined ? {} : { name }) }] };
        for (const vars of [{ withName: true }, { withName: false }]) {
          const data = shapeAnswer(structuredClone(input), shape, vars);
          if (data === UNSURE) continue;
          expect(JSON.stringify(data), JSON.stringify({ input, vars })).toBe(gatewayResponse(MERGED, vars, input));
          agreed += 1;
        }
      }
    }
    expect(agreed).toBeGreaterThan(5);
  });
});
