// Money in every event is as the graph shows it: a decimal string and its currency, { amount: '12.50', currency: 'EUR' }.
export * from './identity.events.js';
export * from './crm.events.js';
export * from './catalog.events.js';
export * from './sales.events.js';
export * from './billing.events.js';
export * from './inventory.events.js';
export * from './notifications.events.js';
export * from './audit.events.js';
export * from './billing.permissions.js';
