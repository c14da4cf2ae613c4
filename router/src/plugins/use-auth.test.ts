import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CircuitBreaker, type DomainError } from '@erp/platform';
import { Agent } from 'undici';
import { describe, expect, it } from 'vitest';
import { readCredentials, useAuth } from './use-auth.js';

describe('credentials a request carries', () => {
  it('reads a Bearer token as a JWT, and as an API key when it is one', () => {
    expect(readCredentials({ authorization: 'Bearer eyJ.a.b' })).toEqual({ bearer: 'eyJ.a.b', apiKey: undefined });
    expect(readCredentials({ authorization: 'bearer  erp_abc ' })).toEqual({ apiKey: 'erp_abc' });
  });

  it('reads x-api-key, the first of repeated headers, and nothing from other schemes', () => {
    expect(readCredentials({ 'x-api-key': ' erp_k ' })).toEqual({ bearer: undefined, apiKey: 'erp_k' });
    expect(readCredentials({ 'x-api-key': ['erp_1', 'erp_2'] })).toEqual({ bearer: undefined, apiKey: 'erp_1' });
    expect(readCredentials({ authorization: 'Basic dTpw' })).toEqual({ bearer: undefined, apiKey: undefined });
  });
});

describe('an API key check while identity is hung', () => {
  it('fails within the deadline as SUBGRAPH_UNAVAILABLE naming identity, then fails fast while its circuit is open', async () => {
    const hung = createServer(() => undefined);
    await new Promise<void>((resolve) => hung.listen(0, '127.0.0.1', resolve));
    const identityUrl = `http://127.0.0.1:${(hung.address() as AddressInfo).port}`;
    const agent = new Agent();
    try {
      const authenticate = useAuth({ identityUrl, routerSecret: 's', agent, deadlineMs: 200, breaker: new CircuitBreaker('identity', { failureThreshold: 1, openMs: 60_000 }) });
      const failure = (started: number) => (error: unknown) => ({ error: error as DomainError, ms: Date.now() - started });
      const first = await authenticate({ apiKey: 'erp_x' }, 'r1').then(() => null, failure(Date.now()));
      expect(first?.error.extensions).toMatchObject({ code: 'SUBGRAPH_UNAVAILABLE', subgraph: 'identity', retryable: true });
      expect(first!.ms).toBeLessThan(2_000);
      const second = await authenticate({ apiKey: 'erp_x' }, 'r2').then(() => null, failure(Date.now()));
      expect(second?.error.message).toContain('failing fast');
      expect(second!.ms).toBeLessThan(100);
    } finally {
      await agent.destroy();
      hung.closeAllConnections();
      hung.close();
    }
  });
});
