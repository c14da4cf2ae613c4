import type { AuditAction, AuditActor, FieldChange } from '@erp/contracts';
import { NotAudited } from '@erp/platform';
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { randomUUID } from 'node:crypto';

/**
 * One record's change, as a subgraph reported it in an `audit.recorded` event: who, through which mutation or job,
 * in which request, and the fields before and after (secrets only marked as changed). Written once, never changed.
 * Not audited itself: storing the trail is not a change to it.
 */
@NotAudited()
@Entity({ tableName: 'audit_entry' })
@Index({ properties: ['occurredAt', 'id'] })
@Index({ properties: ['entityType', 'entityId', 'occurredAt'] })
@Index({ properties: ['actorId', 'occurredAt'] })
@Index({ properties: ['mutation', 'occurredAt'] })
export class AuditEntry {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  /** The `audit.recorded` event it came from (one event can hold several records' changes). */
  @Index()
  @Property({ type: 'uuid' })
  eventId!: string;

  @Property({ type: 'datetime' })
  occurredAt!: Date;

  /** The subgraph that made the change. */
  @Property({ type: 'string', length: 100 })
  subgraph!: string;

  @Property({ type: 'string', length: 200, nullable: true })
  mutation: string | null = null;

  @Property({ type: 'string', length: 200, nullable: true })
  job: string | null = null;

  @Property({ type: 'string', length: 200 })
  requestId!: string;

  @Property({ type: 'string', length: 16 })
  actorKind!: AuditActor['kind'];

  @Property({ type: 'string', length: 200, nullable: true })
  actorId: string | null = null;

  @Property({ type: 'string[]', columnType: 'text[]' })
  actorRoles: string[] = [];

  @Property({ type: 'string[]', columnType: 'text[]' })
  actorScopes: string[] = [];

  @Property({ type: 'uuid', nullable: true })
  onBehalfOf: string | null = null;

  @Property({ type: 'string', length: 100 })
  entityType!: string;

  @Property({ type: 'string', length: 200 })
  entityId!: string;

  @Property({ type: 'string', length: 16 })
  action!: AuditAction;

  @Property({ type: 'json' })
  changes: FieldChange[] = [];
}
