import { describe, expect, it } from 'vitest';
import { dedupeRepresentations } from './dedupe-representations.js';

const product = (id: string) => ({ __typename: 'Product', id });

describe('dedupeRepresentations', () => {
  it('sends each distinct representation once and spreads the answers back in order', () => {
    const deduped = dedupeRepresentations({ first: 3, representations: [product('a'), product('b'), product('a'), product('a')] })!;
    expect(deduped.variables).toEqual({ first: 3, representations: [product('a'), product('b')] });
    const response = deduped.expand({ data: { _entities: [{ name: 'A' }, { name: 'B' }] } });
    expect(response.data).toEqual({ _entities: [{ name: 'A' }, { name: 'B' }, { name: 'A' }, { name: 'A' }] });
  });

  it('reports an error about one entity at each of its occurrences', () => {
    const deduped = dedupeRepresentations({ representations: [product('a'), product('b'), product('b')] })!;
    const response = deduped.expand({
      data: { _entities: [{ name: 'A' }, null] },
      errors: [{ path: ['_entities', 1, 'name'] }, { path: ['other'] }],
    });
    expect(response.errors).toEqual([{ path: ['_entities', 1, 'name'] }, { path: ['_entities', 2, 'name'] }, { path: ['other'] }]);
    expect((response.data as { _entities: unknown[] })._entities).toEqual([{ name: 'A' }, null, null]);
  });

  it('leaves requests without repeats alone', () => {
    expect(dedupeRepresentations({ representations: [product('a'), product('b')] })).toBeNull();
    expect(dedupeRepresentations({ first: 1 })).toBeNull();
    expect(dedupeRepresentations(undefined)).toBeNull();
  });
});
