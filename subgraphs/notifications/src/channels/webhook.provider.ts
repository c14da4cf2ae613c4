import type { Logger } from '@erp/platform';
import type { ChannelProvider, OutgoingMessage, SentMessage } from './channel-provider.js';
import { PROVIDER_TIMEOUT_MS } from './http-message.provider.js';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, webhookSignature } from './webhook-signature.js';

/**
 * WEBHOOK: POSTs the notification as JSON to the recipient URL, signed with HMAC-SHA256 (see webhook-signature.ts);
 * any answer but 2xx is a failed try. Redirects are not followed: the receiver is the URL that was configured.
 */
export function webhookProvider(secret: string | null | undefined, log: Logger): ChannelProvider {
  if (!secret) log.warn('WEBHOOK_SECRET not set: webhooks are sent without a signature header');
  return {
    async send(message: OutgoingMessage): Promise<SentMessage> {
      const body = JSON.stringify({
        notificationId: message.notificationId,
        templateKey: message.templateKey,
        subject: message.subject,
        body: message.body,
        data: message.data,
        createdAt: message.createdAt.toISOString(),
      });
      const timestamp = String(Math.floor(Date.now() / 1000));
      const headers: Record<string, string> = { 'content-type': 'application/json', 'x-erp-notification-id': message.notificationId, [TIMESTAMP_HEADER]: timestamp };
      if (secret) headers[SIGNATURE_HEADER] = webhookSignature(secret, timestamp, body);
      const response = await fetch(message.recipient, { method: 'POST', headers, body, redirect: 'manual', signal: AbortSignal.timeout(PROVIDER_TIMEOUT_MS) });
      if (response.status < 200 || response.status >= 300) throw new Error(`webhook receiver answered ${response.status}: ${(await response.text()).slice(0, 300)}`);
      return {};
    },
  };
}
