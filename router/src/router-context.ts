import type { Caller, Logger } from '@erp/platform';

export interface RouterContext {
  requestId: string;
  caller: Caller | null;
  /** The caller, request id and expiry, signed once per request for every subgraph fetch. */
  signedContext: string;
  log: Logger;
}
