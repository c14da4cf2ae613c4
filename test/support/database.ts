import pg from 'pg';
import { inject } from 'vitest';

/** Reads the test database directly, to assert what a refused request left unchanged. */
export async function sql<T extends Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: inject('databaseUrl') });
  await client.connect();
  try {
    return (await client.query(text, params)).rows as T[];
  } finally {
    await client.end();
  }
}

export async function countRows(table: string): Promise<number> {
  const [row] = await sql<{ count: string }>(`select count(*) as count from ${table}`);
  return Number(row!.count);
}
