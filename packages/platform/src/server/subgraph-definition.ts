import type { ServerResponse } from 'node:http';
import type { EntityClass } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { GraphQLSchema } from 'graphql';
import type { Logger } from 'pino';
import type { Caller, ServiceCaller } from '../auth/caller.js';
import type { Permission, PermissionPolicy } from '../auth/permissions.js';
import type { RequestContext } from '../context.js';
import type { Orm, SubgraphMigration } from '../data/orm.js';
import type { RowReader } from '../data/row-reader.js';
import type { DomainEvent } from '../events/domain-event.js';
import type { EventBus, Subscription } from '../events/event-bus.js';
import type { LiveEvents } from '../live/live-events.js';
import type { AttemptLimiter } from '../throttle/attempt-limiter.js';
import type { PeerClient } from '../peers/peer-client.js';
import type { HttpHandler } from './http-server.js';

/** What a subgraph package declares about itself; `startSubgraph` does the rest. */
export interface SubgraphDefinition {
  /** Also the PostgreSQL schema it owns, and the name its background jobs act under (`service:<name>`). */
  name: string;
  defaultPort: number;
  entities: EntityClass<unknown>[];
  migrations: SubgraphMigration[];
  /** Who holds which permission here; the schema's `@Authorized` and the file routes both decide with it. */
  policy: PermissionPolicy;
  /** The scopes this subgraph's jobs hold when they call other subgraphs (e.g. `customers:read`). */
  serviceScopes?: Permission[];
  buildSchema(): Promise<GraphQLSchema>;
  /**
   * Runs once after migrations, before the subgraph serves: makes its long-lived services and says what it adds to
   * the platform. Everything it returns is built here, once.
   */
  start?(env: SubgraphEnvironment): SubgraphRuntime | Promise<SubgraphRuntime>;
}

/** What a started subgraph adds beside its schema. */
export interface SubgraphRuntime {
  /** Long-lived services added to every request's context. */
  context?: Record<string, unknown>;
  /** Extra HTTP endpoints beside /graphql, /health and /ready, by exact path. */
  routes?: Record<string, HttpHandler>;
  /** Files served behind the router's authentication, at `/files/<subgraph>/<pattern>` there (see FileRoute). */
  files?: Record<string, FileRoute>;
  /** Reactions to events. */
  consumers?: Subscription[];
  /** Undoes what start did (timers, connections), before the database closes. */
  stop?(): void | Promise<void>;
}

/**
 * A file a subgraph serves through the router (an invoice's PDF): the pattern's `:name` segments become `params`;
 * the caller must hold `permission` under the subgraph's policy. Throw a DomainError (NOT_FOUND, FORBIDDEN…) to refuse.
 */
export interface FileRoute {
  permission: Permission;
  serve(ctx: RequestContext, params: Record<string, string>, res: ServerResponse): Promise<void>;
}

export interface SubgraphEnvironment {
  name: string;
  orm: Orm;
  /** The read path (hand-written SQL into rows), shared by every context of this subgraph. */
  db: RowReader;
  log: Logger;
  routerSecret: string;
  peers: PeerClient;
  events: EventBus;
  live: LiveEvents;
  /** Counts attempts that may fail (logins), on Redis when the subgraph has it, in-process otherwise. */
  attempts: AttemptLimiter;
  /** Who this subgraph's own jobs are: `{ kind: 'service', name, scopes: serviceScopes }`. */
  service: ServiceCaller;
  /** The one way a request, a route or a subscription gets its context: the caller, a fresh EntityManager and loaders. */
  context(who: { caller: Caller | null; requestId: string; clientAddress?: string | null }, options?: { em?: EntityManager }): RequestContext;
  /** The context of a job reacting to an event: this subgraph's service caller, the event id as request id. */
  jobContext(event: Pick<DomainEvent, 'id' | 'type'>, em?: EntityManager): RequestContext;
}
