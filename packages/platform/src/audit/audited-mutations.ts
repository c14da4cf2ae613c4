import { defaultFieldResolver, type GraphQLField, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import type { RequestContext } from '../context.js';
import { runInAuditScope } from './audit-scope.js';

const AUDITED = Symbol.for('erp.audit.mutation');

/**
 * Runs every Mutation field of a subgraph's schema in an audit scope (its name, the caller and the request id), so
 * every change it writes is recorded: the unit of work's by the kit's flush subscriber, hand-written ones through
 * `auditOutboxEvent`/`recordAudit`. The kit's schema builder applies it; a domain declares nothing.
 */
export function auditMutations(schema: GraphQLSchema): GraphQLSchema {
  for (const field of Object.values(schema.getMutationType()?.getFields() ?? {})) {
    if (isAuditedMutation(field)) continue;
    const resolve: GraphQLFieldResolver<unknown, RequestContext> = field.resolve ?? defaultFieldResolver;
    const audited: GraphQLFieldResolver<unknown, RequestContext> = (source, args, context, info) =>
      runInAuditScope({ mutation: info.fieldName, job: null, requestId: context.requestId, caller: context.caller }, () => resolve(source, args, context, info));
    Object.defineProperty(audited, AUDITED, { value: true });
    field.resolve = audited;
  }
  return schema;
}

export function isAuditedMutation(field: GraphQLField<unknown, unknown>): boolean {
  return field.resolve !== undefined && (field.resolve as unknown as Record<symbol, unknown>)[AUDITED] === true;
}

/** The Mutation fields of a schema that would run without an audit scope (none, when the kit built it). */
export function unauditedMutations(schema: GraphQLSchema): string[] {
  return Object.values(schema.getMutationType()?.getFields() ?? {})
    .filter((field) => !isAuditedMutation(field))
    .map((field) => field.name);
}
