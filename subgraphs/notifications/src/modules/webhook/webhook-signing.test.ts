import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseSignatureHeader, partnerSignatureHeader, verifyPartnerWebhook } from './webhook-signing.js';
import { SecretBox, generateWebhookSecret } from './webhook-secret.js';

const body = JSON.stringify({ id: 'e1', type: 'order.placed', occurredAt: '2026-12-01T10:00:00.000Z', data: { number: 'SO-1' } });
const t = 1_796_000_000;

describe('partner webhook signatures', () => {
  it('signs "<t>.<body>" with HMAC-SHA256 in the documented header form', () => {
    const expected = createHmac('sha256', 'whsec_a').update(`${t}.${body}`).digest('hex');
    expect(partnerSignatureHeader(['whsec_a'], t, body)).toBe(`t=${t},v1=${expected}`);
  });

  it('carries one v1 per signing secret, and each verifies with its own secret', () => {
    const header = partnerSignatureHeader(['whsec_new', 'whsec_old'], t, body);
    expect(parseSignatureHeader(header)?.signatures).toHaveLength(2);
    expect(verifyPartnerWebhook(header, body, 'whsec_new', { nowSeconds: t })).toBe(true);
    expect(verifyPartnerWebhook(header, body, 'whsec_old', { nowSeconds: t })).toBe(true);
    expect(verifyPartnerWebhook(header, body, 'whsec_other', { nowSeconds: t })).toBe(false);
  });

  it('refuses a changed body, a changed timestamp, an old timestamp and a malformed header', () => {
    const header = partnerSignatureHeader(['whsec_a'], t, body);
    expect(verifyPartnerWebhook(header, `${body} `, 'whsec_a', { nowSeconds: t })).toBe(false);
    expect(verifyPartnerWebhook(header.replace(`t=${t}`, `t=${t + 1}`), body, 'whsec_a', { nowSeconds: t })).toBe(false);
    expect(verifyPartnerWebhook(header, body, 'whsec_a', { nowSeconds: t + 301 })).toBe(false);
    expect(verifyPartnerWebhook(header, body, 'whsec_a', { nowSeconds: t + 301, toleranceSeconds: 600 })).toBe(true);
    expect(verifyPartnerWebhook('v1=abc', body, 'whsec_a', { nowSeconds: t })).toBe(false);
    expect(verifyPartnerWebhook('', body, 'whsec_a', { nowSeconds: t })).toBe(false);
  });
});

describe('sealed endpoint secrets', () => {
  const { box } = SecretBox.from('a-key-of-at-least-thirty-two-characters!', 'router-secret');

  it('opens what it sealed for the same endpoint only, and never stores the secret in clear', () => {
    const secret = generateWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    const sealed = box.seal(secret, 'endpoint-1');
    expect(sealed).not.toContain(secret.slice(6));
    expect(box.open(sealed, 'endpoint-1')).toBe(secret);
    expect(() => box.open(sealed, 'endpoint-2')).toThrow();
    expect(() => SecretBox.from('another-key-of-at-least-thirty-two-chars', 'router-secret').box.open(sealed, 'endpoint-1')).toThrow();
  });

  it('refuses a short encryption key and says when it derived one from the router secret', () => {
    expect(() => SecretBox.from('short', 'router-secret')).toThrow(/32 characters/);
    const derived = SecretBox.from(null, 'router-secret');
    expect(derived.derived).toBe(true);
    expect(derived.box.open(derived.box.seal('whsec_x', 'e'), 'e')).toBe('whsec_x');
  });
});
