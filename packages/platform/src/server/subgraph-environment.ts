import { serviceCaller, describeCaller } from '../auth/caller.js';
import type { RequestContext } from '../context.js';
import { Loaders } from '../data/loaders.js';
import { RowReader } from '../data/row-reader.js';
import { LazyRequestContext } from './lazy-request-context.js';
import type { Orm } from '../data/orm.js';
import type { EventBus } from '../events/event-bus.js';
import { jobEntityManager } from '../events/job-entity-manager.js';
import type { LiveEvents } from '../live/live-events.js';
import type { AttemptLimiter } from '../throttle/attempt-limiter.js';
import type { PeerClient } from '../peers/peer-client.js';
import type { Logger } from 'pino';
import type { SubgraphDefinition, SubgraphEnvironment } from './subgraph-definition.js';

/**
 * Builds a subgraph's environment and, in one place, every context it hands out. The services that `start` makes
 * join every context once `useContextExtras` is called (before the subgraph serves or consumes anything).
 */
export function createSubgraphEnvironment(
  definition: Pick<SubgraphDefinition, 'name' | 'serviceScopes'>,
  parts: { orm: Orm; log: Logger; routerSecret: string; peers: PeerClient; events: EventBus; live: LiveEvents; attempts: AttemptLimiter; db?: RowReader },
): { env: SubgraphEnvironment; useContextExtras(extras: Record<string, unknown>): void } {
  let extras: Record<string, unknown> = {};
  const service = serviceCaller(definition.name, definition.serviceScopes);
  const db = parts.db ?? new RowReader(parts.orm.em);
  const env: SubgraphEnvironment = {
    name: definition.name,
    ...parts,
    db,
    service,
    context: ({ caller, requestId, clientAddress }, options = {}): RequestContext =>
      new LazyRequestContext(requestId, caller, db, parts.peers, () => options.em ?? parts.orm.em.fork(), parts.log, extras, clientAddress ?? null),
    jobContext: (event, em) => ({
      ...extras,
      requestId: event.id,
      caller: service,
      em: em ?? jobEntityManager(parts.orm),
      db,
      loaders: new Loaders(),
      log: parts.log.child({ requestId: event.id, eventType: event.type, caller: describeCaller(service) }),
      peers: parts.peers,
    }),
  };
  return { env, useContextExtras: (value) => void (extras = value) };
}
