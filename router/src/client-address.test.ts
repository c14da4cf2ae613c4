import { describe, expect, it } from 'vitest';
import { clientAddressOf, trustedProxies } from './client-address.js';

const request = (peer: string, forwarded?: string) =>
  ({ socket: { remoteAddress: peer }, headers: forwarded === undefined ? {} : { 'x-forwarded-for': forwarded } }) as never;

describe('clientAddressOf', () => {
  it('is the TCP peer when no proxy is trusted, whatever X-Forwarded-For says', () => {
    expect(clientAddressOf(request('203.0.113.9', '198.51.100.1'), null)).toBe('203.0.113.9');
    expect(clientAddressOf(request('::ffff:127.0.0.1'), null)).toBe('127.0.0.1');
  });

  it('is the TCP peer when the peer is not a trusted proxy', () => {
    expect(clientAddressOf(request('203.0.113.9', '198.51.100.1'), trustedProxies(['10.0.0.0/8']))).toBe('203.0.113.9');
  });

  it('behind trusted proxies, is the nearest untrusted hop from the right, never what the client wrote left of it', () => {
    const trusted = trustedProxies(['10.0.0.0/8', '127.0.0.1']);
    expect(clientAddressOf(request('10.1.2.3', '198.51.100.7'), trusted)).toBe('198.51.100.7');
    expect(clientAddressOf(request('10.1.2.3', '1.2.3.4, 198.51.100.7, 10.9.9.9'), trusted)).toBe('198.51.100.7');
    expect(clientAddressOf(request('127.0.0.1', 'not-an-address, 198.51.100.7'), trusted)).toBe('198.51.100.7');
    expect(clientAddressOf(request('10.1.2.3'), trusted)).toBe('10.1.2.3');
  });

  it('refuses a malformed trusted proxy list', () => {
    expect(() => trustedProxies(['proxy.internal'])).toThrow(/ROUTER_TRUSTED_PROXIES/);
  });
});
