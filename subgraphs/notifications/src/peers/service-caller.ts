import type { ApiKeyCaller, DomainEvent, RequestContext } from '@erp/platform';

/**
 * Who the notification jobs are when they read other subgraphs: a scoped service credential holding exactly what
 * the automatic notifications read (a customer's email, an invoice's PDF). The platform's job caller (`router`) is
 * refused by routes that check permissions, such as billing's PDF route.
 */
export const NOTIFICATIONS_SERVICE_CALLER: ApiKeyCaller = {
  kind: 'apiKey',
  apiKeyId: 'service:notifications',
  ownerId: 'service:notifications',
  scopes: ['customers:read', 'invoices:read'],
};

/** The signed context of a job's peer calls: the service caller, the event id as request id. */
export function serviceContext(event: Pick<DomainEvent, 'id'>): Pick<RequestContext, 'caller' | 'requestId'> {
  return { caller: NOTIFICATIONS_SERVICE_CALLER, requestId: event.id };
}
