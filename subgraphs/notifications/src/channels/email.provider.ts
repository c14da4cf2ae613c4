import { createTransport } from 'nodemailer';
import type { Logger } from '@erp/platform';
import type { ChannelProvider, OutgoingMessage, SentMessage } from './channel-provider.js';

const SMTP_TIMEOUT_MS = 15_000;

export interface EmailProviderOptions {
  /** smtp://user:pass@host:587 or smtps://…; without it emails are written to the log only. */
  smtpUrl?: string | null;
  from: string;
}

/**
 * EMAIL over SMTP with nodemailer. Without an SMTP URL (the embedded start) messages go to nodemailer's JSON
 * transport and the log, so every flow works with nothing installed.
 */
export function emailProvider(options: EmailProviderOptions, log: Logger): ChannelProvider {
  const transport = options.smtpUrl
    ? createTransport({ url: options.smtpUrl, connectionTimeout: SMTP_TIMEOUT_MS, greetingTimeout: SMTP_TIMEOUT_MS, socketTimeout: SMTP_TIMEOUT_MS })
    : createTransport({ jsonTransport: true });
  if (!options.smtpUrl) log.info('SMTP_URL not set: emails are written to the log (nodemailer JSON transport), not sent');
  return {
    async send(message: OutgoingMessage): Promise<SentMessage> {
      const info = await transport.sendMail({
        from: options.from,
        to: message.recipient,
        subject: message.subject ?? '',
        text: message.body,
        attachments: message.attachments.map((a) => ({ filename: a.filename, content: a.content, contentType: a.contentType })),
        headers: { 'X-ERP-Notification-Id': message.notificationId },
      });
      log.info(
        { notificationId: message.notificationId, to: message.recipient, subject: message.subject, messageId: info.messageId, transport: options.smtpUrl ? 'smtp' : 'log' },
        options.smtpUrl ? 'email sent' : 'email written to the log (no SMTP_URL)',
      );
      return {};
    },
    close: () => transport.close(),
  };
}
