import type { EntityManager, Orm } from '@erp/platform';

/**
 * A fresh EntityManager of this subgraph for one job. Context resolution is off because the in-process bus runs a
 * handler inside the publishing relay's transaction (AsyncLocalStorage): a plain `orm.em.fork()` would fork that
 * other subgraph's EntityManager ("Metadata for entity … not found"). Background work stays out of the query log
 * (statement counts in tests and benchmarks measure requests).
 */
export function jobEntityManager(orm: Orm): EntityManager {
  const em = orm.em.fork({ disableContextResolution: true });
  em.setLoggerContext({ enabled: false });
  return em;
}
