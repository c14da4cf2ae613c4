/**
 * @apollo/gateway sends one representation per entity occurrence: 250 order lines of 40 products ask catalog for 250
 * products. The subgraph only needs each distinct representation once; its answers are spread back over the
 * occurrences (and an error about one distinct entity is reported at each of its occurrences).
 */
export interface DedupedRepresentations {
  variables: Record<string, unknown>;
  /** Puts the answer back in the gateway's order; a no-op when nothing was merged. */
  expand<T extends EntitiesResponse>(response: T): T;
}

interface EntitiesResponse {
  data?: unknown;
  errors?: { path?: readonly (string | number)[] }[];
}

export function dedupeRepresentations(variables: Record<string, unknown> | undefined): DedupedRepresentations | null {
  const representations = variables?.representations;
  if (!Array.isArray(representations) || representations.length < 2) return null;
  const slotOf = new Map<string, number>();
  const unique: unknown[] = [];
  const slots = representations.map((representation) => {
    const key = JSON.stringify(representation);
    let slot = slotOf.get(key);
    if (slot === undefined) slotOf.set(key, (slot = unique.push(representation) - 1));
    return slot;
  });
  if (unique.length === representations.length) return null;
  return {
    variables: { ...variables, representations: unique },
    expand(response) {
      const data = response.data as { _entities?: unknown[] } | null | undefined;
      const entities = data?._entities;
      if (Array.isArray(entities)) data!._entities = slots.map((slot) => entities[slot] ?? null);
      if (response.errors) {
        const occurrences = new Map<number, number[]>();
        slots.forEach((slot, index) => (occurrences.get(slot) ?? occurrences.set(slot, []).get(slot)!).push(index));
        response.errors = response.errors.flatMap((error) => {
          const [root, slot, ...rest] = error.path ?? [];
          if (root !== '_entities' || typeof slot !== 'number') return [error];
          return (occurrences.get(slot) ?? [slot]).map((index) => ({ ...error, path: ['_entities', index, ...rest] }));
        });
      }
      return response;
    },
  };
}
