export {
  createNotificationsSubgraph,
  notificationsOptionsFromEnvironment,
  NOTIFICATIONS_PORT,
  type NotificationsOptions,
} from './subgraph.js';
export { verifyWebhookSignature, webhookSignature, SIGNATURE_HEADER, TIMESTAMP_HEADER } from './channels/webhook-signature.js';
