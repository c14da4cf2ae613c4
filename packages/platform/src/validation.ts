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
