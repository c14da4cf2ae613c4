import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const ROOT = new URL('../../', import.meta.url).pathname;
const CLI = join(ROOT, 'app/dist/schema/cli.js');

function check(schemaDir: string) {
  return run(process.execPath, [CLI, 'check'], { env: { ...process.env, SCHEMA_DIR: schemaDir } }).then(
    ({ stdout }) => ({ code: 0, output: stdout }),
    (error: { code: number; stderr: string }) => ({ code: error.code, output: error.stderr }),
  );
}

describe('pnpm schema:check', () => {
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
});
