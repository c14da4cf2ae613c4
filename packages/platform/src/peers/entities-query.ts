import { Kind, parse, visit, type DocumentNode, type FragmentDefinitionNode } from 'graphql';

/** The `_entities` query that reads one fragment's selection of entities by key, and the entity type it reads. */
export interface EntitiesQuery {
  typename: string;
  document: DocumentNode;
}

/**
 * Wraps a fragment document (the fragment and the fragments it spreads, as GraphQL Code Generator emits it) into the
 * query a peer subgraph answers: `_entities(representations: $representations) { ...Fragment }`. The fragment read is
 * the one no other fragment of the document spreads. The same query is what `pnpm schema:check` validates.
 */
export function entitiesQuery(fragmentDocument: DocumentNode): EntitiesQuery {
  const fragments: FragmentDefinitionNode[] = [];
  for (const definition of fragmentDocument.definitions) {
    if (definition.kind !== Kind.FRAGMENT_DEFINITION) throw new Error(`A peer read is a fragment; the document holds a ${definition.kind}.`);
    fragments.push(definition);
  }
  const spread = new Set<string>();
  visit(fragmentDocument, { FragmentSpread: (node) => void spread.add(node.name.value) });
  const read = fragments.filter((fragment) => !spread.has(fragment.name.value));
  if (read.length !== 1) {
    throw new Error(`A peer read is one fragment (with the fragments it spreads); found ${read.map((f) => f.name.value).join(', ') || 'none'}.`);
  }
  const fragment = read[0]!;
  const [operation] = parse(
    `query ${fragment.name.value}Entities($representations: [_Any!]!) { _entities(representations: $representations) { ...${fragment.name.value} } }`,
    { noLocation: true },
  ).definitions;
  return { typename: fragment.typeCondition.name.value, document: { kind: Kind.DOCUMENT, definitions: [operation!, ...fragments] } };
}
