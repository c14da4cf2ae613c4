import { BadUserInputError } from '../errors.js';

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

export function pageSize(first: number | null | undefined): number {
  if (first === null || first === undefined) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw new BadUserInputError(`first must be between 1 and ${MAX_PAGE_SIZE}, got ${first}.`, { field: 'first' });
  }
  return first;
}

/** A cursor names the sort it belongs to, so a cursor from one ordering cannot be replayed under another. */
export interface CursorPosition {
  sort: string;
  value: string | number | null;
  id: string;
}

export function encodeCursor(position: CursorPosition): string {
  return Buffer.from(JSON.stringify([position.sort, position.value, position.id])).toString('base64url');
}

export function decodeCursor(cursor: string, sort: string): CursorPosition {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parsed = null;
  }
  if (!Array.isArray(parsed) || parsed.length !== 3 || typeof parsed[0] !== 'string' || typeof parsed[2] !== 'string') {
    throw new BadUserInputError('after is not a cursor this API returned.', { field: 'after' });
  }
  if (parsed[0] !== sort) {
    throw new BadUserInputError(`after is a cursor for another ordering (${parsed[0]}), not ${sort}.`, { field: 'after' });
  }
  return { sort, value: parsed[1] as string | number | null, id: parsed[2] };
}
