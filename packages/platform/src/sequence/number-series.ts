import type { EntityManager } from '@mikro-orm/postgresql';
import type { RowReader } from '../data/row-reader.js';
import { raw } from '../data/sql.js';
import { ownSchema } from '../data/table-name.js';

/** Where a series' statements run: the pool (`ctx.db`), each statement on its own, outside any transaction. */
type SeriesDb = Pick<RowReader, 'metadata' | 'rows'>;

/**
 * Yearly document numbers that must be unique and increasing but may have gaps (order numbers) come from a PostgreSQL
 * sequence per name and year, `"<schema>"."<name>_number_<year>"`, created on the year's first use. `nextval` takes
 * no lock that another transaction waits for, so concurrent writers never queue behind each other's commit — unlike
 * `nextNumber`, whose row stays locked until the transaction ends, which gap-free numbers (invoices) need. A number
 * drawn by a write that fails or rolls back is lost: a gap.
 */
export function numberSeries(em: Pick<EntityManager, 'config'>, name: string, year: number): string {
  if (!/^[a-z][a-z0-9_]{0,39}$/.test(name) || !Number.isInteger(year) || year < 1000 || year > 9999) {
    throw new Error(`A number series is a lower-case name and a four-digit year, got ${name} ${year}.`);
  }
  return `"${ownSchema(em)}"."${name}_number_${year}"`;
}

/** The SQL expression that draws the series' next number, for a statement that uses it (inside `inNumberSeries`). */
export function nextInSeriesSql(em: Pick<EntityManager, 'config'>, name: string, year: number): string {
  return `nextval('${numberSeries(em, name, year)}')`;
}

/**
 * `formatDocumentNumber(prefix, year, value)` in SQL, for a number drawn in the statement that stores it: `value` is a
 * column or parameter holding the drawn number (it is read twice), e.g. `drawn.value`.
 */
export function documentNumberSql(prefix: string, year: number, value: string): string {
  if (!/^[A-Z]{1,8}$/.test(prefix) || !Number.isInteger(year)) throw new Error(`A document number is an upper-case prefix and a year, got ${prefix} ${year}.`);
  return `'${prefix}-${year}-' || lpad((${value})::text, greatest(6, length((${value})::text)), '0')`;
}

/** Creates the series if it does not exist; a concurrent creation of the same series is not an error. */
async function createNumberSeries(db: SeriesDb, name: string, year: number): Promise<void> {
  try {
    await db.rows(raw(`create sequence if not exists ${numberSeries(db.metadata, name, year)} as bigint`));
  } catch (error) {
    // Two first uses of a year at once: `if not exists` does not see the other's uncommitted sequence, and the loser
    // trips over its catalog row (unique_violation, or duplicate_table once the winner has committed).
    if (!['23505', '42P07'].includes(sqlState(error) ?? '')) throw error;
  }
}

/**
 * Runs `statement` — one statement on `db` (`ctx.db`: on its own, outside any transaction) that draws from the series
 * with `nextInSeriesSql` — and, if the year's sequence does not exist yet, creates it and runs the statement again. A
 * failed statement changed nothing, so running it again is safe (inside a transaction the failure would have aborted
 * the transaction: that is why it runs on the pool).
 */
export async function inNumberSeries<T>(db: SeriesDb, name: string, year: number, statement: () => Promise<T>): Promise<T> {
  try {
    return await statement();
  } catch (error) {
    if (sqlState(error) !== '42P01' || !String((error as Error).message).includes(`${name}_number_${year}`)) throw error;
    await createNumberSeries(db, name, year);
    return statement();
  }
}

/** PostgreSQL's SQLSTATE of a failed statement, as the driver reports it (`pg`'s error, also when wrapped as a cause). */
function sqlState(error: unknown): string | undefined {
  for (let current = error as { code?: unknown; cause?: unknown } | undefined, depth = 0; current && depth < 4; current = current.cause as typeof current, depth += 1) {
    if (typeof current.code === 'string' && /^[0-9A-Z]{5}$/.test(current.code)) return current.code;
  }
  return undefined;
}
