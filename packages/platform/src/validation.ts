import { BadUserInputError } from './errors.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

export function assertUuid(value: string, field: string): string {
  if (!UUID.test(value)) throw new BadUserInputError(`${field} must be a UUID, got "${value}".`, { field });
  return value;
}

/** Escapes LIKE wildcards so a search for "50%" finds "50%", not everything starting with "50". */
export function likePattern(search: string): string {
  return `%${search.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Trims and lower-cases an email address, refusing anything that is not one. */
export function normalizeEmail(email: string, field = 'email'): string {
  const normalized = email.trim().toLowerCase();
  if (normalized.length > 320 || !EMAIL.test(normalized)) {
    throw new BadUserInputError(`${field} is not a valid email address: "${email}".`, { field });
  }
  return normalized;
}

/** A required single-line text: trimmed, not empty, at most `max` characters. */
export function requiredText(value: string, field: string, max = 200): string {
  const trimmed = value.trim();
  if (!trimmed) throw new BadUserInputError(`${field} must not be empty.`, { field });
  if (trimmed.length > max) throw new BadUserInputError(`${field} must have at most ${max} characters.`, { field });
  return trimmed;
}

/** An optional text: trimmed, empty becomes null, at most `max` characters. */
export function optionalText(value: string | null | undefined, field: string, max = 200): string | null {
  if (value === null || value === undefined) return null;
  const trimmed = value.trim();
  if (trimmed.length > max) throw new BadUserInputError(`${field} must have at most ${max} characters.`, { field });
  return trimmed || null;
}
