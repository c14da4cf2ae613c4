import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const ROOT = new URL('../../', import.meta.url).pathname;
const CLI = join(ROOT, 'app/dist/schema/cli.js');

function check(schemaDir: string, peerOperationsRoot = ROOT) {
  return run(process.execPath, [CLI, 'check'], { env: { ...process.env, SCHEMA_DIR: schemaDir, PEER_OPERATIONS_ROOT: peerOperationsRoot } }).then(
    ({ stdout }) => ({ code: 0, output: stdout }),
    (error: { code: number; stderr: string }) => ({ code: error.code, output: error.stderr }),
  );
}

// Each check is a Node process composing the supergraph: seconds alone, far more beside the fault suite's processes.
describe('pnpm schema:check', { timeout: 90_000 }, () => {
  it('passes on the committed schema/', async () => {
    const result = await check(join(ROOT, 'schema'));
    expect(result).toMatchObject({ code: 0 });
    expect(result.output).toMatch(/up to date, supergraph composes/);
  });

  it('fails when a subgraph SDL was changed without regenerating', async () => {
    const copy = mkdtempSync(join(tmpdir(), 'schema-'));
    cpSync(join(ROOT, 'schema'), copy, { recursive: true });
    const sdl = join(copy, 'identity.graphql');
    writeFileSync(sdl, readFileSync(sdl, 'utf8').replace('type User', 'type User @deprecated'));
    const result = await check(copy);
    rmSync(copy, { recursive: true, force: true });
    expect(result.code).toBe(1);
    expect(result.output).toMatch(/schema\/identity\.graphql is stale/);
  });

  it('fails when a peer operation names a field that no longer exists, or one its peer does not serve', async () => {
    const root = mkdtempSync(join(tmpdir(), 'peers-'));
    for (const subgraph of readdirSync(join(ROOT, 'subgraphs'))) {
      const peers = join('subgraphs', subgraph, 'src', 'peers');
      if (existsSync(join(ROOT, peers))) cpSync(join(ROOT, peers), join(root, peers), { recursive: true, filter: (path) => !path.endsWith('.ts') });
    }
    // As if catalog had renamed Product.taxRate: sales still reads the old name.
    const catalog = join(root, 'subgraphs/sales/src/peers/catalog.graphql');
    writeFileSync(catalog, readFileSync(catalog, 'utf8').replace('taxRate', 'vatRate'));
    // Customer.orders exists in the graph, but sales serves it, not crm.
    const crm = join(root, 'subgraphs/notifications/src/peers/crm.graphql');
    writeFileSync(crm, readFileSync(crm, 'utf8').replace(/email\n/, 'email\n  orders { totalCount }\n'));
    writeFileSync(join(root, 'subgraphs/notifications/src/peers/warehouse.graphql'), 'fragment Stock on Product { id }\n');
    const result = await check(join(ROOT, 'schema'), root);
    rmSync(root, { recursive: true, force: true });
    expect(result.code).toBe(1);
    expect(result.output).toMatch(/subgraphs\/sales\/src\/peers\/catalog\.graphql:\d+:\d+: Cannot query field "vatRate" on type "Product"/);
    expect(result.output).toMatch(/subgraphs\/notifications\/src\/peers\/crm\.graphql:\d+:\d+: Cannot query field "orders" on type "Customer"\. \(not served by crm\)/);
    expect(result.output).toMatch(/subgraphs\/notifications\/src\/peers\/warehouse\.graphql: "warehouse" is no subgraph/);
    expect(result.output).not.toMatch(/schema\/\S+ is stale/);
  });
});
