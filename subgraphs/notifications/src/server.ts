import { runStandaloneSubgraph } from '@erp/platform';
import { createNotificationsSubgraph, notificationsOptionsFromEnvironment } from './subgraph.js';

await runStandaloneSubgraph(createNotificationsSubgraph(notificationsOptionsFromEnvironment()));
