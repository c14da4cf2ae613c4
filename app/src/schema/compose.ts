import { composeServices } from '@apollo/composition';
import { printSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import type { SubgraphDefinition } from '@erp/platform';

export interface ComposedSchema {
  /** name → the subgraph's SDL, as the router's composition sees it. */
  subgraphs: Record<string, string>;
  supergraph: string;
}

/** The URL each subgraph is composed with: its default port on localhost. The router can override it at start. */
export function defaultSubgraphUrl(definition: SubgraphDefinition): string {
  return `http://127.0.0.1:${definition.defaultPort}/graphql`;
}

export async function composeSupergraph(definitions: SubgraphDefinition[]): Promise<ComposedSchema> {
  const subgraphs: Record<string, string> = {};
  for (const definition of definitions) subgraphs[definition.name] = printSubgraphSchema(await definition.buildSchema());
  const result = composeServices(
    definitions.map((definition) => ({ name: definition.name, url: defaultSubgraphUrl(definition), typeDefs: parse(subgraphs[definition.name]!) })),
  );
  if (result.errors) {
    throw new Error(`The subgraphs do not compose:\n${result.errors.map((error) => `- ${error.message}`).join('\n')}`);
  }
  return { subgraphs, supergraph: result.supergraphSdl };
}
