import { describe, expect, it } from 'vitest';
import { nextFrame, parseClientMessage } from './ws-protocol.js';

describe('graphql-transport-ws messages', () => {
  it('reads the messages a client sends', () => {
    expect(parseClientMessage('{"type":"connection_init","payload":{"token":"t"}}')).toEqual({ type: 'connection_init', payload: { token: 't' } });
    expect(parseClientMessage('{"type":"connection_init"}')).toEqual({ type: 'connection_init', payload: {} });
    expect(parseClientMessage('{"type":"subscribe","id":"1","payload":{"query":"subscription { a }"}}')).toEqual({
      type: 'subscribe',
      id: '1',
      payload: { query: 'subscription { a }', operationName: undefined, variables: {} },
    });
    expect(parseClientMessage('{"type":"complete","id":"1"}')).toEqual({ type: 'complete', id: '1' });
    expect(parseClientMessage('{"type":"ping"}')).toEqual({ type: 'ping' });
  });

  it('refuses what is not a valid message', () => {
    for (const raw of ['not json', '[]', '{"type":"subscribe","id":"1"}', '{"type":"subscribe","id":"","payload":{"query":"{a}"}}', '{"type":"subscribe","id":"1","payload":{"query":"{a}","variables":[1]}}', '{"type":"connection_init","payload":"x"}', '{"type":"next","id":"1"}', '{"type":"complete"}']) {
      expect(parseClientMessage(raw)).toBeNull();
    }
  });

  it('frames a serialised payload without parsing it again', () => {
    const frame = nextFrame('a"b', '{"data":{"x":1}}');
    expect(JSON.parse(frame)).toEqual({ id: 'a"b', type: 'next', payload: { data: { x: 1 } } });
  });
});
