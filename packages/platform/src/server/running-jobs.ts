import { within } from './shutdown.js';

/**
 * The jobs a subgraph's consumers are running, so that stopping lets them finish before the database closes. After
 * `stop`, a job delivered anyway (a bus shared with subgraphs still running) is refused with an error, which the bus
 * treats like any failure: it delivers the event again later, to this instance once restarted or to another.
 */
export class RunningJobs {
  private readonly running = new Set<Promise<unknown>>();
  private stopped = false;

  constructor(private readonly subgraph: string) {}

  run<T>(job: () => Promise<T>): Promise<T> {
    if (this.stopped) return Promise.reject(new Error(`${this.subgraph} is stopping: the event is left for a later delivery.`));
    const running = job();
    const settled = running.then(
      () => undefined,
      () => undefined,
    );
    this.running.add(settled);
    void settled.then(() => this.running.delete(settled));
    return running;
  }

  /** Takes no new job and waits for the running ones, at most `timeoutMs`; returns how many are still running then. */
  async stop(timeoutMs: number): Promise<number> {
    this.stopped = true;
    if (this.running.size > 0) await within(timeoutMs, Promise.all(this.running));
    return this.running.size;
  }
}
