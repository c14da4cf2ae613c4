import 'reflect-metadata';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { parse, type GraphQLResolveInfo, type GraphQLSchema } from 'graphql';
import { buildSchema, createResolversMap, getMetadataStorage, type NonEmptyArray } from 'type-graphql';
import { decideAccess, type Permission, type PermissionPolicy } from '../auth/permissions.js';
import type { RequestContext } from '../context.js';
import { ForbiddenError, UnauthenticatedError } from '../errors.js';
import { auditMutations } from '../audit/audited-mutations.js';
import { ACCESS_DIRECTIVE_LINK, declaredAccess, withAccessDirectives } from './access-directives.js';
import { withConnectionListSizes } from './list-size-defaults.js';

const FEDERATION_LINK =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key", "@shareable", "@external", "@requires", "@provides", "@inaccessible", "@cost", "@listSize", "@composeDirective"])\n' +
  ACCESS_DIRECTIVE_LINK +
  '\n\n';

export type ReferenceResolvers = Record<string, { __resolveReference(reference: any, context: RequestContext, info: GraphQLResolveInfo): unknown }>;

export interface FederatedSchemaOptions {
  resolvers: NonEmptyArray<Function>;
  /** Entities and stubs that no resolver returns directly but federation must know. */
  orphanedTypes?: Function[];
  referenceResolvers?: ReferenceResolvers;
  policy: PermissionPolicy;
}

/**
 * A plain `@Field` (no `@Authorized`, no middleware) reads its property with graphql's default resolver instead of
 * type-graphql's middleware runner, which otherwise runs for every field of every row (`simple` is type-graphql's own
 * switch for it). Fields that are guarded keep the runner, so their checks still apply.
 */
function resolvePlainFieldsDirectly(): void {
  const storage = getMetadataStorage();
  const guarded = new Map<Function, Set<string>>();
  const guard = (target: Function, name: string) => (guarded.get(target) ?? guarded.set(target, new Set()).get(target)!).add(name);
  for (const field of storage.authorizedFields) guard(field.target, field.fieldName);
  for (const middleware of storage.middlewares) guard(middleware.target, middleware.fieldName);
  for (const field of storage.fields) {
    if (field.simple === undefined && !guarded.get(field.target)?.has(field.name)) field.simple = true;
  }
}

/**
 * type-graphql builds the schema from the decorated classes; we print it with its directives (`@key`), add the
 * Federation 2 link, and hand typeDefs + resolvers to @apollo/subgraph, which adds `_entities` and `_service`. Every
 * mutation is audited (`auditMutations`).
 */
export async function buildFederatedSchema(options: FederatedSchemaOptions): Promise<GraphQLSchema> {
  resolvePlainFieldsDirectly();
  const schema = await buildSchema({
    resolvers: options.resolvers,
    orphanedTypes: options.orphanedTypes,
    skipCheck: true,
    // Subscription fields name their source with `subscribe: (…) => eventsFor(…)`; type-graphql's topic pub/sub is
    // never used, but it insists on having one.
    pubSub: {
      publish: () => {
        throw new Error('Publish domain events through the outbox (recordEvent), not type-graphql topics.');
      },
      subscribe: () => {
        throw new Error('Subscription fields use `subscribe: eventsFor(…)`, not topics.');
      },
    },
    validate: false,
    authMode: 'error',
    authChecker: ({ context }: { context: RequestContext }, permissions: string[]) => {
      const decision = decideAccess(context.caller, permissions as Permission[], options.policy);
      if (decision === 'unauthenticated') throw new UnauthenticatedError();
      if (decision === 'forbidden') throw new ForbiddenError(`This needs the permission ${permissions.join(' or ')}.`);
      return true;
    },
  });
  const typeDefs = withAccessDirectives(withConnectionListSizes(parse(FEDERATION_LINK + printSchemaWithDirectives(schema))), declaredAccess());
  const resolvers = createResolversMap(schema) as Record<string, object>;
  for (const [typeName, reference] of Object.entries(options.referenceResolvers ?? {})) {
    resolvers[typeName] = { ...resolvers[typeName], ...reference };
  }
  return auditMutations(buildSubgraphSchema([{ typeDefs, resolvers: resolvers as never }]));
}
