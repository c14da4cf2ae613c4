import { webhookDeliveryRequested } from '@erp/contracts';
import { ConflictError, entityChange, isUuid, NotFoundError, recordAudit, recordEvent, type Delivery, type EntityManager, type Logger, type RequestContext } from '@erp/platform';
import { LockMode } from '@mikro-orm/core';
import { retryDelay } from './retry-schedule.js';
import { WebhookDelivery, WebhookDeliveryAttempt } from './webhook-delivery.entity.js';
import { endpointOwnership } from './webhook-endpoint.service.js';
import { findWebhookDelivery, type WebhookDeliveryRow } from './webhook-query.service.js';
import type { WebhookEndpoint } from './webhook-endpoint.entity.js';
import { signingSecrets } from './webhook-endpoint.rules.js';
import type { SecretBox } from './webhook-secret.js';
import { PARTNER_DELIVERY_ID_HEADER, PARTNER_EVENT_ID_HEADER, PARTNER_SIGNATURE_HEADER, partnerSignatureHeader } from './webhook-signing.js';
import type { PartnerEvent } from '../partner-event/partner-event.entity.js';

const MAX_ERROR_LENGTH = 1_000;
/** Of an answer's body, what an attempt keeps to say why the endpoint refused. */
const KEPT_ANSWER_BYTES = 300;
const QUIET = { loggerContext: { enabled: false } };

export interface WebhookSender {
  secrets: SecretBox;
  /** The waits between tries (retry-schedule.ts). */
  schedule: readonly number[];
  /** A try without an answer this long after it began has failed. */
  timeoutMs: number;
  log: Logger;
}

interface Outcome {
  succeeded: boolean;
  statusCode: number | null;
  error: string | null;
  durationMs: number;
}

/** The request body: the event as the feed shows it. */
export function webhookBody(event: Pick<PartnerEvent, 'id' | 'type' | 'occurredAt' | 'data'>): string {
  return JSON.stringify({ id: event.id, type: event.type, occurredAt: event.occurredAt.toISOString(), data: event.data });
}

async function answerStart(response: Response): Promise<string> {
  const reader = response.body?.getReader();
  if (!reader) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  while (size < KEPT_ANSWER_BYTES) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.length;
  }
  await reader.cancel().catch(() => undefined);
  return Buffer.concat(chunks).toString('utf8').slice(0, KEPT_ANSWER_BYTES);
}

function failureText(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && error.name === 'TimeoutError') return `no answer within ${timeoutMs} ms`;
  const cause = error instanceof Error ? (error.cause as { code?: string; message?: string } | undefined) : undefined;
  const text = error instanceof Error ? error.message : String(error);
  return (cause ? `${text}: ${cause.code ?? cause.message}` : text).slice(0, MAX_ERROR_LENGTH);
}

/** POSTs the event once; any answer but 2xx (redirects are not followed) and no answer in time are failures. */
async function post(sender: WebhookSender, endpoint: WebhookEndpoint, delivery: WebhookDelivery, body: string): Promise<Outcome> {
  const now = new Date();
  const current = sender.secrets.open(endpoint.secretSealed, endpoint.id);
  const previous =
    endpoint.previousSecretSealed && endpoint.previousSecretExpiresAt
      ? { secret: sender.secrets.open(endpoint.previousSecretSealed, endpoint.id), until: endpoint.previousSecretExpiresAt }
      : null;
  const headers = {
    'content-type': 'application/json',
    'user-agent': 'ERP-Webhooks/1',
    [PARTNER_SIGNATURE_HEADER]: partnerSignatureHeader(signingSecrets(current, previous, now), Math.floor(now.getTime() / 1000), body),
    [PARTNER_EVENT_ID_HEADER]: delivery.event.id,
    [PARTNER_DELIVERY_ID_HEADER]: delivery.id,
  };
  const started = performance.now();
  try {
    const response = await fetch(endpoint.url, { method: 'POST', headers, body, redirect: 'manual', signal: AbortSignal.timeout(sender.timeoutMs) });
    const answer = await answerStart(response);
    const durationMs = Math.round(performance.now() - started);
    const succeeded = response.status >= 200 && response.status < 300;
    return { succeeded, statusCode: response.status, error: succeeded ? null : `HTTP ${response.status}${answer ? `: ${answer}` : ''}`, durationMs };
  } catch (error) {
    return { succeeded: false, statusCode: null, error: failureText(error, sender.timeoutMs), durationMs: Math.round(performance.now() - started) };
  }
}

/** In its own transaction after the request: the attempt, and the delivery's state; true when it was the last try. */
async function recordOutcome(em: EntityManager, id: string, outcome: Outcome, bus: Delivery, sender: WebhookSender): Promise<boolean> {
  const last = !outcome.succeeded && bus.attempt >= bus.attempts;
  await em.transactional(async (tx) => {
    const delivery = await tx.findOneOrFail(WebhookDelivery, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    delivery.attemptCount += 1;
    tx.create(WebhookDeliveryAttempt, { delivery, attempt: delivery.attemptCount, succeeded: outcome.succeeded, statusCode: outcome.statusCode, error: outcome.error, durationMs: outcome.durationMs });
    delivery.lastStatusCode = outcome.statusCode;
    delivery.lastError = outcome.error;
    if (outcome.succeeded) {
      delivery.status = 'SUCCEEDED';
      delivery.deliveredAt = new Date();
      delivery.nextAttemptAt = null;
    } else if (last) {
      delivery.status = 'FAILED';
      delivery.nextAttemptAt = null;
    } else {
      delivery.nextAttemptAt = new Date(Date.now() + retryDelay(sender.schedule, bus.attempt));
    }
    await tx.flush();
  }, QUIET);
  return last;
}

/**
 * One try of a delivery. A failed try is recorded and then thrown, so the bus tries again after the schedule's next
 * wait; the last one marks the delivery FAILED. A delivery that is no longer PENDING (a redelivered job) is not sent;
 * one whose endpoint was disabled meanwhile is FAILED without a request.
 */
export async function deliverWebhook(em: EntityManager, sender: WebhookSender, deliveryId: string, bus: Delivery): Promise<void> {
  const delivery = await em.findOne(WebhookDelivery, { id: deliveryId }, { populate: ['endpoint', 'event'] });
  if (!delivery || delivery.status !== 'PENDING') return;
  const { endpoint } = delivery;
  if (!endpoint.enabled) {
    await em.nativeUpdate(WebhookDelivery, { id: deliveryId, status: 'PENDING' }, { status: 'FAILED', lastError: 'the endpoint is disabled', nextAttemptAt: null });
    return;
  }
  const outcome = await post(sender, endpoint, delivery, webhookBody(delivery.event));
  const last = await recordOutcome(em, deliveryId, outcome, bus, sender);
  const about = { deliveryId, endpointId: endpoint.id, eventId: delivery.event.id, attempt: bus.attempt, of: bus.attempts, statusCode: outcome.statusCode, durationMs: outcome.durationMs };
  if (outcome.succeeded) {
    sender.log.info(about, 'webhook delivered');
    return;
  }
  sender.log.warn({ ...about, error: outcome.error }, last ? 'webhook failed on its last try' : 'webhook try failed: retrying on schedule');
  throw new Error(`webhook to ${endpoint.url} failed: ${outcome.error}`);
}

/**
 * Sends a delivery again, as a new series of tries (its attempts go on counting). One still PENDING is refused: its
 * tries are under way.
 */
export async function replayWebhookDelivery(ctx: RequestContext, id: string, fields: readonly string[]): Promise<WebhookDeliveryRow> {
  const delivery = isUuid(id) ? await ctx.em.findOne(WebhookDelivery, { id, endpoint: endpointOwnership(ctx) }, { populate: ['endpoint'] }) : null;
  if (!delivery) throw new NotFoundError('WebhookDelivery', id);
  if (delivery.status === 'PENDING') throw new ConflictError('This delivery is still being tried; replay it once it has succeeded or failed.', { status: delivery.status });
  if (!delivery.endpoint.enabled) throw new ConflictError('The endpoint is disabled; enable it before replaying its deliveries.');
  await ctx.em.transactional(async (tx) => {
    // Claimed by its status, so that two replays at once start one series of tries, not two.
    const claimed = await tx.nativeUpdate(WebhookDelivery, { id, status: { $ne: 'PENDING' } }, { status: 'PENDING', nextAttemptAt: null });
    if (claimed === 0) throw new ConflictError('This delivery is already being tried again.');
    // The claim bypasses the unit of work: its audit is recorded by hand.
    recordAudit(tx, [entityChange(tx, WebhookDelivery, delivery.id, { status: delivery.status, nextAttemptAt: delivery.nextAttemptAt }, { status: 'PENDING', nextAttemptAt: null })]);
    recordEvent(tx, webhookDeliveryRequested, delivery.id, { deliveryId: delivery.id, endpointId: delivery.endpoint.id, eventId: delivery.event.id, eventType: delivery.eventType });
    await tx.flush();
  });
  ctx.log.info({ deliveryId: id }, 'webhook delivery replayed');
  return findWebhookDelivery(ctx, id, fields);
}
