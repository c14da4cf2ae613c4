import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';

export interface Child {
  process: ChildProcess;
  output: () => string;
  stop(): Promise<void>;
}

/** Spawns a Node process (the same Node as this one) and waits until its output matches `ready`. */
/** With `ready` null it resolves at once (the caller polls the process instead). */
export function startNode(script: string, env: Record<string, string>, ready: RegExp | null, timeoutMs = 120_000): Promise<Child> {
  const child = spawn(process.execPath, [script], { env: { ...process.env, LOG_LEVEL: 'warn', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const handle: Child = {
    process: child,
    output: () => output,
    stop: () =>
      new Promise((resolve) => {
        // A process ended by a signal has no exit code, only a signal code.
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
      }),
  };
  if (!ready) {
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    return Promise.resolve(handle);
  }
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${script} not ready after ${timeoutMs} ms:\n${output}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (ready.test(output)) {
        clearTimeout(timer);
        resolve(handle);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${script} exited with ${code}:\n${output}`));
    });
  });
}

/** CPU seconds (user + system) a process has used so far, from /proc. */
export function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  return ticks / 100;
}

export function memoryMb(pid: number): number {
  const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return rss ? Number(rss[1]) / 1024 : NaN;
}

/** Starts measuring the CPU of some processes; the function returns the seconds they used since (one that exited counts zero). */
export function cpuMeter(pids: readonly number[]): () => number {
  const read = (pid: number) => {
    try {
      return cpuSeconds(pid);
    } catch {
      return null;
    }
  };
  const before = pids.map(read);
  return () => pids.reduce((sum, pid, i) => {
    const after = read(pid);
    return sum + (after !== null && before[i] !== null ? after - before[i]! : 0);
  }, 0);
}
