import { waitUntilSettled } from '@erp/platform';
import { sql } from './database.js';

/**
 * Waits until the platform has finished reacting to what a test did (every outbox published, consumers quiet): the
 * kit's `waitUntilSettled` on the test's database. Tests that count SQL statements call it first.
 */
export function settled(timeoutMs = 20_000): Promise<void> {
  return waitUntilSettled((text) => sql(text), { timeoutMs });
}
