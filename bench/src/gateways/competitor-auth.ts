import { signContext } from '@erp/platform';
import { readCredentials, useAuth } from '@erp/router';
import { randomUUID } from 'node:crypto';

/**
 * What a competing gateway needs to sign its subgraph requests the way our router does — the same JWT check and the
 * same signed header — and nothing else of ours.
 */
export function competitorSigner(identityUrl: string, routerSecret: string) {
  const authenticate = useAuth({ identityUrl, routerSecret });
  return async (headers: Record<string, string | string[] | undefined>): Promise<{ requestId: string; signed: string }> => {
    const requestId = randomUUID();
    const caller = await authenticate(readCredentials(headers), requestId);
    return { requestId, signed: signContext({ caller, requestId }, routerSecret) };
  };
}
