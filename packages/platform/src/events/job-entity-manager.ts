import type { EntityManager } from '@mikro-orm/postgresql';
import type { Orm } from '../data/orm.js';

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
