import type { ChannelProvider, OutgoingMessage, SentMessage } from './channel-provider.js';

/**
 * IN_APP: delivering is announcing. `notification.received` is recorded in the transaction that marks the
 * notification SENT; subscriptions (`notificationReceived`) are fed from that event.
 */
export function inAppProvider(): ChannelProvider {
  return {
    async send(message: OutgoingMessage): Promise<SentMessage> {
      return {
        received: { notificationId: message.notificationId, userId: message.recipient, subject: message.subject, body: message.body, createdAt: message.createdAt.toISOString() },
      };
    },
  };
}
