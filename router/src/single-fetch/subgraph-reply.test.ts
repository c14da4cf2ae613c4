import { readFileSync } from 'node:fs';
import { operationFromDocument, Supergraph } from '@apollo/federation-internals';
import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { compileAnswerShape } from '../shaping/answer-shape.js';
import { MISSHAPEN, NOT_DATA, readReply, stringifyResult, SubgraphData } from './subgraph-reply.js';

const apiSchema = Supergraph.build(readFileSync(new URL('../shaping/answer-shape.test.graphql', import.meta.url), 'utf8')).apiSchema();
const shape = compileAnswerShape(operationFromDocument(apiSchema, parse('{ item(id: "1") { id name } }')));
const read = (text: string, status = 200) => readReply(Promise.resolve({ status, text }), shape, {});
const serialised = (data: Record<string, unknown>) => `${JSON.stringify({ data })}\n`;

describe('a subgraph reply the router may pass on', () => {
  it('goes out as it came when it is data alone, as Apollo serialises it', async () => {
    const text = serialised({ item: { id: '1', name: 'é “x”\n' } });
    const data = await read(text);
    expect(data).toBeInstanceOf(SubgraphData);
    expect(stringifyResult({ data: data as never })).toBe(text);
  });

  it('is re-serialised when it does not end as Apollo ends it, or has a raw newline inside (pretty-printed)', async () => {
    const data = { item: { id: '1', name: 'x' } };
    for (const text of [JSON.stringify({ data }), `{"data":{"item":{"id":"1",\n"name":"x"}}}\n`]) {
      const result = await read(text);
      expect((result as SubgraphData).reply).toBeUndefined();
      expect(stringifyResult({ data: result as never })).toBe(serialised(data));
    }
  });

  it('is re-serialised with whatever a plugin adds to the response', async () => {
    const result = await read(serialised({ item: null }));
    expect(stringifyResult({ data: result as never, extensions: { cost: 1 } })).toBe('{"data":{"item":null},"extensions":{"cost":1}}\n');
  });

  it('is left to the gateway with errors, extensions, another status, or data of another shape', async () => {
    expect(await read('{"errors":[{"message":"no"}],"data":null}\n')).toBe(NOT_DATA);
    expect(await read('{"data":{"item":null},"extensions":{"x":1}}\n')).toBe(NOT_DATA);
    expect(await read(serialised({ item: null }), 500)).toBe(NOT_DATA);
    expect(await read('{"data":')).toBe(NOT_DATA);
    expect(await read(`${JSON.stringify({ data: { item: null } }, null, 2)}\n`)).toBe(NOT_DATA);
    expect(await readReply(Promise.reject(new Error('socket hang up')), shape, {})).toBe(NOT_DATA);
    expect(await read(serialised({ item: { name: 'x', id: '1' } }))).toBe(MISSHAPEN);
  });
});
