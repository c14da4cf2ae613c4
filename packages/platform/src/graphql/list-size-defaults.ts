import { Kind, parse, visit, type ConstDirectiveNode, type DocumentNode, type FieldDefinitionNode, type ObjectTypeDefinitionNode, type TypeNode } from 'graphql';
import { DEFAULT_PAGE_SIZE } from './cursor.js';

const CONNECTION_SUFFIX = 'Connection';
const SLICING_ARGUMENT = 'first';
const SIZED_FIELD = 'edges';

/**
 * Declares how big every Relay connection of a subgraph's SDL is, so the router can price it
 * (docs/architecture.md, "Query cost"): a field that takes `first` and returns a `…Connection` gets
 * `@listSize(slicingArguments: ["first"], sizedFields: ["edges"], assumedSize: 20, requireOneSlicingArgument: false)` —
 * the page size sizes its `edges`, and without `first` the page has its default size. A field that declares its own
 * `@listSize` keeps it.
 */
export function withConnectionListSizes(typeDefs: DocumentNode): DocumentNode {
  return visit(typeDefs, {
    FieldDefinition(field: FieldDefinitionNode) {
      if (!isConnectionField(field) || field.directives?.some((d) => d.name.value === 'listSize')) return undefined;
      return { ...field, directives: [...(field.directives ?? []), CONNECTION_LIST_SIZE] };
    },
  });
}

function isConnectionField(field: FieldDefinitionNode): boolean {
  return namedType(field.type).endsWith(CONNECTION_SUFFIX) && (field.arguments ?? []).some((a) => a.name.value === SLICING_ARGUMENT);
}

function namedType(type: TypeNode): string {
  return type.kind === Kind.NAMED_TYPE ? type.name.value : namedType(type.type);
}

function connectionListSize(): ConstDirectiveNode {
  const declared = parse(
    `type Declared { page: Int @listSize(slicingArguments: ["${SLICING_ARGUMENT}"], sizedFields: ["${SIZED_FIELD}"], assumedSize: ${DEFAULT_PAGE_SIZE}, requireOneSlicingArgument: false) }`,
    { noLocation: true },
  ).definitions[0] as ObjectTypeDefinitionNode;
  return declared.fields![0]!.directives![0]!;
}

const CONNECTION_LIST_SIZE = connectionListSize();
