import { ConnectionType } from '@erp/platform';
import { GraphQLJSON } from 'graphql-scalars';
import { Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';

export enum AuditActionEnum {
  CREATED = 'created',
  UPDATED = 'updated',
  DELETED = 'deleted',
}
registerEnumType(AuditActionEnum, { name: 'AuditAction' });

export enum AuditActorKind {
  USER = 'user',
  API_KEY = 'apiKey',
  SERVICE = 'service',
  ROUTER = 'router',
  ANONYMOUS = 'anonymous',
}
registerEnumType(AuditActorKind, { name: 'AuditActorKind' });

@ObjectType('AuditActor', { description: 'Who made a change, as the router established it.' })
export class AuditActorType {
  @Field(() => AuditActorKind) kind!: AuditActorKind;
  @Field(() => String, { nullable: true, description: 'The user id, the API key id or the service name; null when anonymous (register, login).' })
  id!: string | null;
  @Field(() => [String], { description: "A user's roles." }) roles!: string[];
  @Field(() => [String], { description: "An API key's or a service's scopes." }) scopes!: string[];
  @Field(() => ID, { nullable: true, description: 'For an API key: the user who created it.' }) onBehalfOf!: string | null;
}

@ObjectType('AuditFieldChange')
export class AuditFieldChangeType {
  @Field(() => String) field!: string;
  @Field(() => GraphQLJSON, { nullable: true, description: 'The value before; null for a created record or a redacted field.' }) before!: unknown;
  @Field(() => GraphQLJSON, { nullable: true, description: 'The value after; null for a deleted record or a redacted field.' }) after!: unknown;
  @Field(() => Boolean, { description: 'A secret (a password hash, a key, a token): it changed, its values are never kept.' })
  redacted!: boolean;
}

@ObjectType('AuditEntry', { description: "One record's change by a mutation (or by a subgraph's reaction to an event)." })
export class AuditEntryType {
  @Field(() => ID) id!: string;
  @Field(() => Date) occurredAt!: Date;
  @Field(() => String, { description: 'The subgraph that made the change.' }) subgraph!: string;
  @Field(() => String, { nullable: true, description: 'The mutation, e.g. updateCustomer; null for a reaction to an event.' })
  mutation!: string | null;
  @Field(() => String, { nullable: true, description: 'The event consumer that made the change, when no mutation did.' }) job!: string | null;
  @Field(() => String, { description: 'The x-request-id of the request (the event id for a reaction).' }) requestId!: string;
  @Field(() => AuditActorType) actor!: AuditActorType;
  @Field(() => String, { description: 'The record type, e.g. Customer.' }) entityType!: string;
  @Field(() => String) entityId!: string;
  @Field(() => AuditActionEnum) action!: AuditActionEnum;
  @Field(() => [AuditFieldChangeType], { description: 'Only the fields that changed.' }) changes!: AuditFieldChangeType[];
}

export const AuditEntryConnection = ConnectionType(AuditEntryType, 'AuditEntry');

@InputType()
export class AuditLogFilter {
  @Field(() => String, { nullable: true }) entityType?: string | null;
  @Field(() => String, { nullable: true }) entityId?: string | null;
  @Field(() => String, { nullable: true, description: 'A user id, API key id or service name.' }) actorId?: string | null;
  @Field(() => String, { nullable: true }) mutation?: string | null;
  @Field(() => Date, { nullable: true, description: 'From this instant, included.' }) from?: Date | null;
  @Field(() => Date, { nullable: true, description: 'Before this instant.' }) to?: Date | null;
}
