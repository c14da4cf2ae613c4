import type { Caller } from '../auth/caller.js';
import { defineEvent } from '../events/event-contract.js';

/** A value as the audit trail keeps it: JSON (dates as ISO strings, bigints and money as decimal strings). */
export type AuditValue = string | number | boolean | null | AuditValue[] | { [key: string]: AuditValue };

/** One field that a change set or cleared; a secret field says only that it changed (`redacted`, both values null). */
export interface FieldChange {
  field: string;
  before: AuditValue;
  after: AuditValue;
  redacted?: true;
}

export type AuditAction = 'created' | 'updated' | 'deleted';

/** What happened to one record: its type (the entity's class name), id, and the fields that changed. */
export interface EntityChange {
  entityType: string;
  entityId: string;
  action: AuditAction;
  fields: FieldChange[];
}

/** Who made a change, as the router signed it: a user (with roles), an API key (with scopes and owner), a service. */
export interface AuditActor {
  kind: 'user' | 'apiKey' | 'service' | 'router' | 'anonymous';
  /** The user id, the API key id, or the service's name. */
  id: string | null;
  roles: string[];
  scopes: string[];
  /** For an API key: the user it acts for. */
  onBehalfOf: string | null;
}

/**
 * The changes one transaction of a mutation (or of an event consumer) made, written to its subgraph's outbox in that
 * transaction. Exactly one of `mutation` and `job` is set.
 */
export interface AuditRecorded {
  mutation: string | null;
  /** The consumer whose handling of an event made the change. */
  job: string | null;
  requestId: string;
  actor: AuditActor;
  at: string;
  changes: EntityChange[];
}

/**
 * Defined here, beside the kit that produces it for every subgraph, because `@erp/contracts` depends on the kit;
 * `@erp/contracts` exports it with the other events, and consumers import it from there.
 */
export const auditRecorded = defineEvent<AuditRecorded>('audit.recorded');

export function auditActor(caller: Caller | null): AuditActor {
  switch (caller?.kind) {
    case 'user':
      return { kind: 'user', id: caller.userId, roles: [...caller.roles], scopes: [], onBehalfOf: null };
    case 'apiKey':
      return { kind: 'apiKey', id: caller.apiKeyId, roles: [], scopes: [...caller.scopes], onBehalfOf: caller.ownerId };
    case 'service':
      return { kind: 'service', id: caller.name, roles: [], scopes: [...caller.scopes], onBehalfOf: null };
    case 'router':
      return { kind: 'router', id: null, roles: [], scopes: [], onBehalfOf: null };
    default:
      return { kind: 'anonymous', id: null, roles: [], scopes: [], onBehalfOf: null };
  }
}
