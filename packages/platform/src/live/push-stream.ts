/** Items a slow consumer may fall behind by before the oldest are dropped (a live view, not a log). */
const MAX_BUFFERED = 1_000;

export type PushStream<T> = AsyncIterableIterator<T> & { return(): Promise<IteratorResult<T>> };

/**
 * A push-to-pull bridge: `push` from a callback, `for await` on the other side. `onClose` runs once, when the
 * consumer stops (graphql-ws calls `return()` when a client unsubscribes or disconnects) or after `end()` once the
 * buffered items are taken.
 */
export function pushStream<T>(onClose: () => void): { stream: PushStream<T>; push(item: T): void; end(): void } {
  const buffered: T[] = [];
  let waiting: ((result: IteratorResult<T>) => void) | null = null;
  let done = false;
  /** `end` was called: hand out what is buffered, then finish. */
  let ending = false;

  const finish = async (): Promise<IteratorResult<T>> => {
    if (!done) {
      done = true;
      buffered.length = 0;
      onClose();
      waiting?.({ value: undefined, done: true });
      waiting = null;
    }
    return { value: undefined, done: true };
  };

  const stream: PushStream<T> = {
    next: () => {
      if (buffered.length > 0) return Promise.resolve({ value: buffered.shift()!, done: false });
      if (done) return Promise.resolve({ value: undefined, done: true });
      if (ending) return finish();
      return new Promise((resolve) => {
        waiting = resolve;
      });
    },
    return: finish,
    throw: async (error?: unknown) => {
      await finish();
      throw error;
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };

  return {
    stream,
    push(item) {
      if (done) return;
      if (waiting) {
        const resolve = waiting;
        waiting = null;
        resolve({ value: item, done: false });
        return;
      }
      if (buffered.length >= MAX_BUFFERED) buffered.shift();
      buffered.push(item);
    },
    end() {
      if (done) return;
      ending = true;
      if (waiting || buffered.length === 0) void finish();
    },
  };
}
