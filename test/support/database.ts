import pg from 'pg';
import { inject } from 'vitest';

const ADMIN_URL = process.env.TEST_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

function urlOf(name: string): string {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

/** A session of its own on the server's admin database (temporary tables vanish with it). */
export async function asAdmin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

let fileDatabaseUrl: string | null = null;

/** The database of this test file: its own clone of the run's migrated template (see useTestPlatform). */
export function testDatabaseUrl(): string {
  if (!fileDatabaseUrl) throw new Error('No test database yet: call useTestPlatform() in this file first.');
  return fileDatabaseUrl;
}

/**
 * Clones the run's migrated template into a database for this file alone: no other file's relay drains its outbox,
 * no other file's rows change its counts. Cloning takes a fraction of a second; migrating would take seconds.
 */
export async function createFileDatabase(name: string): Promise<{ databaseUrl: string; drop: () => Promise<void> }> {
  const template = inject('templateDatabase');
  await asAdmin(async (client) => {
    // Two files cloning at the same instant can trip over each other's copy of the template: try again.
    for (let attempt = 1; ; attempt += 1) {
      try {
        await client.query(`create database "${name}" template "${template}"`);
        return;
      } catch (error) {
        if (attempt >= 20 || !/being accessed by other users/.test(String(error))) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
      }
    }
  });
  fileDatabaseUrl = urlOf(name);
  return {
    databaseUrl: fileDatabaseUrl,
    drop: () => asAdmin(async (client) => void (await client.query(`drop database if exists "${name}" with (force)`))),
  };
}

/** Reads the file's database directly, to assert what a request left (un)changed. */
export async function sql<T extends Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: testDatabaseUrl() });
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
