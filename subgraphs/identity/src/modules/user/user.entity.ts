import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { OptionalProps } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Secret, type Role } from '@erp/platform';

@Entity({ tableName: 'user' })
export class User {
  [OptionalProps]?: 'id' | 'displayName' | 'roles' | 'customerId' | 'employeeId' | 'disabledAt' | 'lastLoginAt' | 'createdAt' | 'updatedAt' | 'version';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  /** Stored lower-cased; unique. */
  @Property({ type: 'string', length: 320, unique: true })
  email!: string;

  @Property({ type: 'string', length: 200, nullable: true })
  displayName: string | null = null;

  @Secret()
  @Property({ type: 'text', hidden: true })
  passwordHash!: string;

  @Property({ type: 'string[]', columnType: 'text[]' })
  roles: Role[] = [];

  /** A customer-portal user sees only this customer's data. */
  @Index()
  @Property({ type: 'uuid', nullable: true })
  customerId: string | null = null;

  /** An employee-portal user sees only this employee's tasks, time and payslips. */
  @Property({ type: 'uuid', nullable: true })
  employeeId: string | null = null;

  @Property({ type: 'datetime', nullable: true })
  disabledAt: Date | null = null;

  @Property({ type: 'datetime', nullable: true })
  lastLoginAt: Date | null = null;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', onUpdate: () => new Date() })
  updatedAt: Date = new Date();

  @Property({ type: 'integer', version: true })
  version!: number;
}
