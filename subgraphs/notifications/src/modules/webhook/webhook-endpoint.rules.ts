import { BadUserInputError } from '@erp/platform';

export const MAX_URL_LENGTH = 2048;
export const MAX_DESCRIPTION_LENGTH = 500;
export const MAX_EVENTS = 50;
/** How long the old secret keeps signing after a rotation when the caller does not say (as Stripe allows, up to a day). */
export const DEFAULT_OVERLAP_SECONDS = 24 * 3_600;
export const MAX_OVERLAP_SECONDS = 7 * 24 * 3_600;

export const DELIVERY_STATUSES = ['PENDING', 'SUCCEEDED', 'FAILED'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** An absolute http(s) URL without credentials in it (they would be stored and logged in clear). */
export function checkedEndpointUrl(url: string): string {
  const trimmed = url.trim();
  let parsed: URL;
  try {
    parsed = new URL(trimmed);
  } catch {
    throw new BadUserInputError(`"${trimmed.slice(0, 100)}" is not a URL; give an http(s) URL such as https://example.com/erp-webhooks.`, { field: 'url' });
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new BadUserInputError('A webhook URL is http or https.', { field: 'url' });
  if (parsed.username || parsed.password) throw new BadUserInputError('A webhook URL carries no user name or password; the signature authenticates us.', { field: 'url' });
  if (trimmed.length > MAX_URL_LENGTH) throw new BadUserInputError(`A webhook URL has at most ${MAX_URL_LENGTH} characters.`, { field: 'url' });
  return parsed.toString();
}

export function checkedDescription(description: string | null | undefined): string | null {
  const trimmed = description?.trim() ?? '';
  if (trimmed.length > MAX_DESCRIPTION_LENGTH) throw new BadUserInputError(`A description has at most ${MAX_DESCRIPTION_LENGTH} characters.`, { field: 'description' });
  return trimmed || null;
}

export function checkedEventCount(events: readonly string[]): void {
  if (events.length === 0) throw new BadUserInputError('Subscribe to at least one event type, e.g. "order.placed".', { field: 'events' });
  if (events.length > MAX_EVENTS) throw new BadUserInputError(`At most ${MAX_EVENTS} event types.`, { field: 'events' });
}

export function checkedOverlap(overlapSeconds: number | null | undefined): number {
  const overlap = overlapSeconds ?? DEFAULT_OVERLAP_SECONDS;
  if (!Number.isInteger(overlap) || overlap < 0 || overlap > MAX_OVERLAP_SECONDS) {
    throw new BadUserInputError(`overlapSeconds is 0 to ${MAX_OVERLAP_SECONDS} (7 days).`, { field: 'overlapSeconds' });
  }
  return overlap;
}

/** The secrets that sign now: the current one, and the previous one while its overlap lasts. */
export function signingSecrets(current: string, previous: { secret: string; until: Date } | null, now: Date): string[] {
  return previous && previous.until > now ? [current, previous.secret] : [current];
}
