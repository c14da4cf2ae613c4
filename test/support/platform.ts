import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, inject } from 'vitest';
import { startPlatform, type RunningPlatform, type StackOptions } from '@erp/app';
import { BullMqEventBus, InProcessEventBus, InProcessLiveEvents, RedisLiveEvents, type EventBus, type Role } from '@erp/platform';
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
  let counting: string[] | null = null;
  const harness = {} as TestPlatform;

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
      redeliverAfterMs: options.redeliverAfterMs,
      onQuery: (_subgraph, sql) => counting?.push(sql),
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
        counting = [];
        try {
          const result = await fn();
          return { result, statements: counting.filter((line) => line.startsWith('[query]')).length };
        } finally {
          counting = null;
        }
      },
    } satisfies TestPlatform);
  }, 60_000);

  afterAll(async () => {
    await harness.platform?.stop();
    await dropDatabase?.();
  });

  return harness;
}
