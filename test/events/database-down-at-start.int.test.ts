import { randomUUID } from 'node:crypto';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { subgraphDefinitions } from '@erp/app';
import { InProcessEventBus, startSubgraph, type RunningSubgraph } from '@erp/platform';
import { TEST_ROUTER_SECRET } from '../support/constants.js';
import { createFileDatabase } from '../support/database.js';
import { eventually } from '../support/eventually.js';

async function freePort(): Promise<number> {
  const probe = createServer();
  const port = await new Promise<number>((resolve) => probe.listen(0, '127.0.0.1', () => resolve((probe.address() as { port: number }).port)));
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** PostgreSQL behind a port of the test's own, which the test can close (an outage) and open again. */
class DatabaseDoor {
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();

  constructor(
    readonly port: number,
    private readonly upstream: { host: string; port: number },
  ) {}

  static async onFreePort(upstream: { host: string; port: number }): Promise<DatabaseDoor> {
    return new DatabaseDoor(await freePort(), upstream);
  }

  async open(): Promise<void> {
    this.server = createServer((client) => {
      const server = connect(this.upstream.port, this.upstream.host);
      for (const socket of [client, server]) {
        this.sockets.add(socket);
        socket.on('error', () => undefined);
        socket.on('close', () => this.sockets.delete(socket));
      }
      client.pipe(server).pipe(client);
    });
    await new Promise<void>((resolve) => this.server!.listen(this.port, '127.0.0.1', () => resolve()));
  }

  /** Refuses new connections and cuts the open ones. */
  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = null;
    const closed = new Promise((resolve) => server.close(resolve));
    for (const socket of this.sockets) socket.destroy();
    await closed;
  }
}

const { databaseUrl, drop } = await createFileDatabase(`${inject('templateDatabase')}_${randomUUID().slice(0, 8)}`);
const direct = new URL(databaseUrl);
const door = await DatabaseDoor.onFreePort({ host: direct.hostname, port: Number(direct.port || 5432) });
const throughDoor = new URL(databaseUrl);
throughDoor.port = String(door.port);
let billing: RunningSubgraph | null = null;
const bus = new InProcessEventBus();

afterAll(async () => {
  await billing?.close();
  await bus.close();
  await door.close();
  await drop();
});

async function get(url: string): Promise<{ status: number; body: unknown }> {
  const response = await fetch(url);
  return { status: response.status, body: await response.json() };
}
const readiness = (base: string) => get(`${base}/ready`);

describe('a subgraph started while PostgreSQL is down', () => {
  it('listens and says it is not ready, becomes ready when the database comes, and says so again when it goes', async () => {
    const definition = subgraphDefinitions().find((candidate) => candidate.name === 'billing')!;
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    let outcome: string | null = null;
    const starting = startSubgraph(definition, { databaseUrl: throughDoor.toString(), routerSecret: TEST_ROUTER_SECRET, port, poolSize: 2, events: bus });
    starting.then(
      () => (outcome = 'started'),
      (error: unknown) => (outcome = `failed: ${String(error)}`),
    );

    // Listening, alive, not ready, and still waiting (not crashed) a few tries later.
    await eventually(() => fetch(`${base}/health`).then((r) => r.status, () => 0), (status) => status === 200, 5_000);
    expect(await readiness(base)).toEqual({ status: 503, body: { starting: true, database: false } });
    expect((await get(`${base}/graphql`)).status).toBe(503);
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect(outcome).toBeNull();

    await door.open();
    billing = await starting;
    expect(billing.url).toBe(base);
    const ready = await eventually(() => readiness(billing!.url), (r) => r.status === 200, 10_000);
    expect(ready).toEqual({ status: 200, body: { database: true, pendingMigrations: 0, bus: true } });

    await door.close();
    expect(await readiness(billing.url)).toMatchObject({ status: 503, body: { database: false } });
    expect((await fetch(`${billing.url}/health`)).status).toBe(200);
    await door.open();
    expect(await eventually(() => readiness(billing!.url), (r) => r.status === 200, 10_000)).toMatchObject({ status: 200 });
  });
});
