/**
 * Hive Gateway (@graphql-hive/gateway-runtime) serving the same supergraph, given only what it needs to sign
 * subgraph requests like our router. DEDUPE=on|off toggles its merging of identical in-flight subgraph requests.
 * SUBSCRIPTIONS=ws also serves graphql-ws on /graphql and subscribes to the subgraphs over @graphql-mesh/transport-ws,
 * signing each connection for the client's caller (one signature per caller, renewed well within its expiry).
 */
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { createGatewayRuntime, getGraphQLWSOptions } from '@graphql-hive/gateway-runtime';
import httpTransport from '@graphql-mesh/transport-http';
import wsTransport from '@graphql-mesh/transport-ws';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import { competitorSigner } from './competitor-auth.js';

const urls = JSON.parse(process.env.SUBGRAPH_URLS!) as Record<string, string>;
const sign = competitorSigner(urls.identity!, process.env.ROUTER_SECRET!);
const withSubscriptions = process.env.SUBSCRIPTIONS === 'ws';
let supergraph = readFileSync(process.env.SUPERGRAPH_PATH!, 'utf8');
for (const [name, url] of Object.entries(urls)) {
  supergraph = supergraph.replace(new RegExp(`(@join__graph\\(name: "${name}", url: ")[^"]+(")`), `$1${url}/graphql$2`);
}
const signatures = new WeakMap<object, { requestId: string; signed: string }>();

/** Signatures last 60 s; a caller's is reused for 30 s, so its subscribers share one upstream connection. */
const bySecret = new Map<string, { requestId: string; signed: string; at: number }>();
async function signConnection(params: Record<string, unknown>): Promise<{ requestId: string; signed: string }> {
  const authorization = String(params.Authorization ?? params.authorization ?? '');
  const known = bySecret.get(authorization);
  if (known && Date.now() - known.at < 30_000) return known;
  const fresh = { ...(await sign({ authorization })), at: Date.now() };
  bySecret.set(authorization, fresh);
  return fresh;
}

const gateway = createGatewayRuntime({
  supergraph,
  logging: false,
  landingPage: false,
  graphiql: false,
  transports: withSubscriptions ? { http: httpTransport, ws: wsTransport } : { http: httpTransport },
  transportEntries: {
    '*.http': {
      options: {
        deduplicateInflightRequests: process.env.DEDUPE === 'on',
        ...(withSubscriptions
          ? { subscriptions: { kind: 'ws', location: '/graphql', options: { connectionParams: { 'x-erp-context': '{context.erpSigned}', 'x-request-id': '{context.erpRequestId}' } } } }
          : {}),
      },
    },
  },
  plugins: () => [
    {
      async onRequest({ request }: { request: Request }) {
        signatures.set(request, await sign(Object.fromEntries(request.headers)));
      },
      async onFetch({ context, options, setOptions }: { context: { request?: Request; erpAuthorization?: string }; options: RequestInit; setOptions(o: RequestInit): void }) {
        // HTTP requests are signed per request; a subscription's entity fetches are signed for its connection's caller.
        const signature = context?.request
          ? signatures.get(context.request)
          : context?.erpAuthorization !== undefined
            ? await signConnection({ authorization: context.erpAuthorization })
            : undefined;
        if (!signature) return;
        setOptions({ ...options, headers: { ...(options.headers as Record<string, string>), 'x-erp-context': signature.signed, 'x-request-id': signature.requestId } });
      },
    } as never,
  ],
});
const server = createServer(gateway);
if (withSubscriptions) {
  const wss = new WebSocketServer({ server, path: '/graphql' });
  useServer(
    getGraphQLWSOptions(gateway, async (ctx) => {
      const signature = await signConnection(ctx.connectionParams ?? {});
      const params = ctx.connectionParams ?? {};
      return { erpSigned: signature.signed, erpRequestId: signature.requestId, erpAuthorization: String(params.Authorization ?? params.authorization ?? '') };
    }),
    wss,
  );
}
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  const address = server.address() as { port: number };
  console.log(`listening http://127.0.0.1:${address.port}/graphql`);
});
