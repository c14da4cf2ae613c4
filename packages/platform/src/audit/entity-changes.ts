import { ChangeSetType, ReferenceKind, Reference, Utils, helper, type ChangeSet, type EntityClass, type EntityMetadata, type EntityProperty } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { AuditAction, EntityChange } from './audit-record.js';
import { fieldChanges } from './field-changes.js';
import { isAuditedEntity, isSecretProperty } from './secret-fields.js';

type MetadataSource = Pick<EntityManager, 'getMetadata'>;

const auditedProps = new WeakMap<EntityMetadata<any>, EntityProperty<any>[]>();

/**
 * The properties whose changes the trail records: the record's own columns and the references it holds, not its
 * primary key (the entry names it), its version or what changes on every update (`updatedAt`): bookkeeping, not a change.
 */
function propertiesOf(meta: EntityMetadata<any>): EntityProperty<any>[] {
  let props = auditedProps.get(meta);
  if (!props) {
    props = meta.props.filter(
      (prop) =>
        prop.persist !== false &&
        !prop.primary &&
        !prop.version &&
        !prop.onUpdate &&
        (prop.kind === ReferenceKind.SCALAR ||
          prop.kind === ReferenceKind.EMBEDDED ||
          prop.kind === ReferenceKind.MANY_TO_ONE ||
          (prop.kind === ReferenceKind.ONE_TO_ONE && prop.owner)),
    );
    auditedProps.set(meta, props);
  }
  return props;
}

/** A property's value as the trail compares it: a reference as its key, a stored date as a Date. */
function plainValue(prop: EntityProperty<any>, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (prop.kind === ReferenceKind.MANY_TO_ONE || prop.kind === ReferenceKind.ONE_TO_ONE) {
    const target = Reference.isReference(value) ? value.unwrap() : value;
    return Utils.isEntity(target) ? helper(target).getSerializedPrimaryKey() : target;
  }
  if (prop.runtimeType === 'Date' && !(value instanceof Date)) return new Date(value as string);
  return value;
}

function plainState(props: readonly EntityProperty<any>[], state: Record<string, unknown>): Record<string, unknown> {
  const plain: Record<string, unknown> = {};
  for (const prop of props) plain[prop.name] = plainValue(prop, state[prop.name]);
  return plain;
}

function change(meta: EntityMetadata<any>, entityId: string, action: AuditAction, before: Record<string, unknown> | null, after: Record<string, unknown> | null, names?: ReadonlySet<string>): EntityChange {
  const props = propertiesOf(meta).filter((prop) => !names || names.has(prop.name));
  const fields = fieldChanges(
    before && plainState(props, before),
    after && plainState(props, after),
    props.map((prop) => prop.name),
    (field) => meta.properties[field]?.hidden === true || isSecretProperty(meta.class, field),
  );
  return { entityType: meta.className, entityId, action, fields };
}

/** The audited change of one change set of the unit of work, or null for the kit's own tables and empty updates. */
export function changeOfChangeSet(changeSet: ChangeSet<any>): EntityChange | null {
  const meta = changeSet.meta;
  if (!isAuditedEntity(meta.class)) return null;
  const id = changeSet.getSerializedPrimaryKey() ?? helper(changeSet.entity).getSerializedPrimaryKey() ?? '';
  switch (changeSet.type) {
    case ChangeSetType.CREATE:
      return change(meta, id, 'created', null, changeSet.entity);
    case ChangeSetType.DELETE:
    case ChangeSetType.DELETE_EARLY:
      return change(meta, id, 'deleted', (changeSet.originalEntity as Record<string, unknown> | undefined) ?? changeSet.entity, null);
    default: {
      const updated = change(meta, id, 'updated', (changeSet.originalEntity as Record<string, unknown> | undefined) ?? {}, changeSet.entity, new Set(Object.keys(changeSet.payload)));
      return updated.fields.length > 0 ? updated : null;
    }
  }
}

/**
 * The audited change of a record written by hand (a `ctx.db` statement or a `nativeUpdate`): the entity's metadata
 * decides which fields count and which are secret, as for the unit of work. `before` null: created; `after` null: deleted.
 */
export function entityChange<T extends object>(
  metadata: MetadataSource,
  entity: EntityClass<T>,
  entityId: string,
  before: Partial<T> | null,
  after: Partial<T> | null,
): EntityChange {
  const meta = metadata.getMetadata(entity) as EntityMetadata<any>;
  const action: AuditAction = before === null ? 'created' : after === null ? 'deleted' : 'updated';
  const given = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  return change(meta, entityId, action, before as Record<string, unknown> | null, after as Record<string, unknown> | null, given);
}
