import type { GraphClient } from '@erp/app/seed';

/** Every customer's or product's id, read through the graph page by page. */
export async function allIds(graph: GraphClient, field: 'customers' | 'products'): Promise<string[]> {
  const ids: string[] = [];
  let after: string | null = null;
  do {
    const page: { [k: string]: { edges: { node: { id: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } } = await graph.request(
      `query($after: String) { ${field}(first: 100, after: $after) { edges { node { id } } pageInfo { hasNextPage endCursor } } }`,
      { after },
    );
    ids.push(...page[field]!.edges.map((e) => e.node.id));
    after = page[field]!.pageInfo.hasNextPage ? page[field]!.pageInfo.endCursor : null;
  } while (after);
  return ids;
}
