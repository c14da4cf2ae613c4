import type { EntityManager } from '@mikro-orm/postgresql';
import { tableOf } from '../data/table-name.js';
import { NumberSequence } from './number-sequence.entity.js';

/**
 * The next number of a gap-free yearly sequence, e.g. INV-2026-000042. Call it inside the transaction that uses the
 * number: the upsert locks the sequence row until that transaction ends, so concurrent callers queue, and a rollback
 * gives the number back.
 */
export async function nextNumber(em: EntityManager, name: string, year: number): Promise<bigint> {
  const table = tableOf(em, NumberSequence);
  const rows: { last_value: string }[] = await em.getConnection().execute(
    `insert into ${table} (name, year, last_value) values (?, ?, 1)
     on conflict (name, year) do update set last_value = "number_sequence".last_value + 1
     returning last_value`,
    [name, year],
    'all',
    em.getTransactionContext(),
  );
  return BigInt(rows[0]!.last_value);
}

export function formatDocumentNumber(prefix: string, year: number, value: bigint): string {
  return `${prefix}-${year}-${value.toString().padStart(6, '0')}`;
}
