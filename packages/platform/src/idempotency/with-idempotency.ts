import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { tableOf } from '../data/table-name.js';
import { BadUserInputError, ConflictError } from '../errors.js';
import { IdempotencyKey } from './idempotency-key.entity.js';

export interface IdempotentResult {
  resultId: string;
  /** True when this call replayed an earlier one and did nothing. */
  replayed: boolean;
}

/** The key as claimed: trimmed, 1 to 200 characters. */
export function checkedKey(key: string): string {
  const trimmed = key.trim();
  if (!trimmed || trimmed.length > 200) throw new BadUserInputError('idempotencyKey must have 1 to 200 characters.', { field: 'idempotencyKey' });
  return trimmed;
}

export function fingerprintOf(input: unknown): string {
  return createHash('sha256').update(JSON.stringify(input, (_k, v) => (typeof v === 'bigint' ? v.toString() : v))).digest('hex');
}

/**
 * Runs `write` once per (scope, key). It claims the key in the same transaction as the write: a concurrent call with
 * the same key blocks on the claim until the first commits, then replays its result; if the first rolls back, the key
 * is free again. The same key with different input is a CONFLICT.
 */
export async function withIdempotency(
  em: EntityManager,
  scope: string,
  key: string,
  input: unknown,
  write: (tx: EntityManager) => Promise<string>,
): Promise<IdempotentResult> {
  const trimmed = checkedKey(key);
  const fingerprint = fingerprintOf(input);
  const table = tableOf(em, IdempotencyKey);
  return em.transactional(async (tx) => {
    const connection = tx.getConnection();
    const context = tx.getTransactionContext();
    const claimed: unknown[] = await connection.execute(
      `insert into ${table} (scope, key, fingerprint, created_at) values (?, ?, ?, now())
       on conflict do nothing returning key`,
      [scope, trimmed, fingerprint],
      'all',
      context,
    );
    if (claimed.length === 0) {
      const [previous] = (await connection.execute(
        `select fingerprint, result_id from ${table} where scope = ? and key = ?`,
        [scope, trimmed],
        'all',
        context,
      )) as { fingerprint: string; result_id: string | null }[];
      if (previous!.fingerprint !== fingerprint) {
        throw new ConflictError('This idempotencyKey was already used for a different request.', { field: 'idempotencyKey' });
      }
      return { resultId: previous!.result_id!, replayed: true };
    }
    const resultId = await write(tx);
    await connection.execute(`update ${table} set result_id = ? where scope = ? and key = ?`, [resultId, scope, trimmed], 'all', context);
    return { resultId, replayed: false };
  });
}
