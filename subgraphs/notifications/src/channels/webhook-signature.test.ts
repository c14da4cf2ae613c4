import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { verifyWebhookSignature, webhookSignature } from './webhook-signature.js';

describe('webhook signature', () => {
  const body = '{"notificationId":"n1","body":"ping"}';

  it('is the hex HMAC-SHA256 of "<timestamp>.<body>" under the secret', () => {
    const expected = createHmac('sha256', 'secret').update(`1700000000.${body}`).digest('hex');
    expect(webhookSignature('secret', '1700000000', body)).toBe(`sha256=${expected}`);
  });

  it('verifies what was signed and nothing else', () => {
    const signature = webhookSignature('secret', '1700000000', body);
    expect(verifyWebhookSignature('secret', signature, '1700000000', body)).toBe(true);
    expect(verifyWebhookSignature('secret', signature, '1700000001', body)).toBe(false);
    expect(verifyWebhookSignature('secret', signature, '1700000000', body.replace('ping', 'pong'))).toBe(false);
    expect(verifyWebhookSignature('other', signature, '1700000000', body)).toBe(false);
    expect(verifyWebhookSignature('secret', 'sha256=short', '1700000000', body)).toBe(false);
  });
});
