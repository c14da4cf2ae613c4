import type { EntityManager } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import type { Caller } from '../auth/caller.js';
import type { RequestContext } from '../context.js';
import { Loaders } from '../data/loaders.js';
import type { RowReader } from '../data/row-reader.js';
import type { PeerClient } from '../peers/peer-client.js';

/**
 * A request's context whose EntityManager fork and child logger are made on first use: a read served by the read
 * path (`ctx.db`) never forks the ORM (a fork also re-syncs MikroORM's whole configuration) nor builds a logger.
 */
export class LazyRequestContext implements RequestContext {
  loaders = new Loaders();
  private forked: EntityManager | null = null;
  private childLog: Logger | null = null;

  constructor(
    readonly requestId: string,
    readonly caller: Caller | null,
    readonly db: RowReader,
    readonly peers: PeerClient,
    private readonly fork: () => EntityManager,
    private readonly parentLog: Logger,
    extras: Record<string, unknown>,
    readonly clientAddress: string | null = null,
  ) {
    Object.assign(this, extras);
  }

  get em(): EntityManager {
    return (this.forked ??= this.fork());
  }

  /** A subscription gives each event a fresh EntityManager. */
  set em(em: EntityManager) {
    this.forked = em;
  }

  get log(): Logger {
    return (this.childLog ??= this.parentLog.child({ requestId: this.requestId }));
  }
}
