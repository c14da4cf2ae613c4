import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { GraphQLClient } from '../support/client.js';
import { CreateCustomerDocument, CustomersDocument, LoginDocument, StockLevelsReportDocument } from '../generated/graphql.js';

const MAIN = new URL('../../app/dist/main.js', import.meta.url).pathname;
const dataDir = mkdtempSync(join(tmpdir(), 'erp-embedded-'));

/** Starts `npm start`'s entry point with nothing configured but a data directory; resolves with the graph's URL. */
function startEmbedded(): Promise<{ child: ChildProcess; url: string }> {
  const { DATABASE_URL: _, ...env } = process.env;
  const child = spawn(process.execPath, [MAIN], { env: { ...env, ERP_DATA_DIR: dataDir, PORT: '0', ERP_RANDOM_PORTS: '1', LOG_LEVEL: 'warn' } });
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`no URL after 60 s:\n${output}`)), 60_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /The ERP graph is ready: (\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ child, url: match[1]! });
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`exited with ${code}:\n${output}`)));
  });
}

function stop(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    child.once('exit', (code) => resolve(code));
    child.kill('SIGTERM');
  });
}

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('npm start with nothing configured', () => {
  it('serves the demo graph on the embedded database, stops cleanly on SIGTERM and keeps data across restarts', async () => {
    const first = await startEmbedded();
    const anonymous = new GraphQLClient(first.url);
    const login = await anonymous.data(LoginDocument, { email: 'admin@demo.erp', password: 'demo-admin-pass' });
    const admin = anonymous.withToken(login.login.accessToken);
    const demo = await admin.data(CustomersDocument, { first: 5 });
    expect(demo.customers.totalCount).toBeGreaterThanOrEqual(12);
    expect(demo.customers.edges).toHaveLength(5);
    // The demo's stock: the placed order of 10 lamps reserved MAIN's lamps down to their reorder point.
    const low = await admin.data(StockLevelsReportDocument, { filter: { low: true } });
    expect(low.stockLevels.edges.map(({ node }) => [node.product?.name, node.warehouse.code, node.available, node.reorderPoint])).toEqual([['LED desk lamp', 'MAIN', 20, 20]]);
    expect((await anonymous.send(CustomersDocument, { first: 5 })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    await admin.data(CreateCustomerDocument, { input: { name: 'Kept Across Restarts' } });
    const started = Date.now();
    expect(await stop(first.child)).toBe(0);
    expect(Date.now() - started).toBeLessThan(10_000);

    const second = await startEmbedded();
    const again = new GraphQLClient(second.url);
    const token = (await again.data(LoginDocument, { email: 'admin@demo.erp', password: 'demo-admin-pass' })).login.accessToken;
    const kept = await again.withToken(token).data(CustomersDocument, { filter: { search: 'Kept Across Restarts' } });
    expect(kept.customers.totalCount).toBe(1);
    expect(await stop(second.child)).toBe(0);
  }, 120_000);
});
