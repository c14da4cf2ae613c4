import { wholeNumberSetting } from '@erp/platform';
import { GraphQLError, Kind, type DocumentNode, type FragmentDefinitionNode, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';

/**
 * How big one operation may be, checked before any subgraph is called: fields nested deeper than `maxDepth`, more
 * than `maxAliases` aliased fields (one request asking the same expensive field under many names) or more than
 * `maxRootFields` root fields are refused as a whole.
 */
export interface OperationLimits {
  maxDepth: number;
  maxAliases: number;
  maxRootFields: number;
}

export const DEFAULT_OPERATION_LIMITS: OperationLimits = { maxDepth: 15, maxAliases: 30, maxRootFields: 20 };

/** ROUTER_MAX_DEPTH, ROUTER_MAX_ALIASES, ROUTER_MAX_ROOT_FIELDS. */
export function operationLimitsFromEnvironment(env: NodeJS.ProcessEnv = process.env): OperationLimits {
  return {
    maxDepth: wholeNumberSetting(env, 'ROUTER_MAX_DEPTH', 1) ?? DEFAULT_OPERATION_LIMITS.maxDepth,
    maxAliases: wholeNumberSetting(env, 'ROUTER_MAX_ALIASES', 0) ?? DEFAULT_OPERATION_LIMITS.maxAliases,
    maxRootFields: wholeNumberSetting(env, 'ROUTER_MAX_ROOT_FIELDS', 1) ?? DEFAULT_OPERATION_LIMITS.maxRootFields,
  };
}

interface Measure {
  depth: number;
  aliases: number;
}

/** The depth (fields below fields; `__typename` not counted) and aliased fields of a selection, fragments spread in. */
function measure(selectionSet: SelectionSetNode, fragments: Map<string, FragmentDefinitionNode>, spreading: Set<string>): Measure {
  let depth = 0;
  let aliases = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      if (selection.alias) aliases += 1;
      if (selection.name.value === '__typename') continue;
      const below = selection.selectionSet ? measure(selection.selectionSet, fragments, spreading) : { depth: 0, aliases: 0 };
      depth = Math.max(depth, below.depth + 1);
      aliases += below.aliases;
      continue;
    }
    let inner: SelectionSetNode | undefined;
    let name: string | null = null;
    if (selection.kind === Kind.INLINE_FRAGMENT) inner = selection.selectionSet;
    else {
      name = selection.name.value;
      // Validation refuses fragment cycles before this runs; the guard only keeps a bad document from recursing forever.
      if (spreading.has(name)) continue;
      inner = fragments.get(name)?.selectionSet;
    }
    if (!inner) continue;
    if (name) spreading.add(name);
    const within = measure(inner, fragments, spreading);
    if (name) spreading.delete(name);
    depth = Math.max(depth, within.depth);
    aliases += within.aliases;
  }
  return { depth, aliases };
}

/** Root fields of an operation, fragments spread in. */
function rootFields(selectionSet: SelectionSetNode, fragments: Map<string, FragmentDefinitionNode>): number {
  let count = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) count += selection.name.value === '__typename' ? 0 : 1;
    else if (selection.kind === Kind.INLINE_FRAGMENT) count += rootFields(selection.selectionSet, fragments);
    else {
      const fragment = fragments.get(selection.name.value);
      if (fragment) count += rootFields(fragment.selectionSet, fragments);
    }
  }
  return count;
}

function refused(code: string, message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code, http: { status: 400 } } });
}

/** The limit an operation breaks, as the error to answer, or null when it keeps them all. */
export function checkOperationLimits(document: DocumentNode, operation: OperationDefinitionNode, limits: OperationLimits): GraphQLError | null {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  const roots = rootFields(operation.selectionSet, fragments);
  if (roots > limits.maxRootFields) return refused('MAX_ROOT_FIELDS_EXCEEDED', `The operation asks for ${roots} root fields; at most ${limits.maxRootFields} are allowed in one request.`);
  const { depth, aliases } = measure(operation.selectionSet, fragments, new Set());
  if (depth > limits.maxDepth) return refused('MAX_DEPTH_EXCEEDED', `The operation nests fields ${depth} deep; at most ${limits.maxDepth} are allowed.`);
  if (aliases > limits.maxAliases) return refused('MAX_ALIASES_EXCEEDED', `The operation has ${aliases} aliased fields; at most ${limits.maxAliases} are allowed.`);
  return null;
}
