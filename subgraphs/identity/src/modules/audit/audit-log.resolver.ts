import type { FieldChange } from '@erp/contracts';
import { PageArgs, requestedFields, type RequestContext } from '@erp/platform';
import type { GraphQLResolveInfo } from 'graphql';
import { Args, ArgsType, Authorized, Ctx, Field, FieldResolver, Info, Query, Resolver, Root } from 'type-graphql';
import { AUDIT_ENTRY_FIELD_NEEDS, listAuditLog, type AuditEntryRow } from './audit-log.service.js';
import { AuditActorKind, AuditActorType, AuditEntryConnection, AuditEntryType, AuditFieldChangeType, AuditLogFilter } from './audit-entry.types.js';

@ArgsType()
class AuditLogArgs extends PageArgs {
  @Field(() => AuditLogFilter, { nullable: true }) filter?: AuditLogFilter | null;
}

@Resolver(() => AuditEntryType)
export class AuditLogResolver {
  @Authorized('audit:read')
  @Query(() => AuditEntryConnection, { description: 'Who changed what, in every subgraph, newest first. Admins only.' })
  auditLog(@Args(() => AuditLogArgs) args: AuditLogArgs, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo) {
    return listAuditLog(ctx, args.filter ?? {}, args, requestedFields(info, ['edges', 'node'], AUDIT_ENTRY_FIELD_NEEDS));
  }

  @FieldResolver(() => AuditActorType)
  actor(@Root() entry: AuditEntryRow): AuditActorType {
    return {
      kind: entry.actorKind as AuditActorKind,
      id: entry.actorId ?? null,
      roles: entry.actorRoles ?? [],
      scopes: entry.actorScopes ?? [],
      onBehalfOf: entry.onBehalfOf ?? null,
    };
  }

  @FieldResolver(() => [AuditFieldChangeType])
  changes(@Root() entry: AuditEntryRow): AuditFieldChangeType[] {
    return (entry.changes as FieldChange[]).map((change) => ({ ...change, redacted: change.redacted === true }));
  }
}
