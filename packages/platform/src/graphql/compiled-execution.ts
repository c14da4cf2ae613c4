import type { ApolloServerOptionsWithGateway, BaseContext } from '@apollo/server';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';
import { defaultFieldResolver, getVariableValues, GraphQLError, isObjectType, type DocumentNode, type ExecutionResult, type GraphQLSchema } from 'graphql';

type Gateway = ApolloServerOptionsWithGateway<BaseContext>['gateway'];

/** Compiled operations kept per parsed document (Apollo Server reuses the parsed document of a repeated operation). */
type Compiled = Map<string, CompiledQuery | ExecutionResult>;

/**
 * Serves a subgraph's schema to Apollo Server through its executor hook (the `gateway` option, which is how Apollo
 * Server takes an executor of its own) with operations compiled by graphql-jit: each operation becomes a function
 * once, on first use, instead of graphql-js walking the schema for every field of every row on every request.
 * Parsing, validation, context, plugins and error formatting stay Apollo Server's.
 */
export function compiledExecution(schema: GraphQLSchema): Gateway {
  resolveAwaitedFields(schema);
  const compiled = new WeakMap<DocumentNode, Compiled>();
  const compile = (document: DocumentNode, operationName: string | null) => {
    let byName = compiled.get(document);
    if (!byName) compiled.set(document, (byName = new Map()));
    const key = operationName ?? '';
    let query = byName.get(key);
    if (!query) byName.set(key, (query = compileQuery(schema, document, operationName ?? undefined, { disablingCapturingStackErrors: true })));
    return query;
  };
  return {
    onSchemaLoadOrUpdate(callback) {
      callback({ apiSchema: schema, coreSupergraphSdl: '' });
      return () => undefined;
    },
    async load() {
      return {
        executor: async (requestContext) => {
          const query = compile(requestContext.document, requestContext.operationName);
          if (!isCompiledQuery(query)) return query;
          const variables = requestContext.request.variables ?? {};
          // graphql-js's coercion first, for its errors: a scalar that refuses a value (a malformed Decimal) answers
          // BAD_USER_INPUT with status 400, where graphql-jit's own coercion would throw.
          const coerced = getVariableValues(schema, requestContext.operation.variableDefinitions ?? [], variables);
          if (coerced.errors) return { errors: coerced.errors };
          return withGraphqlJsErrors(await query.query(undefined, requestContext.context, variables));
        },
      };
    },
    async stop() {},
  };
}

/**
 * graphql-jit reads a field without a resolver as a plain property and never awaits it, where graphql-js awaits a
 * promise found there. A connection's `totalCount` is such a value (counted on demand, see `onDemand`): it gets the
 * default resolver, whose result graphql-jit awaits.
 */
function resolveAwaitedFields(schema: GraphQLSchema): void {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type)) continue;
    const totalCount = type.getFields().totalCount;
    if (totalCount && !totalCount.resolve) totalCount.resolve = defaultFieldResolver;
  }
}

/**
 * graphql-jit's errors leave `extensions` undefined when the thrown error has none, where graphql-js always gives an
 * object, and Apollo Server's error formatting reads it: each becomes graphql-js's own error, with the same message,
 * locations, path, original error and extensions.
 */
function withGraphqlJsErrors(result: ExecutionResult): ExecutionResult {
  if (!result.errors?.length) return result;
  const errors = result.errors.map((error) => {
    const original = error.originalError ?? undefined;
    const copy = new GraphQLError(error.message, { path: error.path, originalError: original, extensions: error.extensions ?? (original as { extensions?: Record<string, unknown> } | undefined)?.extensions });
    return Object.assign(copy, { locations: error.locations });
  });
  return { ...result, errors };
}
