/**
 * The benchmarks' all-in-one process: every subgraph plus a router for seeding, like `app/dist/main.js`, and a small
 * control server that counts the subgraphs' SQL statements on demand (the platform's `onQuery` hook). The query log
 * is switched on only while counting, so the throughput measurements do not pay for it.
 * DATABASE_URL, ROUTER_SECRET, ADMIN_EMAIL, ADMIN_PASSWORD; REDIS_URL for events through BullMQ and Redis pub/sub.
 */
import { createServer } from 'node:http';
import { startPlatform } from '@erp/app';

const counts = new Map<string, number>();
const platform = await startPlatform({
  databaseUrl: process.env.DATABASE_URL!,
  routerSecret: process.env.ROUTER_SECRET!,
  routerPort: 0,
  defaultSubgraphPorts: false,
  redisUrl: process.env.REDIS_URL,
  identity: { admin: { email: process.env.ADMIN_EMAIL!, password: process.env.ADMIN_PASSWORD! } },
  onQuery: (subgraph, line) => {
    // MikroORM's logger writes `[query] …` per statement (and other namespaces we do not count).
    if (line.startsWith('[query]')) counts.set(subgraph, (counts.get(subgraph) ?? 0) + 1);
  },
});
const setQueryLog = (on: boolean) => {
  // Through the configuration: MikroORM re-applies the configured debug mode to its logger at every `em.fork()`.
  for (const subgraph of Object.values(platform.subgraphs)) subgraph.orm.config.set('debug', on ? ['query'] : false);
};
setQueryLog(false);

/** POST /count/start resets and starts counting; POST /count/stop stops and answers the counts per subgraph. */
const control = createServer((req, res) => {
  if (req.method === 'POST' && req.url === '/count/start') {
    counts.clear();
    setQueryLog(true);
    res.end('{}');
    return;
  }
  if (req.method === 'POST' && req.url === '/count/stop') {
    setQueryLog(false);
    res.end(JSON.stringify(Object.fromEntries(counts)));
    return;
  }
  res.statusCode = 404;
  res.end();
});
await new Promise<void>((resolve) => control.listen(0, '127.0.0.1', resolve));
const { port } = control.address() as { port: number };

// The harness reads these lines (the same as app/dist/main.js prints, plus the control URL).
const lines = [
  `The ERP graph is ready: ${platform.router.graphqlUrl}`,
  ...Object.values(platform.subgraphs).map((s) => `  subgraph ${s.name.padEnd(10)} ${s.url}/graphql`),
  `bench control: http://127.0.0.1:${port}`,
  'Try it:',
];
process.stdout.write(`${lines.join('\n')}\n`);

const stop = async () => {
  setTimeout(() => process.exit(1), 10_000).unref();
  control.close();
  await platform.stop();
  process.exit(0);
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
