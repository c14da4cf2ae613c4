import type { SubgraphMigration } from '@erp/platform';
import { Migration20261201221609 } from './Migration20261201221609.js';
import { Migration20261201223513 } from './Migration20261201223513.js';
import { Migration20261201223545 } from './Migration20261201223545.js';
import { Migration20261201225337 } from './Migration20261201225337.js';

/** Applied in this order at start; generate the next with `pnpm --filter @erp/inventory migration:create`. */
export const inventoryMigrations: SubgraphMigration[] = [
  { name: 'Migration20261201221609', class: Migration20261201221609 },
  { name: 'Migration20261201223545', class: Migration20261201223545 },
  { name: 'Migration20261201225337', class: Migration20261201225337 },
  /** The catalog projection (catalog_product) for stock reports by category (written on another branch, merged last). */
  { name: 'Migration20261201223513', class: Migration20261201223513 },
];
