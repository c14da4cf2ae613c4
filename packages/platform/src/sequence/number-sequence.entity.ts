import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { NotAudited } from '../audit/secret-fields.js';

/** The last number handed out per document type and year; include it in a subgraph's entities to use `nextNumber`. */
@NotAudited()
@Entity({ tableName: 'number_sequence' })
export class NumberSequence {
  @PrimaryKey({ type: 'string', length: 32 })
  name!: string;

  @PrimaryKey({ type: 'integer' })
  year!: number;

  @Property({ type: 'bigint' })
  lastValue!: bigint;
}
