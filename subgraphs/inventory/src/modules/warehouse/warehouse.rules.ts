import { BadUserInputError } from '@erp/platform';

const CODE = /^[A-Z0-9][A-Z0-9_-]{0,31}$/;

/** A warehouse code: trimmed, upper-case, letters, digits, `-` and `_`, at most 32. */
export function parseWarehouseCode(input: string): string {
  const code = input.trim().toUpperCase();
  if (!CODE.test(code)) throw new BadUserInputError('code must be 1 to 32 letters, digits, "-" or "_".', { field: 'code' });
  return code;
}
