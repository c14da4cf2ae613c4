/**
 * The embedded PostgreSQL of `npm start` without DATABASE_URL: PGlite (PostgreSQL compiled to WASM, persisted in a
 * directory) served over the PostgreSQL wire protocol on a local port, so the same `pg` driver and MikroORM code
 * paths run as against a real server.
 *
 * PGlite has one backend. pglite-socket's own queue interleaves the messages of different connections, which
 * corrupts extended-protocol exchanges (Parse/Bind/Execute of one client between those of another). Our queue gives
 * the backend to one connection at a time, for a whole turn: until its Sync or simple Query has been answered
 * outside a transaction block. So a connection's transaction runs alone; code must never wait on a second
 * connection while it holds a transaction open (it would wait forever; we fail it after a timeout instead).
 */
import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketHandler } from '@electric-sql/pglite-socket';

export interface EmbeddedPostgres {
  url: string;
  stop(): Promise<void>;
}

/** Connections each subgraph's pool may open; they take turns on the single backend. */
export const EMBEDDED_POOL_SIZE = 4;
const WAIT_TIMEOUT_MS = 30_000;

interface Job {
  handlerId: number;
  message: Uint8Array;
  onData: (data: Uint8Array) => void;
  resolve: (bytes: number) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

const SYNC = 0x53;
const QUERY = 0x51;
const TERMINATE = 0x58;

/** A turn ends with a Sync, a simple Query or a Terminate, and with the startup packet (it has no type byte). */
function endsTurn(message: Uint8Array): boolean {
  const type = message[0];
  return type === 0 || type === SYNC || type === QUERY || type === TERMINATE;
}

class TurnTakingQueue {
  private owner: number | null = null;
  private jobs: Job[] = [];
  private running = false;

  constructor(
    private readonly db: PGlite,
    /** PGlite ignores Terminate; the client waits for the socket to close, so we close it. */
    private readonly onTerminate: (handlerId: number) => void,
  ) {}

  enqueue(handlerId: number, message: Uint8Array, onData: (data: Uint8Array) => void): Promise<number> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.jobs = this.jobs.filter((job) => job.timer !== timer);
        reject(new Error('embedded PostgreSQL: waited 30 s for another connection to finish its transaction'));
      }, WAIT_TIMEOUT_MS);
      this.jobs.push({ handlerId, message, onData, resolve, reject, timer });
      void this.pump();
    });
  }

  private async pump(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      for (;;) {
        const index = this.owner === null ? 0 : this.jobs.findIndex((job) => job.handlerId === this.owner);
        if (index < 0 || this.jobs.length === 0) break;
        const [job] = this.jobs.splice(index, 1);
        clearTimeout(job!.timer);
        await this.run(job!);
      }
    } finally {
      this.running = false;
    }
  }

  private async run(job: Job): Promise<void> {
    if (job.message[0] === TERMINATE) {
      this.owner = this.owner === job.handlerId ? null : this.owner;
      job.resolve(0);
      this.onTerminate(job.handlerId);
      return;
    }
    let bytes = 0;
    try {
      await this.db.runExclusive(() =>
        this.db.execProtocolRawStream(job.message, {
          onRawData: (data) => {
            bytes += data.length;
            job.onData(data);
          },
        }),
      );
      this.owner = endsTurn(job.message) && !this.db.isInTransaction() ? null : job.handlerId;
      job.resolve(bytes);
    } catch (error) {
      this.owner = this.db.isInTransaction() ? job.handlerId : null;
      job.reject(error as Error);
    }
  }

  getQueueLength(): number {
    return this.jobs.length;
  }

  clearQueueForHandler(handlerId: number): void {
    for (const job of this.jobs.filter((j) => j.handlerId === handlerId)) {
      clearTimeout(job.timer);
      job.reject(new Error('connection closed'));
    }
    this.jobs = this.jobs.filter((job) => job.handlerId !== handlerId);
  }

  /** A connection that disconnects mid-transaction must not leave the backend locked. */
  async clearTransactionIfNeeded(handlerId: number): Promise<void> {
    if (this.owner !== handlerId) return;
    if (this.db.isInTransaction()) await this.db.exec('ROLLBACK');
    this.owner = null;
    void this.pump();
  }
}

export async function startEmbeddedPostgres(options: { dataDir: string; port?: number }): Promise<EmbeddedPostgres> {
  const db = await PGlite.create({ dataDir: options.dataDir });
  const sockets = new Map<number, Socket>();
  const queue = new TurnTakingQueue(db, (handlerId) => sockets.get(handlerId)?.end());
  const handlers = new Set<PGLiteSocketHandler>();
  const server: Server = createServer((socket: Socket) => {
    const handler = new PGLiteSocketHandler({ queryQueue: queue as never, closeOnDetach: true });
    handlers.add(handler);
    sockets.set(handler.handlerId, socket);
    const forget = () => {
      handlers.delete(handler);
      sockets.delete(handler.handlerId);
    };
    handler.addEventListener('close', forget);
    handler.addEventListener('error', forget);
    handler.attach(socket).catch(() => socket.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    async stop() {
      await Promise.all([...handlers].map((handler) => handler.detach(true)));
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await db.close();
    },
  };
}
