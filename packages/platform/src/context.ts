import type { EntityManager } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import type { Caller, UserCaller } from './auth/caller.js';
import { UnauthenticatedError } from './errors.js';
import type { Loaders } from './data/loaders.js';
import type { RowReader } from './data/row-reader.js';
import type { PeerClient } from './peers/peer-client.js';

/** Everything a resolver or service needs about the request it serves. */
export interface RequestContext {
  requestId: string;
  caller: Caller | null;
  /** A fork of the ORM's EntityManager for this request alone. */
  em: EntityManager;
  /** The read path: hand-written SQL into plain rows (see docs/adding-a-domain.md). */
  db: RowReader;
  loaders: Loaders;
  log: Logger;
  /** Other subgraphs, called as the same caller. */
  peers: PeerClient;
  /** The client's address as the router signed it (absent for jobs and calls between subgraphs). */
  clientAddress?: string | null;
}

export function requireUser(ctx: Pick<RequestContext, 'caller'>): UserCaller {
  if (ctx.caller?.kind !== 'user') throw new UnauthenticatedError('Only a signed-in user can do this.');
  return ctx.caller;
}

/** The user on whose behalf the caller acts: the user, or the owner of the API key. */
export function actingUserId(ctx: Pick<RequestContext, 'caller'>): string | null {
  const caller = ctx.caller;
  if (caller?.kind === 'user') return caller.userId;
  if (caller?.kind === 'apiKey') return caller.ownerId;
  return null;
}
