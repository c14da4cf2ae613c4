import { signContext, type Caller, type Logger } from '@erp/platform';
import type { RouterContext } from '../router-context.js';

export interface SignedContextOptions {
  /** Shared with the subgraphs, which answer only what the router signed. */
  routerSecret: string;
  /** The router's log: each context gets a child of it carrying the request id. */
  log: Logger;
}

/** `clientAddress`: the HTTP client's, as `clientAddressOf` determined it, for subgraphs that limit per address. */
export type ContextFor = (caller: Caller | null, requestId: string, clientAddress?: string | null) => RouterContext;

/** Identifies the caller, not the request: identical subgraph queries under one key may share a fetch. */
export function callerKey(caller: Caller | null): string {
  return JSON.stringify(caller);
}

/**
 * Builds the context of every request the router serves — an HTTP query, an operation over the socket, a
 * subscription event, a file — so each is signed the same way: the caller and the request id, signed once for
 * all the subgraph fetches the request makes.
 */
export function useSignedContext(options: SignedContextOptions): ContextFor {
  return (caller, requestId, clientAddress) => {
    // A pino child costs a serialisation of its bindings; most requests never log, so it is made on first use.
    let log: Logger | undefined;
    return {
      requestId,
      caller,
      signedContext: signContext(clientAddress ? { caller, requestId, clientAddress } : { caller, requestId }, options.routerSecret),
      callerKey: callerKey(caller),
      clientAddress: clientAddress ?? undefined,
      get log() {
        return (log ??= options.log.child({ requestId }));
      },
    };
  };
}
