import { apiKeyRevoked } from '@erp/contracts';
import { isEvent, type LiveEvents, type Logger } from '@erp/platform';
import type { ApiKeyCache } from './api-key-cache.js';

/**
 * Keeps the API key cache true to identity: a key is forgotten when its `apikey.revoked` arrives (identity's relay
 * publishes it on the live events once the revocation is committed), and the cache is trusted only while live events
 * reach this process. While they may be missed (Redis down, or back but not yet subscribed again) it is emptied and
 * every request is checked by identity; once they arrive again it starts over empty, since a revocation published
 * in between is lost.
 */
export function forgetRevokedApiKeys(cache: ApiKeyCache, live: LiveEvents, log: Logger): { close(): Promise<void> } {
  const stopWatching = live.onReceivingChange((receiving) => {
    cache.trust(receiving);
    if (receiving) log.info('live events reach the router again: API key checks are cached again');
    else log.warn('live events may be missed: every API key is checked by identity until they are back');
  });
  const stream = live.listen([apiKeyRevoked.type]);
  cache.trust(live.receiving());
  const forgetting = (async () => {
    for await (const event of stream) if (isEvent(event, apiKeyRevoked)) cache.revoke(event.payload.apiKeyId);
  })();
  return {
    async close() {
      stopWatching();
      cache.trust(false);
      await stream.return();
      await forgetting;
    },
  };
}
