import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print, type FormattedExecutionResult } from 'graphql';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

/** A graphql-ws connection to the router, authenticated in connection_init like a dashboard would. */
export function wsClient(graphqlUrl: string, connectionParams: Record<string, string>): Client {
  return createClient({ url: graphqlUrl.replace(/^http/, 'ws'), webSocketImpl: WebSocket, connectionParams, retryAttempts: 0, lazy: true });
}

export interface Subscribed<T> {
  results: FormattedExecutionResult<T>[];
  /** Resolves when `count` results have arrived (rejects after `timeoutMs`). */
  received(count: number, timeoutMs?: number): Promise<FormattedExecutionResult<T>[]>;
  /** The socket closed or the subscription failed: the error, as graphql-ws reports it. */
  failure: Promise<unknown>;
  stop(): void;
}

export function subscribe<T, V>(client: Client, document: TypedDocumentNode<T, V>, variables?: V): Subscribed<T> {
  const results: FormattedExecutionResult<T>[] = [];
  const waiters: (() => void)[] = [];
  let fail!: (error: unknown) => void;
  const failure = new Promise<unknown>((resolve) => (fail = resolve));
  const stop = client.subscribe<T>(
    { query: print(document), variables: (variables ?? {}) as Record<string, unknown> },
    {
      next: (result) => {
        results.push(result as FormattedExecutionResult<T>);
        for (const wake of waiters.splice(0)) wake();
      },
      error: (error) => fail(error),
      complete: () => undefined,
    },
  );
  return {
    results,
    failure,
    stop,
    received: async (count, timeoutMs = 5_000) => {
      const deadline = Date.now() + timeoutMs;
      while (results.length < count) {
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`expected ${count} results within ${timeoutMs} ms, got ${results.length}: ${JSON.stringify(results)}`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, left);
          waiters.push(() => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
      return results.slice(0, count);
    },
  };
}
