import { createHmac, timingSafeEqual } from 'node:crypto';

export const PARTNER_SIGNATURE_HEADER = 'x-erp-signature';
export const PARTNER_EVENT_ID_HEADER = 'x-erp-event-id';
export const PARTNER_DELIVERY_ID_HEADER = 'x-erp-delivery-id';
/** How old a signed timestamp a receiver accepts by default (as Stripe's libraries do). */
export const DEFAULT_TOLERANCE_SECONDS = 300;

function hmac(secret: string, timestamp: number, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
}

/**
 * `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`, one `v1=` per secret: during a rotation's overlap both the
 * new and the old secret sign, so a receiver still holding the old one keeps verifying.
 */
export function partnerSignatureHeader(secrets: readonly string[], timestamp: number, body: string): string {
  return [`t=${timestamp}`, ...secrets.map((secret) => `v1=${hmac(secret, timestamp, body)}`)].join(',');
}

export interface ParsedSignature {
  timestamp: number;
  signatures: string[];
}

export function parseSignatureHeader(header: string): ParsedSignature | null {
  let timestamp: number | null = null;
  const signatures: string[] = [];
  for (const part of header.split(',')) {
    const [key, value] = part.trim().split('=', 2) as [string, string | undefined];
    if (key === 't' && value && /^\d+$/.test(value)) timestamp = Number(value);
    else if (key === 'v1' && value && /^[0-9a-f]{64}$/.test(value)) signatures.push(value);
  }
  return timestamp === null || signatures.length === 0 ? null : { timestamp, signatures };
}

/**
 * What a receiver runs on the raw body it received: true when one `v1=` of the header is the HMAC of `<t>.<body>`
 * under `secret` (compared in constant time) and `t` is within `toleranceSeconds` of now.
 */
export function verifyPartnerWebhook(
  header: string,
  body: string,
  secret: string,
  options: { toleranceSeconds?: number; nowSeconds?: number } = {},
): boolean {
  const parsed = parseSignatureHeader(header);
  if (!parsed) return false;
  const now = options.nowSeconds ?? Math.floor(Date.now() / 1000);
  if (Math.abs(now - parsed.timestamp) > (options.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS)) return false;
  const expected = Buffer.from(hmac(secret, parsed.timestamp, body));
  return parsed.signatures.some((signature) => timingSafeEqual(Buffer.from(signature), expected));
}
