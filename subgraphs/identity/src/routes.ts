import { API_KEY_VERIFY_PATH, JWKS_PATH, readBody, sendJson, verifySignedRequest, type HttpHandler, type SubgraphEnvironment } from '@erp/platform';
import { verifyApiKey } from './modules/api-key/api-key.service.js';
import type { SigningKeyService } from './modules/signing-key/signing-key.service.js';

/** HTTP endpoints beside /graphql: the public key set, and API key verification for the router alone. */
export function identityRoutes(env: SubgraphEnvironment, signingKeys: SigningKeyService): Record<string, HttpHandler> {
  return {
    [JWKS_PATH]: async (_req, res) => {
      res.setHeader('cache-control', 'public, max-age=300');
      sendJson(res, 200, await signingKeys.jwks());
    },
    [API_KEY_VERIFY_PATH]: async (req, res) => {
      const signed = verifySignedRequest(req.headers, env.routerSecret);
      if (req.method !== 'POST' || !signed.ok || signed.context.caller?.kind !== 'router') {
        sendJson(res, 401, { error: 'Only the router may verify API keys.' });
        return;
      }
      let secret: unknown;
      try {
        secret = (JSON.parse(await readBody(req)) as { secret?: unknown }).secret;
      } catch {
        secret = undefined;
      }
      if (typeof secret !== 'string') {
        sendJson(res, 400, { error: 'Body must be {"secret": "..."}.' });
        return;
      }
      const verified = await verifyApiKey(env.db, () => env.orm.em.fork(), secret);
      sendJson(res, verified ? 200 : 404, verified ?? { error: 'Unknown, revoked or expired API key.' });
    },
  };
}
