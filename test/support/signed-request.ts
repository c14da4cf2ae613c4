import { randomUUID } from 'node:crypto';
import { signedHeaders, type Caller } from '@erp/platform';
import { TEST_ROUTER_SECRET } from './constants.js';

export interface SignedAnswer {
  status: number;
  body: { data?: Record<string, unknown> | null; errors?: { message: string; extensions?: Record<string, unknown> }[] };
  /** When the answer arrived (ms since the epoch). */
  at: number;
}

/** A GraphQL request straight to a subgraph, signed for `caller` as the router would sign it (a fresh request id). */
export async function sendSigned(subgraphUrl: string, caller: Caller, query: string, variables: Record<string, unknown> = {}): Promise<SignedAnswer> {
  const response = await fetch(`${subgraphUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...signedHeaders({ caller, requestId: randomUUID() }, TEST_ROUTER_SECRET) },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, body: (await response.json()) as SignedAnswer['body'], at: Date.now() };
}
