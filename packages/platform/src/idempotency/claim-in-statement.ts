import type { EntityManager } from '@mikro-orm/postgresql';
import type { RowReader } from '../data/row-reader.js';
import { raw, sql, type Sql } from '../data/sql.js';
import { tableOf } from '../data/table-name.js';
import { ConflictError } from '../errors.js';
import { IdempotencyKey } from './idempotency-key.entity.js';
import { checkedKey, fingerprintOf, type IdempotentResult } from './with-idempotency.js';

/** A claim of an idempotency key, to insert as a row of the write it guards (`claimInsertSql`). */
export interface IdempotencyClaim {
  table: string;
  scope: string;
  key: string;
  fingerprint: string;
}

/**
 * For a write that is one statement and knows its result before it runs (placing order X answers X), the claim is a
 * row of that statement rather than a round trip of its own (`withIdempotency` claims first, then writes, in a
 * transaction). The claim is inserted without `on conflict`: a key already taken — or being taken by a transaction
 * in flight, which the insert waits for — fails the whole statement, which then changed nothing (`isClaimTaken`).
 * After such a failure, or before answering a refusal, `previousClaim` tells a replay (the same input: its result)
 * from a CONFLICT (another input) and from a free key (null). Claims are the same rows `withIdempotency` writes.
 */
export function idempotencyClaim(em: Pick<EntityManager, 'config' | 'getMetadata'>, scope: string, key: string, input: unknown): IdempotencyClaim {
  return { table: tableOf(em, IdempotencyKey), scope, key: checkedKey(key), fingerprint: fingerprintOf(input) };
}

/**
 * `insert … select` of the claim with its result, one row per row of `source` (a CTE of the statement: claim only
 * if the write happened), for a statement run on `ctx.db`.
 */
export function claimInsertSql(claim: IdempotencyClaim, resultId: Sql, source: Sql): Sql {
  return sql`insert into ${raw(claim.table)} (scope, key, fingerprint, result_id, created_at)
             select ${claim.scope}::text, ${claim.key}::text, ${claim.fingerprint}::text, ${resultId}, now() from ${source}`;
}

/** Whether a statement failed because its claim's key was already taken (by a claim that committed). */
export function isClaimTaken(error: unknown, claim: IdempotencyClaim): boolean {
  const failure = error as { code?: unknown; schema?: unknown; table?: unknown };
  return failure?.code === '23505' && claim.table === `"${String(failure.schema)}"."${String(failure.table)}"`;
}

/**
 * The committed claim of this key, if any: the same input replays its result; other input is a CONFLICT; null when
 * the key is free.
 */
export async function previousClaim(db: Pick<RowReader, 'first'>, claim: IdempotencyClaim): Promise<IdempotentResult | null> {
  const previous = await db.first<{ fingerprint: string; result_id: string | null }>(
    sql`select fingerprint, result_id from ${raw(claim.table)} where scope = ${claim.scope}::text and key = ${claim.key}::text`,
  );
  if (!previous) return null;
  if (previous.fingerprint !== claim.fingerprint) {
    throw new ConflictError('This idempotencyKey was already used for a different request.', { field: 'idempotencyKey' });
  }
  return { resultId: previous.result_id!, replayed: true };
}
