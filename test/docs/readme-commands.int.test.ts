import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { eventually } from '../support/eventually.js';
import { countRows, createFileDatabase } from '../support/database.js';

const ROOT = new URL('../../', import.meta.url).pathname;
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');
const PLACEHOLDER = '…';

/** Every piece of code README.md shows: inline spans and the lines of fenced blocks. */
function snippets(markdown: string): string[] {
  const fenced = [...markdown.matchAll(/^```[a-z]*\n([\s\S]*?)^```/gm)].flatMap((block) => block[1]!.split('\n'));
  const inline = [...markdown.replace(/^```[\s\S]*?^```/gm, '').matchAll(/`([^`\n]+)`/g)].map((span) => span[1]!);
  return [...fenced, ...inline].map((line) => line.trim());
}

interface DocumentedCommand {
  /** As README.md writes it. */
  text: string;
  env: Record<string, string>;
  /** The words after `pnpm`. */
  args: string[];
}

/**
 * The one pnpm command of README.md that matches, with its `NAME=…` placeholders filled in from `values`; a
 * placeholder without a value fails the test, so the README cannot grow a variable this test does not know.
 */
function documentedCommand(pattern: RegExp, values: Record<string, string> = {}): DocumentedCommand {
  const found = snippets(README).filter((snippet) => pattern.test(snippet));
  expect(found, `README.md shows exactly one command matching ${pattern}`).toHaveLength(1);
  const text = found[0]!;
  const words = text.split(/\s+/);
  const env: Record<string, string> = {};
  while (/^[A-Z][A-Z0-9_]*=/.test(words[0]!)) {
    const [name, value] = words.shift()!.split(/=(.*)/) as [string, string];
    if (value !== PLACEHOLDER) env[name] = value;
    else if (values[name] !== undefined) env[name] = values[name]!;
    else throw new Error(`README.md: no value for the placeholder ${name}=… in \`${text}\``);
  }
  expect(words[0], `\`${text}\` runs pnpm`).toBe('pnpm');
  return { text, env, args: words.slice(1) };
}

/** Runs the command as a user would in the repository root, with the pinned pnpm; in a process group of its own. */
function spawnDocumented(command: DocumentedCommand, extraEnv: Record<string, string> = {}): ChildProcess {
  return spawn(process.execPath, [join(ROOT, 'scripts/pnpm.mjs'), ...command.args], {
    cwd: ROOT,
    env: { ...process.env, ...command.env, ...extraEnv },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

async function runDocumented(command: DocumentedCommand, timeoutMs: number): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawnDocumented(command);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const timer = setTimeout(() => killGroup(child, 'SIGKILL'), timeoutMs);
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  clearTimeout(timer);
  await groupGone(child);
  return { code, stdout, stderr };
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    process.kill(-child.pid!, signal);
  } catch {
    // The group has already exited.
  }
}

/** Resolves once no process of the child's group is left (pnpm, npx, the shell and the server all exit). */
async function groupGone(child: ChildProcess, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      process.kill(-child.pid!, 0);
    } catch {
      return;
    }
    if (Date.now() > deadline) {
      killGroup(child, 'SIGKILL');
      throw new Error(`processes of \`${child.spawnargs.join(' ')}\` still running ${timeoutMs} ms after it ended`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function answersHealth(url: string, timeoutMs: number, child: ChildProcess): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`exited with ${child.exitCode} before answering ${url}`);
    const status = await fetch(url).then((response) => response.status, () => null);
    if (status !== null) return status;
    if (Date.now() > deadline) throw new Error(`${url} did not answer within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

let databaseUrl = '';
let dropDatabase: (() => Promise<void>) | null = null;
const routerSecret = randomBytes(24).toString('base64url');

beforeAll(async () => {
  ({ databaseUrl, drop: dropDatabase } = await createFileDatabase(`${inject('templateDatabase')}_${randomUUID().slice(0, 8)}`));
});
afterAll(async () => {
  await dropDatabase?.();
});

// The three commands are independent child processes: run them side by side.
describe.concurrent('the commands README.md documents, run as written', () => {
  it('`DATABASE_URL=… pnpm seed -- …` loads the data set it was asked for through the graph', async () => {
    const seed = documentedCommand(/\bpnpm seed -- /, { DATABASE_URL: databaseUrl });
    const customers = Number(seed.args[seed.args.indexOf('--customers') + 1]);
    expect(customers, `\`${seed.text}\` names a number of customers`).toBeGreaterThan(0);

    const { code, stdout, stderr } = await runDocumented(seed, 90_000);

    expect(code, stderr).toBe(0);
    const summary = stdout.split('\n').find((line) => line.startsWith('{"customers":'));
    expect(summary, stdout).toBeDefined();
    const result = JSON.parse(summary!) as { customers: number; products: number; orders: number; invoices: number; payments: number };
    expect(result.customers).toBe(customers);
    expect(result.orders).toBeGreaterThanOrEqual(customers);
    expect(await countRows('crm.customer')).toBe(customers);
    expect(await countRows('catalog.product')).toBe(result.products);
    expect(await countRows('sales."order"')).toBe(result.orders);
  }, 120_000);

  it('`pnpm schema:check` passes on the committed schema/', async () => {
    const { code, stdout, stderr } = await runDocumented(documentedCommand(/^pnpm schema:check$/), 60_000);
    expect(code, stderr).toBe(0);
    expect(stdout).toMatch(/up to date, supergraph composes/);
  }, 90_000);

  it('`DATABASE_URL=… ROUTER_SECRET=… pnpm --filter @erp/crm start` serves /health, and the whole process tree stops on SIGTERM', async () => {
    const start = documentedCommand(/\bpnpm --filter @erp\/crm start\b/, { DATABASE_URL: databaseUrl, ROUTER_SECRET: routerSecret });
    const port = await freePort();
    const child = spawnDocumented(start, { PORT: String(port) });
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise((resolve) => child.once('exit', resolve));
    try {
      expect(await answersHealth(`http://127.0.0.1:${port}/health`, 30_000, child), output).toBe(200);
      // Alive (listening) comes before ready (migrated): a process answers /health while it starts.
      const ready = await eventually(
        () => fetch(`http://127.0.0.1:${port}/ready`).then(async (response) => ({ status: response.status, body: await response.json() })),
        (answer) => answer.status === 200,
        20_000,
      );
      expect(ready).toEqual({ status: 200, body: { database: true, pendingMigrations: 0, bus: true } });
    } finally {
      killGroup(child, 'SIGTERM');
      await exited;
      await groupGone(child);
    }
    await expect(fetch(`http://127.0.0.1:${port}/health`)).rejects.toThrow();
  }, 60_000);
});
