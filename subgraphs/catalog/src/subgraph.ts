import { OutboxEvent, type SubgraphDefinition } from '@erp/platform';
import { catalogMigrations } from './migrations/index.js';
import { Category } from './modules/category/category.entity.js';
import { Product } from './modules/product/product.entity.js';
import { buildCatalogSchema } from './schema.js';
import { catalogPolicy } from './policy.js';

export const CATALOG_PORT = 4003;

export const catalogSubgraph: SubgraphDefinition = {
  name: 'catalog',
  defaultPort: CATALOG_PORT,
  entities: [Product, Category, OutboxEvent],
  migrations: catalogMigrations,
  policy: catalogPolicy,
  buildSchema: buildCatalogSchema,
};
