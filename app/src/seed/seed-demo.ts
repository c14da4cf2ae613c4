import { DEMO_SCENARIO } from './demo-scenario.js';
import { GraphClient } from './graph-client.js';
import { seedScenario, type SeedResult } from './seed.js';

/**
 * Loads the demo scenario through the graph, signed in as the admin the platform ensured at start. A graph that
 * already has customers is left as it is: a restart of the embedded demo, or DEMO_DATA=true against a database in
 * use. Returns null then.
 */
export async function seedDemo(graphqlUrl: string, admin: { email: string; password: string }): Promise<SeedResult | null> {
  const graph = await new GraphClient(graphqlUrl).signIn(admin);
  const { customers } = await graph.request<{ customers: { totalCount: number } }>(
    '{ customers(first: 1, filter: { includeArchived: true }) { totalCount } }',
  );
  if (customers.totalCount > 0) return null;
  const signedIn = admin.email.trim().toLowerCase();
  // One at a time, so order and invoice numbers follow the scenario on every fresh start.
  return seedScenario(graph, { ...DEMO_SCENARIO, users: DEMO_SCENARIO.users?.filter((user) => user.email !== signedIn) }, 1);
}
