/** The consumers of this subgraph: queue names on the bus and keys of processed events. */
export const DELIVERY_CONSUMER = 'notifications.delivery';
export const AUTOMATIC_CONSUMER = 'notifications.automatic';
export const PARTNER_EVENTS_CONSUMER = 'notifications.partner-events';
export const WEBHOOK_DELIVERY_CONSUMER = 'notifications.webhooks';
export const WEBHOOK_OWNERS_CONSUMER = 'notifications.webhook-owners';
