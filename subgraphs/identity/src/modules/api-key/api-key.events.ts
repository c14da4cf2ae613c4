import { apiKeyRevoked } from '@erp/contracts';
import { recordEvent, type EntityManager } from '@erp/platform';
import type { ApiKey } from './api-key.entity.js';

export function recordApiKeyRevoked(em: EntityManager, key: ApiKey, change: { at: Date; byUserId: string | null }): void {
  recordEvent(em, apiKeyRevoked, key.id, {
    apiKeyId: key.id,
    name: key.name,
    prefix: key.prefix,
    ownerId: key.ownerId,
    scopes: key.scopes,
    at: change.at.toISOString(),
    byUserId: change.byUserId,
  });
}
