/** The consumers of this subgraph: queue names on the bus and keys of processed events. */
export const DELIVERY_CONSUMER = 'notifications.delivery';
export const AUTOMATIC_CONSUMER = 'notifications.automatic';
