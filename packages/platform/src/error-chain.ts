/**
 * An error and those it wraps, outermost first: GraphQL's `originalError`, or the standard `cause` (drivers, the ORM
 * and the migrator wrap the error that says what happened). A few levels at most.
 */
export function* errorChain(error: unknown, depth = 5): Generator<{ code?: unknown; message?: unknown }> {
  for (let current = error, level = 0; current && level < depth; level += 1) {
    yield current as { code?: unknown; message?: unknown };
    const wrapper = current as { originalError?: unknown; cause?: unknown };
    current = wrapper.originalError ?? wrapper.cause;
  }
}
