import type { Server } from 'node:http';
import type { GraphQLSchema } from 'graphql';
import { GraphQLError } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import type { Logger } from 'pino';
import { WebSocketServer } from 'ws';
import { CONTEXT_HEADER, REQUEST_ID_HEADER, verifyContext, type SignedContext } from '../auth/signed-context.js';
import type { Orm } from '../data/orm.js';
import type { LiveEvents } from '../live/live-events.js';
import { Loaders } from '../data/loaders.js';
import type { SubscriptionContext } from '../live/subscription-context.js';
import { isExpectedError, maskError } from './mask-errors.js';
import type { PeerClient } from '../peers/peer-client.js';

export interface SubscriptionServerOptions {
  server: Server;
  schema: GraphQLSchema;
  routerSecret: string;
  orm: Orm;
  live: LiveEvents;
  peers: PeerClient;
  log: Logger;
  extras: Record<string, unknown>;
}

type Extensions = Record<string, string | undefined>;
/** The caller the connection was opened for (the router itself, or, for a gateway that signs per connection, a user). */
type ConnectionExtra = { connectionCaller?: SignedContext['caller'] } & Record<PropertyKey, unknown>;

/**
 * graphql-ws on the subgraph's /graphql, for the router only: the connection must open with a router signature, and
 * every subscription carries the caller it is made for, signed by the router like an HTTP request's context. A
 * subscription without its own signature runs as the caller the connection was signed for.
 */
function callerOf(extra: ConnectionExtra, extensions: Extensions | undefined, routerSecret: string): ReturnType<typeof verifyContext> {
  if (extensions?.[CONTEXT_HEADER]) return verifyContext(extensions[CONTEXT_HEADER], extensions[REQUEST_ID_HEADER], routerSecret);
  if (extra.connectionCaller === undefined) return { ok: false, reason: 'missing router signature' };
  return { ok: true, context: { caller: extra.connectionCaller, requestId: '', exp: 0 } };
}

export function serveSubscriptions(options: SubscriptionServerOptions): { close(): Promise<void> } {
  const wss = new WebSocketServer({ server: options.server, path: '/graphql' });
  const server = useServer<Extensions, ConnectionExtra>(
    {
      schema: options.schema,
      onConnect: (ctx) => {
        const params = ctx.connectionParams ?? {};
        const verification = verifyContext(params[CONTEXT_HEADER], params[REQUEST_ID_HEADER], options.routerSecret);
        if (!verification.ok) {
          options.log.warn({ reason: verification.reason }, 'refused a WebSocket without a valid router signature');
          return false;
        }
        ctx.extra.connectionCaller = verification.context.caller;
        return true;
      },
      onSubscribe: (ctx, _id, payload) => {
        const verification = callerOf(ctx.extra, payload.extensions as Extensions | undefined, options.routerSecret);
        if (!verification.ok) return [new GraphQLError(`Refused: ${verification.reason}.`, { extensions: { code: 'UNAUTHENTICATED' } })];
        return undefined;
      },
      context: (ctx, id, payload) => {
        const verification = callerOf(ctx.extra, payload.extensions as Extensions | undefined, options.routerSecret);
        if (!verification.ok) throw new GraphQLError('Refused.', { extensions: { code: 'UNAUTHENTICATED' } });
        const requestId = verification.context.requestId || `subscription-${id}`;
        const context: SubscriptionContext = {
          ...options.extras,
          requestId,
          caller: verification.context.caller,
          log: options.log.child({ requestId }),
          peers: options.peers,
          live: options.live,
          orm: options.orm,
          em: options.orm.em.fork(),
          loaders: new Loaders(),
        };
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
    close: async () => {
      await server.dispose();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
