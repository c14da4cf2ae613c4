import type { Operation, Schema } from '@apollo/federation-internals';
import type { ComputeResponse, ResponseShaping } from '@apollo/gateway';
import type { OperationDefinitionNode } from 'graphql';
import { compileAnswerShape, NotMirrored, type AnswerShape } from './answer-shape.js';
import { shapeAnswer, UNSURE } from './shape-answer.js';

export type ResponseShapingMode = 'compiled' | 'gateway';

/** ROUTER_RESPONSE_SHAPING=gateway lets @apollo/gateway shape every response itself; anything else: compiled. */
export function responseShapingFromEnvironment(env: NodeJS.ProcessEnv = process.env): ResponseShapingMode {
  return env.ROUTER_RESPONSE_SHAPING === 'gateway' ? 'gateway' : 'compiled';
}

export interface ResponseShapingStats {
  /** Responses shaped from the operation's compiled shape. */
  compiled: number;
  /** Responses the gateway's own shaping built (an operation not mirrored, or an answer the fast path was unsure of). */
  gateway: number;
}

/**
 * The router's result shaping for the gateway's plan execution (`experimental_responseShaping`, a patch of
 * @apollo/gateway: patches/). The gateway rebuilds the operation of every request from its document and re-reads its
 * selections and directives for every object of every answer; here the operation is built once per parsed document
 * (Apollo Server keeps the parsed document of an operation, so its definition node is the same object every time)
 * and compiled once into the shape `shapeAnswer` follows. Whatever it does not mirror, or any answer it is unsure of,
 * goes to the gateway's own shaping, so responses and errors stay the gateway's.
 */
export function compiledResponseShaping(): ResponseShaping & { stats(): ResponseShapingStats } {
  const operations = new WeakMap<Schema, WeakMap<OperationDefinitionNode, Operation>>();
  const shapes = new WeakMap<Operation, AnswerShape | null>();
  const stats: ResponseShapingStats = { compiled: 0, gateway: 0 };

  const shapeOf = (operation: Operation): AnswerShape | null => {
    let shape = shapes.get(operation);
    if (shape === undefined) {
      try {
        shape = compileAnswerShape(operation);
      } catch (error) {
        if (!(error instanceof NotMirrored)) throw error;
        shape = null;
      }
      shapes.set(operation, shape);
    }
    return shape;
  };

  return {
    operation(apiSchema, operationContext, build) {
      let bySchema = operations.get(apiSchema);
      if (!bySchema) operations.set(apiSchema, (bySchema = new WeakMap()));
      let operation = bySchema.get(operationContext.operation);
      if (!operation) bySchema.set(operationContext.operation, (operation = build()));
      return operation;
    },
    computeResponse(args, computeResponse: ComputeResponse) {
      const shape = args.input ? shapeOf(args.operation) : null;
      const data = shape ? shapeAnswer(args.input!, shape, args.variables) : UNSURE;
      if (data === UNSURE) {
        stats.gateway += 1;
        return computeResponse(args);
      }
      stats.compiled += 1;
      return { data, errors: [] };
    },
    stats: () => ({ ...stats }),
  };
}
