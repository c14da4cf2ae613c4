/**
 * The graphql-transport-ws protocol (https://github.com/enisdenjo/graphql-ws/blob/master/PROTOCOL.md), the messages
 * a client sends and the close codes, kept apart from sockets so it can be tested alone.
 */
export const SUBPROTOCOL = 'graphql-transport-ws';

export const Close = {
  /** The server is shutting down: graphql-ws clients take it as "connect again" and resubscribe their operations. */
  GoingAway: 1001,
  BadRequest: 4400,
  Unauthorized: 4401,
  Forbidden: 4403,
  SubprotocolNotAcceptable: 4406,
  ConnectionInitialisationTimeout: 4408,
  SubscriberAlreadyExists: 4409,
  TooManyInitialisationRequests: 4429,
} as const;

export interface SubscribePayload {
  query: string;
  operationName?: string;
  variables: Record<string, unknown>;
}

export type ClientMessage =
  | { type: 'connection_init'; payload: Record<string, unknown> }
  | { type: 'ping' | 'pong' }
  | { type: 'subscribe'; id: string; payload: SubscribePayload }
  | { type: 'complete'; id: string };

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Reads one client message; null when it is not a valid one (the connection is then closed with 4400). */
export function parseClientMessage(raw: string): ClientMessage | null {
  let message: unknown;
  try {
    message = JSON.parse(raw);
  } catch {
    return null;
  }
  if (!isRecord(message) || typeof message.type !== 'string') return null;
  switch (message.type) {
    case 'connection_init':
      if (message.payload !== undefined && message.payload !== null && !isRecord(message.payload)) return null;
      return { type: 'connection_init', payload: (message.payload as Record<string, unknown> | undefined) ?? {} };
    case 'ping':
    case 'pong':
      return { type: message.type };
    case 'subscribe': {
      const payload = message.payload;
      if (typeof message.id !== 'string' || message.id === '' || !isRecord(payload) || typeof payload.query !== 'string') return null;
      if (payload.variables !== undefined && payload.variables !== null && !isRecord(payload.variables)) return null;
      if (payload.operationName !== undefined && payload.operationName !== null && typeof payload.operationName !== 'string') return null;
      return {
        type: 'subscribe',
        id: message.id,
        payload: { query: payload.query, operationName: (payload.operationName as string | null) ?? undefined, variables: (payload.variables as Record<string, unknown> | null) ?? {} },
      };
    }
    case 'complete':
      return typeof message.id === 'string' ? { type: 'complete', id: message.id } : null;
    default:
      return null;
  }
}

/** A `next` frame around a payload that is already JSON: the same result goes to many subscribers, serialised once. */
export function nextFrame(id: string, payloadJson: string): string {
  return `{"id":${JSON.stringify(id)},"type":"next","payload":${payloadJson}}`;
}
