import type { Channel } from '@erp/contracts';
import { BadUserInputError, isUuid, normalizeEmail } from '@erp/platform';

export const NOTIFICATION_STATUSES = ['QUEUED', 'SENT', 'FAILED'] as const;
export type NotificationStatus = (typeof NOTIFICATION_STATUSES)[number];

export const ATTEMPT_STATUSES = ['SENT', 'FAILED'] as const;
export type AttemptStatus = (typeof ATTEMPT_STATUSES)[number];

export const MAX_SUBJECT_LENGTH = 300;
export const MAX_BODY_LENGTH = 100_000;
export const MAX_URL_LENGTH = 2_048;
export const MAX_DATA_BYTES = 64 * 1024;

const PHONE_SEPARATORS = /[\s().-]/g;
// E.164: a plus, a country code that does not start with 0, at most 15 digits in all.
const E164 = /^\+[1-9]\d{6,14}$/;

/** A phone number in E.164 form (+4930123456); spaces, dots, dashes and brackets people type are dropped. */
export function normalizePhone(value: string, field = 'to'): string {
  const compact = value.trim().replace(PHONE_SEPARATORS, '');
  if (!E164.test(compact)) throw new BadUserInputError(`${field} must be a phone number in international form such as +4930123456, got "${value}".`, { field });
  return compact;
}

/** An absolute http(s) URL without credentials in it (they would be stored and logged with the notification). */
export function normalizeWebhookUrl(value: string, field = 'to'): string {
  const trimmed = value.trim();
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    throw new BadUserInputError(`${field} must be an absolute http(s) URL, got "${value}".`, { field });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new BadUserInputError(`${field} must be an http(s) URL, got "${value}".`, { field });
  if (url.username || url.password) throw new BadUserInputError(`${field} must not carry credentials; receivers verify the signature instead.`, { field });
  if (trimmed.length > MAX_URL_LENGTH) throw new BadUserInputError(`${field} must have at most ${MAX_URL_LENGTH} characters.`, { field });
  return url.toString();
}

function normalizeUserId(value: string, field: string, channel: Channel): string {
  const trimmed = value.trim();
  if (!isUuid(trimmed)) throw new BadUserInputError(`${field} must be the id of a user for ${channel}, got "${value}".`, { field });
  return trimmed.toLowerCase();
}

/** The recipient in its stored form for the channel: an email address, an E.164 phone number, a user id or a URL. */
export function normalizeRecipient(channel: Channel, to: string, field = 'to'): string {
  switch (channel) {
    case 'EMAIL':
      return normalizeEmail(to, field);
    case 'SMS':
      return normalizePhone(to, field);
    case 'WEBHOOK':
      return normalizeWebhookUrl(to, field);
    case 'IN_APP':
    case 'PUSH':
      return normalizeUserId(to, field, channel);
  }
}

/** The user a notification is addressed to, where the channel addresses users. */
export function recipientUserId(channel: Channel, recipient: string): string | null {
  return channel === 'IN_APP' || channel === 'PUSH' ? recipient : null;
}

/** Subject and body after rendering: EMAIL needs a subject, every channel a body; both within their limits. */
export function assertMessageShape(channel: Channel, message: { subject: string | null; body: string }): void {
  if (!message.body.trim()) throw new BadUserInputError('The notification has no body: give a body or a templateKey.', { field: 'body' });
  if (message.body.length > MAX_BODY_LENGTH) throw new BadUserInputError(`body must have at most ${MAX_BODY_LENGTH} characters.`, { field: 'body' });
  if (channel === 'EMAIL' && !message.subject?.trim()) throw new BadUserInputError('An EMAIL needs a subject: give a subject or a templateKey.', { field: 'subject' });
  if (message.subject && message.subject.length > MAX_SUBJECT_LENGTH) {
    throw new BadUserInputError(`subject must have at most ${MAX_SUBJECT_LENGTH} characters.`, { field: 'subject' });
  }
}

/** Template data: a JSON object of bounded size (it is stored with the notification). */
export function assertTemplateData(data: unknown): Record<string, unknown> {
  if (data === null || data === undefined) return {};
  if (typeof data !== 'object' || Array.isArray(data)) throw new BadUserInputError('data must be a JSON object.', { field: 'data' });
  if (Buffer.byteLength(JSON.stringify(data)) > MAX_DATA_BYTES) throw new BadUserInputError(`data must be at most ${MAX_DATA_BYTES} bytes of JSON.`, { field: 'data' });
  return data as Record<string, unknown>;
}
