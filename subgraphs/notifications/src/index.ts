export {
  createNotificationsSubgraph,
  notificationsOptionsFromEnvironment,
  NOTIFICATIONS_PORT,
  type NotificationsOptions,
} from './subgraph.js';
export { verifyWebhookSignature, webhookSignature, SIGNATURE_HEADER, TIMESTAMP_HEADER } from './channels/webhook-signature.js';
export {
  verifyPartnerWebhook,
  partnerSignatureHeader,
  parseSignatureHeader,
  PARTNER_SIGNATURE_HEADER,
  PARTNER_EVENT_ID_HEADER,
  PARTNER_DELIVERY_ID_HEADER,
} from './modules/webhook/webhook-signing.js';
export { DEFAULT_RETRY_SCHEDULE_MS, parseRetrySchedule } from './modules/webhook/retry-schedule.js';
