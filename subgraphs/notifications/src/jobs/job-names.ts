/** The consumers of this subgraph: queue names on the bus and keys of processed events. */
export const DELIVERY_CONSUMER = 'notifications.delivery';
export const AUTOMATIC_CONSUMER = 'notifications.automatic';

/** The events of other subgraphs that send automatic notifications. */
export const ORDER_STATUS_CHANGED = 'order.status_changed';
export const INVOICE_ISSUED_EVENT = 'invoice.issued';
export const PAYMENT_RECEIVED_EVENT = 'payment.received';
