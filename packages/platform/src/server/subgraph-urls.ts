/** Subgraph base URLs by name from `<NAME>_SUBGRAPH_URL` variables (e.g. SALES_SUBGRAPH_URL=http://sales:4004). */
export function subgraphUrlsFromEnvironment(env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env)
      .filter(([key, value]) => key.endsWith('_SUBGRAPH_URL') && value)
      .map(([key, value]) => [key.slice(0, -'_SUBGRAPH_URL'.length).toLowerCase(), value!]),
  );
}

