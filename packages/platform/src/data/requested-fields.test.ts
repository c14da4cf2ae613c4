import { Kind, parse, type FieldNode, type FragmentDefinitionNode, type GraphQLResolveInfo, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { requestedFields } from './requested-fields.js';

/** The resolve info of the operation's first root field, as graphql-js would give it. */
function infoOf(source: string): GraphQLResolveInfo {
  const document = parse(source);
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
  const fragments = Object.fromEntries(
    document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]),
  );
  return { fieldNodes: [operation.selectionSet.selections[0] as FieldNode], fragments } as unknown as GraphQLResolveInfo;
}

describe('requestedFields', () => {
  it('follows a path through fragments and inline fragments', () => {
    const info = infoOf('query { orders { edges { node { id ...F ... on Order { total } } } totalCount } } fragment F on Order { number status }');
    expect(requestedFields(info, ['edges', 'node'])).toEqual(['id', 'number', 'status', 'total']);
    expect(requestedFields(info)).toEqual(['edges', 'totalCount']);
  });

  it('adds what computed fields read, per needs table', () => {
    const info = infoOf('query { order { id total } }');
    expect(requestedFields(info, [], { total: ['totalMinor', 'currency'] })).toEqual(['currency', 'id', 'total', 'totalMinor']);
    expect(requestedFields(info, [], { total: ['grossMinor'] })).toEqual(['grossMinor', 'id', 'total']);
    expect(requestedFields(info)).toEqual(['id', 'total']);
  });
});
