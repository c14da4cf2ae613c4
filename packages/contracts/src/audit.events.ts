// Every subgraph records `audit.recorded` through the platform kit (packages/platform/src/audit), for each change a
// mutation or an event consumer commits; identity keeps them for `auditLog`. The kit is its producer and
// `@erp/contracts` depends on the kit, so the contract is defined there, once, and taken from here like every event.
export { auditRecorded, type AuditRecorded, type AuditActor, type EntityChange, type FieldChange, type AuditValue, type AuditAction } from '@erp/platform';
