import { BadUserInputError } from '@erp/platform';

const SKU = /^[A-Z0-9][A-Z0-9._-]{0,63}$/;
export const UNITS = ['pcs', 'kg', 'g', 'l', 'ml', 'm', 'm2', 'h', 'day', 'box', 'pack'] as const;

/** SKUs are compared upper-case: "ab-1" and "AB-1" are the same SKU. */
export function parseSku(sku: string): string {
  const normalized = sku.trim().toUpperCase();
  if (!SKU.test(normalized)) {
    throw new BadUserInputError('sku must be 1–64 letters, digits, ".", "_" or "-", e.g. "CHAIR-OAK-01".', { field: 'sku' });
  }
  return normalized;
}

export function parseUnit(unit: string): string {
  const normalized = unit.trim().toLowerCase();
  if (!(UNITS as readonly string[]).includes(normalized)) {
    throw new BadUserInputError(`unit must be one of ${UNITS.join(', ')}.`, { field: 'unit' });
  }
  return normalized;
}
