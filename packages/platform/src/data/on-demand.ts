/**
 * A value computed only if someone awaits it, at most once. GraphQL awaits a field's value only when the client
 * selected the field, so a connection's `totalCount` made this way costs its statement only when it is asked for.
 */
export function onDemand<T>(compute: () => Promise<T>): PromiseLike<T> {
  let started: Promise<T> | null = null;
  return {
    then: (onFulfilled, onRejected) => (started ??= compute()).then(onFulfilled, onRejected),
  };
}
