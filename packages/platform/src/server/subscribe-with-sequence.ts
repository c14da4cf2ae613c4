import { createSourceEventStream, execute, GraphQLError, type ExecutionArgs, type ExecutionResult } from 'graphql';
import type { DomainEvent } from '../events/domain-event.js';
import { RESYNC } from '../live/replay.js';

type Results = AsyncIterableIterator<ExecutionResult>;

/** What a subscriber gets when events it should have had can no longer be given to it. */
export function resyncResult(): ExecutionResult {
  const error = new GraphQLError('Events were missed while this subscription was interrupted and cannot be replayed: reload what it shows.', {
    extensions: { code: 'RESYNC_REQUIRED' },
  });
  return { errors: [error] };
}

/**
 * graphql-js's `subscribe`, with each result carrying its event's place in the event sequence (`extensions.sequence`,
 * so the router can resume after it) and the RESYNC marker of a gap that cannot be replayed turned into a
 * RESYNC_REQUIRED result. Like graphql-js's own mapping, `return()` reaches the event source at once.
 */
export async function subscribeWithSequence(args: ExecutionArgs): Promise<Results | ExecutionResult> {
  const source = await createSourceEventStream(args);
  if (!(Symbol.asyncIterator in source)) return source as ExecutionResult;
  const events = (source as AsyncIterable<unknown>)[Symbol.asyncIterator]();
  const toResult = async (event: unknown): Promise<ExecutionResult> => {
    if (event === RESYNC) return resyncResult();
    const result = await execute({ ...args, rootValue: event });
    const sequence = (event as Partial<DomainEvent>).sequence;
    return sequence ? { ...result, extensions: { ...result.extensions, sequence } } : result;
  };
  const results: Results = {
    next: async () => {
      const next = await events.next();
      return next.done ? { done: true, value: undefined } : { done: false, value: await toResult(next.value) };
    },
    return: async () => {
      await events.return?.();
      return { done: true, value: undefined };
    },
    throw: async (error: unknown) => {
      await events.return?.();
      throw error;
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
  return results;
}
