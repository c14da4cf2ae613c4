import { OptionalProps } from '@mikro-orm/core';
import { Entity, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { randomUUID } from 'node:crypto';

@Entity({ tableName: 'category' })
@Unique({ properties: ['parent', 'name'] })
export class Category {
  [OptionalProps]?: 'id' | 'parent' | 'createdAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'string', length: 100 })
  name!: string;

  @ManyToOne(() => Category, { nullable: true, deleteRule: 'restrict' })
  parent: Category | null = null;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();
}
