import { Kind, type FieldNode, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

/**
 * The fields a client selected below the current field, following `path` (e.g. `['edges', 'node']` of a connection),
 * through fragments and inline fragments; `needs` adds the properties a computed field reads (`archived` →
 * `archivedAt`). Cached per field of the parsed document (the server caches parsed documents), so a repeated
 * operation pays nothing. Directives are ignored: a field under `@include(if: false)` is still read, never missed.
 */
export function requestedFields(info: GraphQLResolveInfo, path: readonly string[] = [], needs: Readonly<Record<string, readonly string[]>> = NO_NEEDS): string[] {
  const node = info.fieldNodes[0]!;
  let byNeeds = cache.get(node);
  if (!byNeeds) cache.set(node, (byNeeds = new WeakMap()));
  let byPath = byNeeds.get(needs);
  if (!byPath) byNeeds.set(needs, (byPath = new Map()));
  const key = path.join('.');
  let fields = byPath.get(key);
  if (!fields) {
    const names = new Set<string>();
    for (const fieldNode of info.fieldNodes) collect(fieldNode.selectionSet, path, info, names);
    for (const name of [...names]) for (const needed of needs[name] ?? []) names.add(needed);
    fields = [...names].sort();
    byPath.set(key, fields);
  }
  return fields;
}
const NO_NEEDS = {};
/** Per field of a parsed document, per needs table (each is a module constant), per path. */
const cache = new WeakMap<FieldNode, WeakMap<object, Map<string, string[]>>>();

function collect(selectionSet: SelectionSetNode | undefined, path: readonly string[], info: GraphQLResolveInfo, into: Set<string>): void {
  if (!selectionSet) return;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      const name = selection.name.value;
      if (path.length === 0) into.add(name);
      else if (name === path[0]) collect(selection.selectionSet, path.slice(1), info, into);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      collect(selection.selectionSet, path, info, into);
    } else {
      collect(info.fragments[selection.name.value]?.selectionSet, path, info, into);
    }
  }
}
