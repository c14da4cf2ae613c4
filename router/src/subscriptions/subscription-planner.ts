import { operationFromDocument, Supergraph, type Schema } from '@apollo/federation-internals';
import { buildOperationContext } from '@apollo/gateway';
import { QueryPlanner, type FetchNode, type PlanNode } from '@apollo/query-planner';
import { Kind, parse, validate, type DocumentNode, type GraphQLError, type GraphQLSchema } from 'graphql';
import { LRUCache } from 'lru-cache';

type OperationContext = ReturnType<typeof buildOperationContext>;

export interface SubscriptionPlan {
  document: DocumentNode;
  operationName: string | undefined;
  /** The subscription on the owning subgraph. */
  primary: FetchNode;
  /** What the other subgraphs add to each event: an ordinary plan, run once per event. */
  rest: PlanNode | undefined;
  /** The operation as the gateway's executor wants it, built once per plan rather than per event. */
  operationContext: OperationContext;
}


/**
 * Plans subscriptions with Apollo's query planner: it answers a subscription with a primary fetch (the subgraph that
 * owns the field) and the rest of the plan for the fields other subgraphs own. Plans are cached by document.
 */
export class SubscriptionPlanner {
  /** The supergraph (with join directives) as graphql-js sees it: the executor resolves entity keys against it. */
  readonly supergraphSchema: GraphQLSchema;
  readonly apiSchema: Schema;
  readonly apiGraphQLSchema: GraphQLSchema;
  private readonly planner: QueryPlanner;
  private readonly cache = new LRUCache<string, SubscriptionPlan>({ max: 1_000 });
  /** Ten thousand dashboards send the same few documents: parse and validate each once. */
  private readonly parsed = new LRUCache<string, ReturnType<SubscriptionPlanner['parseUncached']>>({ max: 1_000 });

  constructor(supergraphSdl: string) {
    const supergraph = Supergraph.build(supergraphSdl);
    this.supergraphSchema = supergraph.schema.toGraphQLJSSchema();
    this.apiSchema = supergraph.apiSchema();
    this.apiGraphQLSchema = this.apiSchema.toGraphQLJSSchema();
    this.planner = new QueryPlanner(supergraph);
  }

  /** Parses and validates against the public schema; an invalid document answers with its errors. */
  parse(query: string): { ok: true; document: DocumentNode } | { ok: false; errors: readonly GraphQLError[] } {
    let parsed = this.parsed.get(query);
    if (!parsed) {
      parsed = this.parseUncached(query);
      this.parsed.set(query, parsed);
    }
    return parsed;
  }

  private parseUncached(query: string): { ok: true; document: DocumentNode } | { ok: false; errors: readonly GraphQLError[] } {
    let document: DocumentNode;
    try {
      document = parse(query, { noLocation: true });
    } catch (error) {
      return { ok: false, errors: [error as GraphQLError] };
    }
    const errors = validate(this.apiGraphQLSchema, document);
    return errors.length > 0 ? { ok: false, errors } : { ok: true, document };
  }

  /** The kind of the operation the client asked for, or null when the document has no such operation. */
  operationType(document: DocumentNode, operationName: string | undefined): 'query' | 'mutation' | 'subscription' | null {
    const operations = document.definitions.filter((definition) => definition.kind === Kind.OPERATION_DEFINITION);
    const chosen = operationName ? operations.find((operation) => operation.name?.value === operationName) : operations.length === 1 ? operations[0] : undefined;
    return chosen?.operation ?? null;
  }

  plan(query: string, document: DocumentNode, operationName: string | undefined): SubscriptionPlan {
    const key = `${operationName ?? ''}\n${query}`;
    const cached = this.cache.get(key);
    if (cached) return cached;
    const operation = operationFromDocument(this.apiSchema, document, { operationName });
    const node = this.planner.buildQueryPlan(operation).node;
    if (node?.kind !== 'Subscription') throw new Error('Not a subscription');
    const operationContext = buildOperationContext({ schema: this.apiGraphQLSchema, operationDocument: document, operationName });
    const plan: SubscriptionPlan = { document, operationName, primary: node.primary, rest: node.rest, operationContext };
    this.cache.set(key, plan);
    return plan;
  }
}
