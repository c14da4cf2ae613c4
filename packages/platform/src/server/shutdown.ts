import { wholeNumberSetting } from '../whole-number-setting.js';

/**
 * How long each step of a graceful shutdown may take (docs/architecture.md, "Shutdown"). The HTTP drain is the long
 * one: a request in flight may wait on a peer's 10 s deadline, so the default leaves it 15 s. The sum of the steps
 * stays under the 30 s an orchestrator usually grants between SIGTERM and SIGKILL.
 */
export interface ShutdownBounds {
  /** From SIGTERM until requests still unanswered are cut (default 15 s; SHUTDOWN_DRAIN_MS). */
  drainTimeoutMs?: number;
  /**
   * How long `/ready` answers 503 while the server still accepts (and serves) connections, before it stops listening:
   * the time a load balancer that probes `/ready` needs to notice (default 0; SHUTDOWN_READY_GRACE_MS). Part of the
   * drain's bound.
   */
  readyGraceMs?: number;
}

export const DEFAULT_DRAIN_TIMEOUT_MS = 15_000;
/** WebSocket close handshakes (1001 Going away) get this long before the sockets are dropped. */
export const SOCKET_CLOSE_TIMEOUT_MS = 2_000;
/** Jobs a consumer is running when the subgraph stops get this long to finish before the database closes. */
export const JOB_STOP_TIMEOUT_MS = 5_000;
/** The database pool closes once its connections are back; one still held by a request cut at the bound is left. */
export const ORM_CLOSE_TIMEOUT_MS = 3_000;

export function shutdownBoundsFromEnvironment(env: NodeJS.ProcessEnv = process.env): ShutdownBounds {
  return { drainTimeoutMs: wholeNumberSetting(env, 'SHUTDOWN_DRAIN_MS'), readyGraceMs: wholeNumberSetting(env, 'SHUTDOWN_READY_GRACE_MS') };
}

/** Waits for `work` at most `ms`; true when it settled in time (its outcome, success or failure, is not awaited further). */
export async function within(ms: number, work: Promise<unknown>): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  try {
    return await Promise.race([work.then(() => true, () => true), timedOut]);
  } finally {
    clearTimeout(timer);
  }
}

/** What the steps after the drain may take together (sockets, bus, jobs, database) before the process gives up. */
const AFTER_DRAIN_MS = 15_000;

/**
 * A process entry point's SIGTERM/SIGINT: runs `stop` and exits 0 after it; 1 when it fails, or when it is still
 * running 15 s after the drain's bound (a stuck connection must not keep a stopping process alive until the
 * orchestrator's SIGKILL). Later signals change nothing: a process group's SIGTERM often reaches a server twice, once
 * directly and once forwarded by the pnpm or npm that started it.
 */
export function onTerminationSignal(stop: () => Promise<void>, options: { bounds?: ShutdownBounds; log?: (message: string) => void } = {}): void {
  const log = options.log ?? ((message: string) => process.stderr.write(`${message}\n`));
  const drainMs = options.bounds?.drainTimeoutMs ?? DEFAULT_DRAIN_TIMEOUT_MS;
  let stopping = false;
  const handle = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: stopping (requests in flight get up to ${drainMs} ms)`);
    setTimeout(() => {
      log(`still stopping ${drainMs + AFTER_DRAIN_MS} ms after ${signal}: exiting anyway`);
      process.exit(1);
    }, drainMs + AFTER_DRAIN_MS).unref();
    stop().then(
      () => process.exit(0),
      (error: unknown) => {
        log(`stopping failed: ${(error as Error)?.stack ?? String(error)}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', handle);
  process.on('SIGINT', handle);
}
