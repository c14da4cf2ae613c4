import { BadUserInputError } from '@erp/platform';

/** Payment terms and lead times are whole days, at most a year and a half. */
export const MAX_DAYS = 540;

export function parseDays(value: number, field: string): number {
  if (!Number.isInteger(value) || value < 0 || value > MAX_DAYS) throw new BadUserInputError(`${field} must be a whole number of days from 0 to ${MAX_DAYS}.`, { field });
  return value;
}
