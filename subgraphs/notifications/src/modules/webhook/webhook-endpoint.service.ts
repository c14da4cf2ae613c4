import { ConflictError, describeCaller, isUuid, NotFoundError, type EntityManager, type RequestContext } from '@erp/platform';
import { checkedEventTypes } from '../partner-event/partner-event-types.js';
import { WebhookEndpoint } from './webhook-endpoint.entity.js';
import { checkedDescription, checkedEndpointUrl, checkedEventCount, checkedOverlap } from './webhook-endpoint.rules.js';
import { generateWebhookSecret, type SecretBox } from './webhook-secret.js';

/** A request's context in this subgraph: the box endpoint secrets are sealed in. */
export type WebhookContext = RequestContext & { webhookSecrets: SecretBox };

export interface RegisterWebhookInput {
  url: string;
  events: string[];
  description?: string | null;
}

export interface UpdateWebhookInput {
  url?: string | null;
  events?: string[] | null;
  description?: string | null;
  enabled?: boolean | null;
  expectedVersion?: number | null;
}

/** Staff admins manage every endpoint; an API key those it registered. */
export function endpointOwnership(ctx: RequestContext): { ownerApiKeyId?: string } {
  return ctx.caller?.kind === 'apiKey' ? { ownerApiKeyId: ctx.caller.apiKeyId } : {};
}

/** An endpoint the caller manages, as an entity to change; NOT_FOUND for any other (its existence is not revealed). */
export async function managedEndpoint(ctx: RequestContext, id: string): Promise<WebhookEndpoint> {
  const endpoint = isUuid(id) ? await ctx.em.findOne(WebhookEndpoint, { id, ...endpointOwnership(ctx) }) : null;
  if (!endpoint) throw new NotFoundError('WebhookEndpoint', id);
  return endpoint;
}

function checkedEvents(ctx: RequestContext, events: readonly string[]): string[] {
  checkedEventCount(events);
  return checkedEventTypes(ctx.caller, events, 'events');
}

/**
 * Registers an endpoint for the event types the caller may read, with a new secret: the secret is returned this once
 * and kept sealed (see SecretBox), never shown again.
 */
export async function registerWebhook(ctx: WebhookContext, input: RegisterWebhookInput): Promise<{ secret: string; endpoint: WebhookEndpoint }> {
  const url = checkedEndpointUrl(input.url);
  const events = checkedEvents(ctx, input.events);
  const description = checkedDescription(input.description);
  const secret = generateWebhookSecret();
  const endpoint = ctx.em.create(WebhookEndpoint, {
    url,
    events,
    description,
    secretSealed: '',
    ownerApiKeyId: ctx.caller?.kind === 'apiKey' ? ctx.caller.apiKeyId : null,
    createdBy: describeCaller(ctx.caller),
  });
  endpoint.secretSealed = ctx.webhookSecrets.seal(secret, endpoint.id);
  await ctx.em.flush();
  ctx.log.info({ endpointId: endpoint.id, events, by: endpoint.createdBy }, 'webhook endpoint registered');
  return { secret, endpoint };
}

/** Changes what is given; events are checked against the caller's scopes again. Disabled endpoints get no new deliveries. */
export async function updateWebhookEndpoint(ctx: RequestContext, id: string, input: UpdateWebhookInput): Promise<WebhookEndpoint> {
  const url = input.url != null ? checkedEndpointUrl(input.url) : undefined;
  const events = input.events != null ? checkedEvents(ctx, input.events) : undefined;
  const description = input.description !== undefined ? checkedDescription(input.description) : undefined;
  const endpoint = await managedEndpoint(ctx, id);
  if (input.expectedVersion != null && input.expectedVersion !== endpoint.version) {
    throw new ConflictError(`The endpoint was changed meanwhile (version ${endpoint.version}, not ${input.expectedVersion}); read it again.`, { version: endpoint.version });
  }
  if (url !== undefined) endpoint.url = url;
  if (events !== undefined) endpoint.events = events;
  if (description !== undefined) endpoint.description = description;
  if (input.enabled != null && input.enabled !== endpoint.enabled) {
    endpoint.enabled = input.enabled;
    endpoint.disabledReason = input.enabled ? null : `disabled by ${describeCaller(ctx.caller)}`;
  }
  await ctx.em.flush();
  return endpoint;
}

/** Deletes the endpoint with its deliveries and their attempts. */
export async function deleteWebhookEndpoint(ctx: RequestContext, id: string): Promise<string> {
  const endpoint = await managedEndpoint(ctx, id);
  await ctx.em.remove(endpoint).flush();
  ctx.log.info({ endpointId: id }, 'webhook endpoint deleted');
  return id;
}

/**
 * A new secret, returned this once. The one it replaces goes on signing beside it for `overlapSeconds` (two `v1=` in
 * the header), so the partner can switch without refusing a delivery; 0 retires it at once. A secret still in an
 * earlier overlap is retired now: at most two sign.
 */
export async function rotateWebhookSecret(ctx: WebhookContext, id: string, overlapSeconds: number | null | undefined): Promise<{ secret: string; endpoint: WebhookEndpoint }> {
  const overlap = checkedOverlap(overlapSeconds);
  const endpoint = await managedEndpoint(ctx, id);
  const secret = generateWebhookSecret();
  endpoint.previousSecretSealed = overlap > 0 ? endpoint.secretSealed : null;
  endpoint.previousSecretExpiresAt = overlap > 0 ? new Date(Date.now() + overlap * 1000) : null;
  endpoint.secretSealed = ctx.webhookSecrets.seal(secret, endpoint.id);
  await ctx.em.flush();
  ctx.log.info({ endpointId: id, overlapSeconds: overlap }, 'webhook secret rotated');
  return { secret, endpoint };
}

/** A revoked API key's endpoints stop receiving: what the key could read is no longer granted to anyone. */
export async function disableEndpointsOfApiKey(em: EntityManager, apiKeyId: string): Promise<number> {
  return em.nativeUpdate(WebhookEndpoint, { ownerApiKeyId: apiKeyId, enabled: true }, { enabled: false, disabledReason: 'its API key was revoked', updatedAt: new Date() });
}
