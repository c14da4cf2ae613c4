import { describe, expect, it } from 'vitest';
import { UpstreamExtensions } from './subgraph-sockets.js';

const secret = 'test-secret';

describe('the extensions of an upstream subscription', () => {
  it('are signed afresh on every send, and say where to resume from the second send on', () => {
    let resume: { after: string } | { since: string } = { since: '2026-12-01T00:00:00.000Z' };
    let signed = 0;
    const extensions = new UpstreamExtensions(
      () => ({ signature: String((signed += 1)) }),
      () => resume,
      false,
    );
    expect(JSON.parse(JSON.stringify({ extensions }))).toEqual({ extensions: { signature: '1' } });
    expect(JSON.parse(JSON.stringify({ extensions }))).toEqual({ extensions: { signature: '2', resume: { since: '2026-12-01T00:00:00.000Z' } } });
    resume = { after: '42' };
    expect(JSON.parse(JSON.stringify({ extensions }))).toEqual({ extensions: { signature: '3', resume: { after: '42' } } });
  });

  it('resume from the first send when the subscription is made again', () => {
    const extensions = new UpstreamExtensions(() => ({}), () => ({ after: '7' }), true);
    expect(JSON.parse(JSON.stringify(extensions))).toEqual({ resume: { after: '7' } });
  });
});
