import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { NotAudited } from '../audit/secret-fields.js';

/** A write that ran under an idempotency key, and what it produced; include it in a subgraph's entities. */
@NotAudited()
@Entity({ tableName: 'idempotency_key' })
export class IdempotencyKey {
  @PrimaryKey({ type: 'string', length: 64 })
  scope!: string;

  @PrimaryKey({ type: 'string', length: 200 })
  key!: string;

  /** What the first request asked for; the same key with other input is refused. */
  @Property({ type: 'string', length: 64 })
  fingerprint!: string;

  /** The id of what the first request created or changed (null while it runs). */
  @Property({ type: 'string', length: 64, nullable: true })
  resultId: string | null = null;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();
}
