import type { RequestContext } from '../context.js';
import { Loaders } from '../data/loaders.js';
import type { Orm } from '../data/orm.js';
import type { SubgraphEnvironment } from '../server/subgraph.js';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { DomainEvent } from './domain-event.js';

/** The context a consumer works in: no user, the system acting on an event (the event id stands as request id). */
export function jobContext(env: SubgraphEnvironment, em: EntityManager, event: DomainEvent): RequestContext {
  return { requestId: event.id, caller: { kind: 'router' }, em, loaders: new Loaders(), log: env.log.child({ eventId: event.id, eventType: event.type }), peers: env.peers };
}

/**
 * A fresh EntityManager of this subgraph for one piece of background work (a job, a relay batch). It never resolves
 * an EntityManager from the async context it was called in, which may belong to another subgraph's transaction, and
 * it stays out of the query log (statement counts in tests and benchmarks measure requests).
 */
export function jobEntityManager(orm: Orm): EntityManager {
  const em = orm.em.fork({ disableContextResolution: true });
  em.setLoggerContext({ enabled: false });
  return em;
}
