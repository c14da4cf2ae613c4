import { printSchema, Supergraph } from '@apollo/federation-internals';
import {
  getLocation,
  isUnionType,
  Kind,
  NoUnusedFragmentsRule,
  parse,
  Source,
  specifiedRules,
  TypeInfo,
  validate,
  visit,
  visitWithTypeInfo,
  type ASTNode,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLError,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { entitiesQuery } from './entities-query.js';

/** One file of peer operations: the fragments one subgraph reads from another (the peer). */
export interface PeerOperationsFile {
  /** As messages show it, e.g. `subgraphs/sales/src/peers/catalog.graphql`. */
  path: string;
  /** The subgraph the fragments are read from: the file's name. */
  peer: string;
  text: string;
}

export interface PeerOperationSchemas {
  /** What exists in the graph: the supergraph's API schema (`supergraphApiSchema`). */
  api: GraphQLSchema;
  /** What each subgraph serves, by name: its own schema, with `_entities`. */
  subgraphs: Record<string, GraphQLSchema>;
}

/** The schema clients of the router see: the supergraph without its join metadata and @inaccessible elements. */
export function supergraphApiSchema(supergraphSdl: string): GraphQLSchema {
  return Supergraph.build(supergraphSdl).apiSchema().toGraphQLJSSchema();
}

/** The same schema as SDL, for a package with a graphql module of its own (graphql-js objects do not cross modules). */
export function supergraphApiSdl(supergraphSdl: string): string {
  return printSchema(Supergraph.build(supergraphSdl).apiSchema());
}

// Helper fragments of a file are spread by the fragments it reads; graphql-js counts a fragment spread by nothing in
// the document as an error, and a file of peer operations has no query of its own.
const FRAGMENT_RULES = specifiedRules.filter((rule) => rule !== NoUnusedFragmentsRule);

/**
 * The problems of peer operations, one line each, naming the file and the field. A file must name a subgraph and
 * hold only fragments valid in the supergraph; each fragment it reads (one no other fragment spreads) must be on an
 * entity of the peer and valid as the very `_entities` query the peer is sent, without fields the peer cannot answer
 * for an id alone (`@external`, `@requires`): a field of another subgraph is in the graph, but the peer cannot serve it.
 */
export function checkPeerOperations(files: readonly PeerOperationsFile[], schemas: PeerOperationSchemas): string[] {
  return files.flatMap((file) => fileProblems(file, schemas));
}

function fileProblems(file: PeerOperationsFile, schemas: PeerOperationSchemas): string[] {
  const peer = schemas.subgraphs[file.peer];
  if (!peer) return [`${file.path}: "${file.peer}" is no subgraph; name the file after the peer it reads from (${Object.keys(schemas.subgraphs).join(', ')})`];
  let document: DocumentNode;
  try {
    document = parse(new Source(file.text, file.path));
  } catch (error) {
    return [errorAt(file.path, error as GraphQLError)];
  }
  const fragments = new Map<string, FragmentDefinitionNode>();
  const commands: OperationDefinitionNode[] = [];
  for (const definition of document.definitions) {
    if (definition.kind === Kind.OPERATION_DEFINITION && definition.operation === 'mutation' && definition.name) commands.push(definition);
    else if (definition.kind !== Kind.FRAGMENT_DEFINITION) {
      return [`${file.path}: holds a ${definition.kind}; peer operations are fragments, read through the peer's _entities, or named mutations (commands)`];
    } else fragments.set(definition.name.value, definition);
  }
  if (commands.length > 0) return commandProblems(file, peer, document, commands);
  if (fragments.size === 0) return [`${file.path}: holds no fragment`];
  const inGraph = validate(schemas.api, document, FRAGMENT_RULES);
  // A field missing from the whole graph would be missing from the peer too: report it once.
  if (inGraph.length > 0) return inGraph.map((error) => errorAt(file.path, error));
  const spread = spreadNames(document);
  return [...fragments.values()].filter((fragment) => !spread.has(fragment.name.value)).flatMap((fragment) => readProblems(file, peer, fragment, fragments));
}

/**
 * A file of commands (`<peer>.commands.graphql`: named mutations, with the fragments they spread) is sent to the peer
 * as it is: it must be valid against the peer's own schema, every fragment used. Commands are usually `@inaccessible`,
 * so the graph's API does not know them.
 */
function commandProblems(file: PeerOperationsFile, peer: GraphQLSchema, document: DocumentNode, commands: OperationDefinitionNode[]): string[] {
  const errors = validate(peer, document);
  if (errors.length > 0) return errors.map((error) => `${errorAt(file.path, error)} (not served by ${file.peer})`);
  return [];
}

function readProblems(file: PeerOperationsFile, peer: GraphQLSchema, fragment: FragmentDefinitionNode, fragments: Map<string, FragmentDefinitionNode>): string[] {
  const typename = fragment.typeCondition.name.value;
  const entities = peer.getType('_Entity');
  if (!isUnionType(entities) || !entities.getTypes().some((type) => type.name === typename)) {
    return [`${nodeAt(file.path, fragment)}: fragment ${fragment.name.value} reads ${typename}, which ${file.peer} does not resolve by key`];
  }
  const { document } = entitiesQuery({ kind: Kind.DOCUMENT, definitions: withSpreadFragments(fragment, fragments) });
  const errors = validate(peer, document);
  if (errors.length > 0) return errors.map((error) => `${errorAt(file.path, error)} (not served by ${file.peer})`);
  return unservedFields(file.peer, peer, document).map(({ node, why }) => `${nodeAt(file.path, node)}: ${why}`);
}

/** The fragment and every fragment it spreads, directly or not. */
function withSpreadFragments(fragment: FragmentDefinitionNode, fragments: Map<string, FragmentDefinitionNode>): FragmentDefinitionNode[] {
  const found = new Map([[fragment.name.value, fragment]]);
  const pending = [fragment];
  for (let next = pending.pop(); next; next = pending.pop()) {
    for (const name of spreadNames(next)) {
      const spread = fragments.get(name);
      if (spread && !found.has(name)) {
        found.set(name, spread);
        pending.push(spread);
      }
    }
  }
  return [...found.values()];
}

function spreadNames(node: DocumentNode | FragmentDefinitionNode): Set<string> {
  const names = new Set<string>();
  visit(node, { FragmentSpread: (spread) => void names.add(spread.name.value) });
  return names;
}

/**
 * Fields of the peer's schema it cannot answer for a read by id: `@external` ones belong to another subgraph, and
 * `@requires` ones need fields of another subgraph in the representation, which carries only the id.
 */
function unservedFields(peer: string, schema: GraphQLSchema, document: DocumentNode): { node: FieldNode; why: string }[] {
  const found: { node: FieldNode; why: string }[] = [];
  const typeInfo = new TypeInfo(schema);
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        const field = `${typeInfo.getParentType()?.name}.${node.name.value}`;
        const directives = new Set(typeInfo.getFieldDef()?.astNode?.directives?.map((d) => d.name.value.replace(/^federation__/, '')));
        if (directives.has('external')) found.push({ node, why: `${field} is only referenced by ${peer} (@external), not served by it` });
        else if (directives.has('requires')) found.push({ node, why: `${field} needs fields of another subgraph (@requires) that a read by id does not send; ask the router` });
      },
    }),
  );
  return found;
}

function errorAt(path: string, error: GraphQLError): string {
  const where = error.locations?.[0];
  return where ? `${path}:${where.line}:${where.column}: ${error.message}` : `${path}: ${error.message}`;
}

function nodeAt(path: string, node: ASTNode): string {
  if (!node.loc) return path;
  const where = getLocation(node.loc.source, node.loc.start);
  return `${path}:${where.line}:${where.column}`;
}
