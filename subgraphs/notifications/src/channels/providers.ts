import type { Logger } from '@erp/platform';
import type { ChannelProviders } from './channel-provider.js';
import { emailProvider } from './email.provider.js';
import { httpMessageProvider } from './http-message.provider.js';
import { inAppProvider } from './in-app.provider.js';
import { webhookProvider } from './webhook.provider.js';

export interface ChannelSettings {
  smtpUrl?: string | null;
  mailFrom: string;
  smsUrl?: string | null;
  pushUrl?: string | null;
  webhookSecret?: string | null;
}

/** One provider per channel, made once at start. */
export function channelProviders(settings: ChannelSettings, log: Logger): ChannelProviders {
  return {
    EMAIL: emailProvider({ smtpUrl: settings.smtpUrl, from: settings.mailFrom }, log),
    SMS: httpMessageProvider('SMS', settings.smsUrl, log),
    PUSH: httpMessageProvider('PUSH', settings.pushUrl, log),
    WEBHOOK: webhookProvider(settings.webhookSecret, log),
    IN_APP: inAppProvider(),
  };
}
