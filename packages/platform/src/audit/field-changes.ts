import type { AuditValue, FieldChange } from './audit-record.js';

/** A value as the audit trail keeps it: JSON, with dates as ISO strings and bigints (money in minor units) as strings. */
export function auditValue(value: unknown): AuditValue {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      return Number.isFinite(value) ? value : String(value);
    case 'bigint':
      return value.toString();
    case 'object': {
      if (Array.isArray(value)) return value.map(auditValue);
      const copy: Record<string, AuditValue> = {};
      for (const [key, item] of Object.entries(value)) {
        if (item !== undefined && typeof item !== 'function') copy[key] = auditValue(item);
      }
      return copy;
    }
    default:
      return null;
  }
}

/** Key order does not make a change: a JSON column read back from PostgreSQL orders its keys its own way. */
function canonical(value: AuditValue): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  return `{${Object.keys(value)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${canonical(value[key]!)}`)
    .join(',')}}`;
}

const isEmpty = (value: AuditValue) => value === null || (Array.isArray(value) && value.length === 0);

/**
 * The fields of `names` that differ between two states of a record (`before` null: it was created, `after` null: it was
 * deleted), in the order given. A created or deleted record lists its non-empty fields. A secret field that changed
 * appears with `redacted: true` and no values, so the trail shows that a password changed but never its hash.
 */
export function fieldChanges(
  before: Readonly<Record<string, unknown>> | null,
  after: Readonly<Record<string, unknown>> | null,
  names: readonly string[],
  isSecret: (field: string) => boolean,
): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const field of names) {
    const was = before ? auditValue(before[field]) : null;
    const is = after ? auditValue(after[field]) : null;
    if (before && after ? canonical(was) === canonical(is) : isEmpty(before ? was : is)) continue;
    changes.push(isSecret(field) ? { field, before: null, after: null, redacted: true } : { field, before: was, after: is });
  }
  return changes;
}
