import { describe, expect, it } from 'vitest';
import { checkedEventTypes, readableEventTypes } from '../partner-event/partner-event-types.js';
import { checkedEndpointUrl, checkedOverlap, signingSecrets } from './webhook-endpoint.rules.js';

const key = (scopes: string[]) => ({ kind: 'apiKey' as const, apiKeyId: 'k', ownerId: 'u', scopes });
const codeOf = (work: () => unknown) => {
  try {
    work();
  } catch (error) {
    return (error as { extensions?: { code?: string } }).extensions?.code;
  }
  return null;
};

describe('webhook endpoint rules', () => {
  it('takes http(s) URLs only, without credentials', () => {
    expect(checkedEndpointUrl(' https://partner.example/hooks ')).toBe('https://partner.example/hooks');
    for (const url of ['ftp://partner.example/x', 'not a url', 'javascript:alert(1)', 'https://user:pw@partner.example/x', `https://x.example/${'a'.repeat(2100)}`]) {
      expect(codeOf(() => checkedEndpointUrl(url)), url).toBe('BAD_USER_INPUT');
    }
  });

  it('lets a caller subscribe only to event types its scopes read', () => {
    expect(checkedEventTypes(key(['orders:read', 'webhooks:write']), ['order.placed', 'order.placed'], 'events')).toEqual(['order.placed']);
    expect(checkedEventTypes(key(['invoices:write']), ['payment.received'], 'events')).toEqual(['payment.received']);
    expect(codeOf(() => checkedEventTypes(key(['orders:read']), ['invoice.issued'], 'events'))).toBe('FORBIDDEN');
    expect(codeOf(() => checkedEventTypes(key(['orders:read']), ['order.exploded'], 'events'))).toBe('BAD_USER_INPUT');
    expect(readableEventTypes(key(['catalog:read']))).toEqual(['product.created', 'product.price_changed']);
    expect(readableEventTypes({ kind: 'user', userId: 'u', roles: ['admin'] })).toHaveLength(11);
    expect(readableEventTypes({ kind: 'user', userId: 'u', roles: ['sales'] })).toEqual([]);
  });

  it('bounds the rotation overlap and signs with the old secret only while it lasts', () => {
    expect(checkedOverlap(undefined)).toBe(86_400);
    expect(checkedOverlap(0)).toBe(0);
    expect(codeOf(() => checkedOverlap(-1))).toBe('BAD_USER_INPUT');
    expect(codeOf(() => checkedOverlap(8 * 86_400))).toBe('BAD_USER_INPUT');
    const now = new Date('2026-12-01T12:00:00Z');
    expect(signingSecrets('new', { secret: 'old', until: new Date('2026-12-01T12:00:01Z') }, now)).toEqual(['new', 'old']);
    expect(signingSecrets('new', { secret: 'old', until: now }, now)).toEqual(['new']);
    expect(signingSecrets('new', null, now)).toEqual(['new']);
  });
});
