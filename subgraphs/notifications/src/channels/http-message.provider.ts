import type { Logger } from '@erp/platform';
import type { ChannelProvider, OutgoingMessage, SentMessage } from './channel-provider.js';

export const PROVIDER_TIMEOUT_MS = 10_000;

/**
 * SMS and PUSH through an HTTP gateway: the message is POSTed as JSON to the configured URL; any answer but 2xx is a
 * failed try. The notification id travels as idempotency key so a gateway can drop a retried duplicate. Without a
 * URL (the embedded start) messages are written to the log.
 */
export function httpMessageProvider(channel: 'SMS' | 'PUSH', url: string | null | undefined, log: Logger): ChannelProvider {
  if (!url) log.info(`${channel === 'SMS' ? 'SMS_HTTP_URL' : 'PUSH_HTTP_URL'} not set: ${channel} messages are written to the log, not sent`);
  return {
    async send(message: OutgoingMessage): Promise<SentMessage> {
      if (!url) {
        log.info({ notificationId: message.notificationId, channel, to: message.recipient, body: message.body }, `${channel} written to the log (no gateway URL)`);
        return {};
      }
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': message.notificationId },
        body: JSON.stringify({ notificationId: message.notificationId, channel, to: message.recipient, subject: message.subject, body: message.body }),
        signal: AbortSignal.timeout(PROVIDER_TIMEOUT_MS),
      });
      if (!response.ok) throw new Error(`${channel} gateway answered ${response.status}: ${(await response.text()).slice(0, 300)}`);
      return {};
    },
  };
}
