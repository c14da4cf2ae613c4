import type { Server } from 'node:http';
import type { GraphQLSchema } from 'graphql';
import { GraphQLError } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import type { Logger } from 'pino';
import { WebSocketServer } from 'ws';
import { CONTEXT_HEADER, verifySignedRequest, type ContextVerification, type SignedContext } from '../auth/signed-context.js';
import { readResumePoint } from '../live/replay.js';
import type { SubscriptionContext } from '../live/subscription-context.js';
import { subscribeWithSequence } from './subscribe-with-sequence.js';
import { isExpectedError, maskError } from './mask-errors.js';
import { SOCKET_CLOSE_TIMEOUT_MS, within } from './shutdown.js';
import type { SubgraphEnvironment } from './subgraph-definition.js';

export interface SubscriptionServerOptions {
  server: Server;
  schema: GraphQLSchema;
  env: SubgraphEnvironment;
  log: Logger;
}

type Extensions = Record<string, unknown>;
/** The caller the connection was opened for (the router itself, or, for a gateway that signs per connection, a user). */
type ConnectionExtra = { connectionCaller?: SignedContext['caller'] } & Record<PropertyKey, unknown>;

/**
 * graphql-ws on the subgraph's /graphql, for the router only: the connection must open with a router signature, and
 * every subscription carries the caller it is made for, signed by the router like an HTTP request's context. A
 * subscription without its own signature runs as the caller the connection was signed for.
 */
function callerOf(extra: ConnectionExtra, extensions: Extensions | undefined, routerSecret: string): ContextVerification {
  if (extensions?.[CONTEXT_HEADER]) return verifySignedRequest(extensions, routerSecret);
  if (extra.connectionCaller === undefined) return { ok: false, reason: 'missing router signature' };
  return { ok: true, context: { caller: extra.connectionCaller, requestId: '', exp: 0 } };
}

export function serveSubscriptions(options: SubscriptionServerOptions): { close(): Promise<void> } {
  const { env } = options;
  const wss = new WebSocketServer({ server: options.server, path: '/graphql' });
  const server = useServer<Extensions, ConnectionExtra>(
    {
      schema: options.schema,
      subscribe: subscribeWithSequence,
      onConnect: (ctx) => {
        const verification = verifySignedRequest(ctx.connectionParams, env.routerSecret);
        if (!verification.ok) {
          options.log.warn({ reason: verification.reason }, 'refused a WebSocket without a valid router signature');
          return false;
        }
        ctx.extra.connectionCaller = verification.context.caller;
        return true;
      },
      onSubscribe: (ctx, _id, payload) => {
        const verification = callerOf(ctx.extra, payload.extensions ?? undefined, env.routerSecret);
        if (!verification.ok) return [new GraphQLError(`Refused: ${verification.reason}.`, { extensions: { code: 'UNAUTHENTICATED' } })];
        return undefined;
      },
      context: (ctx, id, payload) => {
        const verification = callerOf(ctx.extra, payload.extensions ?? undefined, env.routerSecret);
        if (!verification.ok) throw new GraphQLError('Refused.', { extensions: { code: 'UNAUTHENTICATED' } });
        const requestId = verification.context.requestId || `subscription-${id}`;
        // Assigned, not spread: the context's EntityManager and logger are getters that a spread would drop.
        const context: SubscriptionContext = Object.assign(env.context({ caller: verification.context.caller, requestId }), {
          live: env.live,
          orm: env.orm,
          resume: readResumePoint(payload.extensions?.resume),
        });
        return context as never;
      },
      onNext: (_ctx, id, _payload, _args, result) => {
        if (!result.errors) return undefined;
        for (const error of result.errors) if (!isExpectedError(error)) options.log.error({ err: error.originalError ?? error, subscription: id }, 'unexpected error');
        return { ...result, errors: result.errors.map((error) => maskError(error.toJSON(), error)) };
      },
      onError: (_ctx, _id, _payload, errors) => errors.map((error) => maskError(error.toJSON(), error)),
    },
    wss,
  );
  return {
    /**
     * graphql-ws closes every socket with 1001 Going away, which a graphql-ws client (the router's) takes as "connect
     * again", and waits for the close handshakes; a peer that does not answer in time is dropped.
     */
    close: async () => {
      const disposed = Promise.resolve(server.dispose());
      if (!(await within(SOCKET_CLOSE_TIMEOUT_MS, disposed))) for (const socket of wss.clients) socket.terminate();
      await disposed;
    },
  };
}
