import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'x-erp-signature';
export const TIMESTAMP_HEADER = 'x-erp-timestamp';

/**
 * `sha256=<hex HMAC-SHA256 of "<timestamp>.<raw body>">`: binding the timestamp lets a receiver refuse replays of an
 * old delivery, and signing the raw bytes means it verifies exactly what it received.
 */
export function webhookSignature(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** What a receiver runs: true when the signature header matches the timestamp and raw body. */
export function verifyWebhookSignature(secret: string, signature: string, timestamp: string, body: string): boolean {
  const expected = Buffer.from(webhookSignature(secret, timestamp, body));
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
