import { operationFromDocument, type Schema } from '@apollo/federation-internals';
import type { buildOperationContext } from '@apollo/gateway';
import type { FetchNode, QueryPlan } from '@apollo/query-planner';
import { Kind } from 'graphql';
import { compileAnswerShape, NotMirrored, type AnswerShape } from '../shaping/answer-shape.js';

type OperationContext = ReturnType<typeof buildOperationContext>;

/** An operation the gateway answers with one fetch to one subgraph, and what that subgraph's answer must look like. */
export interface SingleFetchPlan {
  fetch: FetchNode;
  shape: AnswerShape;
}

/**
 * The single-fetch plan of an operation, or why it has none. Only a plan that is one fetch at the root, whose answer
 * the gateway merges as it is (no entity representations, no rewrites of keys or values, no @defer) qualifies; the
 * answer shape is compiled from the operation exactly as `executeQueryPlan` builds it for shaping.
 */
export function singleFetchPlan(queryPlan: QueryPlan, operationContext: OperationContext, apiSchema: Schema): SingleFetchPlan | string {
  const fetch = queryPlan.node;
  if (fetch?.kind !== 'Fetch') return `the plan is ${fetch?.kind ?? 'empty'}`;
  if (fetch.operationKind === 'subscription') return 'a subscription';
  if (fetch.requires) return 'an entity fetch';
  if (fetch.inputRewrites?.length || fetch.outputRewrites?.length || fetch.contextRewrites?.length) return 'the fetch rewrites data';
  if (fetch.hasDefers || fetch.id !== undefined) return 'a deferred fetch';
  try {
    const operation = operationFromDocument(
      apiSchema,
      { kind: Kind.DOCUMENT, definitions: [operationContext.operation, ...Object.values(operationContext.fragments)] },
      { validate: false },
    );
    const shape = compileAnswerShape(operation);
    // The check cannot tell a reply that merges two selections of one object field from one that does not.
    if (shape.mergesObjects) return 'an object field selected twice';
    return { fetch, shape };
  } catch (error) {
    if (error instanceof NotMirrored) return error.message;
    return `the operation does not build: ${(error as Error).message}`;
  }
}

/** The variables a fetch sends, picked from the request's exactly as `executeQueryPlan` does. */
export function fetchVariables(fetch: FetchNode, provided: Record<string, unknown> | undefined): Record<string, unknown> {
  const variables = Object.create(null) as Record<string, unknown>;
  if (!fetch.variableUsages || !provided) return variables;
  for (const name of fetch.variableUsages) {
    if (Object.hasOwn(provided, name) && provided[name] !== undefined) variables[name] = provided[name];
  }
  return variables;
}
