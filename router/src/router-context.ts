import type { Caller, Logger } from '@erp/platform';
import type { PrefetchedAnswer } from './subgraph-fetch/signed-subgraph-data-source.js';

export interface RouterContext {
  requestId: string;
  caller: Caller | null;
  /** The caller, request id and expiry, signed once per request for every subgraph fetch. */
  signedContext: string;
  /** Identifies the caller (not the request): identical subgraph queries of one caller may share a fetch. */
  callerKey: string;
  log: Logger;
  /** The address the request came from (its query-cost bucket when it has no caller). */
  clientAddress?: string;
  /** Fetches the single-fetch path already sent when it hands a request back to the gateway (each used once). */
  prefetched?: PrefetchedAnswer[];
}
