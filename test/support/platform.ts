import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, inject } from 'vitest';
import { startPlatform, SUPERGRAPH_PATH, type RunningPlatform, type StackOptions } from '@erp/app';
import { BullMqEventBus, InProcessEventBus, InProcessLiveEvents, RedisAttemptLimiter, RedisLiveEvents, type EventBus, type LiveEvents, type Role } from '@erp/platform';
import { startRouter, type RunningRouter } from '@erp/router';
import { LoginDocument, RegisterDocument, UpdateUserDocument, type Role as GraphRole } from '../generated/graphql.js';
import { GraphQLClient } from './client.js';
import { TEST_ADMIN, TEST_POOL_SIZE, TEST_REDIS_URL, TEST_ROUTER_SECRET } from './constants.js';
import { createFileDatabase } from './database.js';

export interface TestPlatform {
  platform: RunningPlatform;
  /** An anonymous client of the router. */
  anonymous: GraphQLClient;
  admin: GraphQLClient;
  /** Registers a new user, grants the roles (as admin) and returns a client signed in as that user. */
  userWith(roles: Role[], link?: { customerId?: string }): Promise<{ client: GraphQLClient; id: string; email: string; password: string }>;
  /** Counts the SQL statements every subgraph runs while `fn` runs. */
  countStatements<T>(fn: () => Promise<T>): Promise<{ result: T; statements: number }>;
  /** The SQL statements each subgraph runs while `fn` runs, in order. */
  statementsDuring<T>(fn: () => Promise<T>): Promise<{ result: T; statements: { subgraph: string; sql: string }[] }>;
  /**
   * Starts another router instance over the same subgraphs, as another process would run it: with live events of its
   * own on the platform's Redis and key prefix (or `live`, which the test then owns). Stopped after the file.
   */
  anotherRouter(options?: { live?: LiveEvents }): Promise<RunningRouter>;
}

/**
 * Starts the real subgraphs and the real router in this test file's process, on a database of the file's own (a clone
 * of the run's migrated template), and stops them after the file. `redis`: events through BullMQ and live events
 * through pub/sub on the test Redis (or on the Redis at the URL given) instead of in-process.
 */
export function useTestPlatform(
  options: {
    redis?: boolean | string;
    /** Wraps the bus the platform uses; `where` says which Redis and key prefix it is on, to make another one beside it. */
    wrapEvents?: (bus: EventBus, where: { redisUrl: string | null; prefix: string }) => EventBus;
    notifications?: StackOptions['notifications'];
    /** How long before an unacknowledged delivery is sent again (the platform's default: 30 s). */
    redeliverAfterMs?: number;
  } = {},
): TestPlatform {
  let counting: { subgraph: string; sql: string }[] | null = null;
  const harness = {} as TestPlatform;
  const stopOnExit: (() => Promise<void>)[] = [];

  let dropDatabase: (() => Promise<void>) | null = null;
  beforeAll(async () => {
    const { databaseUrl, drop } = await createFileDatabase(`${inject('templateDatabase')}_${randomUUID().slice(0, 8)}`);
    dropDatabase = drop;
    // Each file gets its own key prefix, so files running side by side never see each other's jobs or events.
    const prefix = `erp-test-${randomUUID().slice(0, 8)}`;
    const redisUrl = typeof options.redis === 'string' ? options.redis : options.redis ? TEST_REDIS_URL : null;
    const platform = await startPlatform({
      databaseUrl,
      routerSecret: TEST_ROUTER_SECRET,
      routerPort: 0,
      defaultSubgraphPorts: false,
      // Two files run side by side, each with every subgraph: small pools keep them well inside PostgreSQL's
      // default 100 connections.
      poolSize: TEST_POOL_SIZE,
      identity: { admin: TEST_ADMIN },
      notifications: options.notifications,
      events: (options.wrapEvents ?? ((bus) => bus))(redisUrl ? new BullMqEventBus(redisUrl, prefix) : new InProcessEventBus(), { redisUrl, prefix }),
      live: redisUrl ? new RedisLiveEvents(redisUrl, prefix) : new InProcessLiveEvents(),
      attempts: redisUrl ? new RedisAttemptLimiter(redisUrl, prefix) : undefined,
      redeliverAfterMs: options.redeliverAfterMs,
      onQuery: (subgraph, sql) => counting?.push({ subgraph, sql }),
    });
    const anonymous = new GraphQLClient(platform.router.graphqlUrl);
    const adminLogin = await anonymous.data(LoginDocument, TEST_ADMIN);
    const admin = anonymous.withToken(adminLogin.login.accessToken);
    Object.assign(harness, {
      platform,
      anonymous,
      admin,
      async userWith(roles: Role[], link: { customerId?: string } = {}) {
        const email = `user-${randomUUID()}@test.erp`;
        const password = 'a-long-test-password';
        const registered = await anonymous.data(RegisterDocument, { input: { email, password } });
        const id = registered.register.user.id;
        await admin.data(UpdateUserDocument, {
          id,
          input: { roles: roles.map((role) => role.toUpperCase() as GraphRole), customerId: link.customerId },
        });
        const login = await anonymous.data(LoginDocument, { email, password });
        return { client: anonymous.withToken(login.login.accessToken), id, email, password };
      },
      async countStatements<T>(fn: () => Promise<T>) {
        const { result, statements } = await harness.statementsDuring(fn);
        return { result, statements: statements.length };
      },
      async statementsDuring<T>(fn: () => Promise<T>) {
        counting = [];
        try {
          const result = await fn();
          // MikroORM's logger writes `[query] …` per statement (and other namespaces, not statements).
          return { result, statements: counting.filter((line) => line.sql.startsWith('[query]')) };
        } finally {
          counting = null;
        }
      },
      async anotherRouter(options: { live?: LiveEvents } = {}) {
        const live = options.live ?? (redisUrl ? new RedisLiveEvents(redisUrl, prefix) : null);
        if (!live) throw new Error('Another router instance shares live events through Redis: useTestPlatform({ redis: true }).');
        const router = await startRouter({
          supergraphSdl: readFileSync(SUPERGRAPH_PATH, 'utf8'),
          subgraphUrls: Object.fromEntries(Object.entries(platform.subgraphs).map(([name, running]) => [name, running.url])),
          routerSecret: TEST_ROUTER_SECRET,
          port: 0,
          host: '127.0.0.1',
          live,
        });
        stopOnExit.push(async () => {
          await router.close();
          if (!options.live) await live.close();
        });
        return router;
      },
    } satisfies TestPlatform);
  }, 60_000);

  afterAll(async () => {
    for (const stop of stopOnExit) await stop();
    await harness.platform?.stop();
    await dropDatabase?.();
  });

  return harness;
}
