import { apiKeyRevoked } from '@erp/contracts';
import { isEvent, type Subscription, type SubgraphEnvironment } from '@erp/platform';
import { disableEndpointsOfApiKey } from '../modules/webhook/webhook-endpoint.service.js';
import { WEBHOOK_OWNERS_CONSUMER } from './job-names.js';

/** Disables the endpoints an API key registered when the key is revoked (idempotent: disabling twice changes nothing). */
export function webhookOwnersConsumer(env: SubgraphEnvironment): Subscription {
  return {
    consumer: WEBHOOK_OWNERS_CONSUMER,
    types: [apiKeyRevoked],
    handle: async (event) => {
      if (!isEvent(event, apiKeyRevoked)) return;
      const ctx = env.jobContext(event);
      const disabled = await disableEndpointsOfApiKey(ctx.em, event.payload.apiKeyId);
      if (disabled > 0) ctx.log.info({ apiKeyId: event.payload.apiKeyId, disabled }, 'webhook endpoints of a revoked API key disabled');
    },
  };
}
