import { billingSubgraph } from '@erp/billing';
import { catalogSubgraph } from '@erp/catalog';
import { crmSubgraph } from '@erp/crm';
import { createIdentitySubgraph, type IdentityOptions } from '@erp/identity';
import { createNotificationsSubgraph, type NotificationsOptions } from '@erp/notifications';
import { inventorySubgraph } from '@erp/inventory';
import { salesSubgraph } from '@erp/sales';
import type { SubgraphDefinition } from '@erp/platform';

export interface StackOptions {
  identity?: IdentityOptions;
  notifications?: NotificationsOptions;
}

/** Every subgraph of the graph, in start order; the supergraph is composed from exactly these. */
export function subgraphDefinitions(options: StackOptions = {}): SubgraphDefinition[] {
  return [createIdentitySubgraph(options.identity), crmSubgraph, catalogSubgraph, inventorySubgraph, salesSubgraph, billingSubgraph, createNotificationsSubgraph(options.notifications)];
}
