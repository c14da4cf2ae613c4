/**
 * The object `registerEnumType` takes, built from a `const` list of values (each value its own name), so that the
 * list stays the one definition of the values and the GraphQL enum follows it.
 */
export function enumOf<T extends string>(values: readonly T[]): { readonly [V in T]: V } {
  return Object.fromEntries(values.map((value) => [value, value])) as { [V in T]: V };
}
