export * from './sales.events.js';
export * from './billing.events.js';
export * from './notifications.events.js';
