import { getOperationAST, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { checkOperationLimits } from './operation-limits.js';

const limits = { maxDepth: 4, maxAliases: 2, maxRootFields: 2 };

function check(query: string) {
  const document = parse(query);
  return checkOperationLimits(document, getOperationAST(document)!, limits)?.extensions.code ?? null;
}

describe('operation limits', () => {
  it('counts depth through fragments and inline fragments, not __typename', () => {
    expect(check('{ a { b { c { d } } } }')).toBeNull();
    expect(check('{ a { b { c { d { e } } } } }')).toBe('MAX_DEPTH_EXCEEDED');
    expect(check('{ a { ...F } } fragment F on T { b { ... on U { c { d { e } } } } }')).toBe('MAX_DEPTH_EXCEEDED');
    expect(check('{ a { b { c { d __typename } } } }')).toBeNull();
  });

  it('counts aliases wherever they are, fragments included', () => {
    expect(check('{ x: a { y: b } }')).toBeNull();
    expect(check('{ x: a { y: b } ...F } fragment F on Query { z: a }')).toBe('MAX_ALIASES_EXCEEDED');
  });

  it('counts root fields, fragments spread in', () => {
    expect(check('{ a b __typename }')).toBeNull();
    expect(check('{ a ...F } fragment F on Query { b c }')).toBe('MAX_ROOT_FIELDS_EXCEEDED');
  });

  it('measures only the operation asked for, and does not loop on a fragment cycle', () => {
    const document = parse('query Small { a } query Deep { a { b { c { d { e } } } } } fragment F on T { ...G } fragment G on T { ...F }');
    expect(checkOperationLimits(document, getOperationAST(document, 'Small')!, limits)).toBeNull();
    expect(checkOperationLimits(document, getOperationAST(document, 'Deep')!, limits)?.extensions.code).toBe('MAX_DEPTH_EXCEEDED');
    const cyclic = parse('{ a { ...F } } fragment F on T { b { ...F } }');
    expect(checkOperationLimits(cyclic, getOperationAST(cyclic)!, limits)).toBeNull();
  });
});
