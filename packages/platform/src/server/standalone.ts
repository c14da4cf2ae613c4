import { databaseBoundsFromEnvironment } from '../data/orm.js';
import { BullMqEventBus } from '../events/bullmq-bus.js';
import { RedisLiveEvents } from '../live/redis-live-events.js';
import { RedisAttemptLimiter } from '../throttle/redis-attempt-limiter.js';
import { callBoundsFromEnvironment } from '../peers/call-bounds.js';
import { onTerminationSignal, shutdownBoundsFromEnvironment } from './shutdown.js';
import type { SubgraphDefinition } from './subgraph-definition.js';
import { startSubgraph } from './subgraph.js';
import { subgraphUrlsFromEnvironment } from './subgraph-urls.js';

/**
 * Runs one subgraph as its own process (how production deploys them): configuration from the environment,
 * graceful shutdown on SIGTERM/SIGINT (docs/architecture.md, "Shutdown"; bounds from SHUTDOWN_DRAIN_MS and
 * SHUTDOWN_READY_GRACE_MS), exit 0 once it is done.
 */
export async function runStandaloneSubgraph(definition: SubgraphDefinition): Promise<void> {
  const databaseUrl = process.env.DATABASE_URL;
  const routerSecret = process.env.ROUTER_SECRET;
  if (!databaseUrl || !routerSecret) {
    console.error(`${definition.name}: set DATABASE_URL and ROUTER_SECRET (the secret the router signs requests with).`);
    process.exit(1);
  }
  const shutdown = shutdownBoundsFromEnvironment();
  // One process per subgraph in production: events and live updates must cross processes, hence Redis.
  // EVENT_PREFIX keeps several deployments on one Redis apart (default "erp").
  const prefix = process.env.EVENT_PREFIX || undefined;
  const events = process.env.REDIS_URL ? new BullMqEventBus(process.env.REDIS_URL, prefix) : undefined;
  const live = process.env.REDIS_URL ? new RedisLiveEvents(process.env.REDIS_URL, prefix) : undefined;
  // Failed logins must count across every instance of identity.
  const attempts = process.env.REDIS_URL ? new RedisAttemptLimiter(process.env.REDIS_URL, prefix) : undefined;
  const running = await startSubgraph(definition, {
    events,
    live,
    attempts,
    databaseUrl,
    routerSecret,
    port: process.env.PORT ? Number(process.env.PORT) : definition.defaultPort,
    host: process.env.HOST ?? '0.0.0.0',
    poolSize: process.env.DATABASE_POOL_SIZE ? Number(process.env.DATABASE_POOL_SIZE) : undefined,
    peerUrls: subgraphUrlsFromEnvironment(),
    shutdown,
    calls: callBoundsFromEnvironment(),
    database: databaseBoundsFromEnvironment(),
  });
  onTerminationSignal(
    async () => {
      await running.stopServing();
      // Consumers finish their current job and take no other; then the database closes.
      await events?.close();
      await running.close();
      await live?.close();
      await attempts?.close();
    },
    { bounds: shutdown, log: (message) => process.stderr.write(`${definition.name}: ${message}\n`) },
  );
}
