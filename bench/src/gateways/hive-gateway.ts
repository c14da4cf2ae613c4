/**
 * Hive Gateway (@graphql-hive/gateway-runtime) serving the same supergraph, given only what it needs to sign
 * subgraph requests like our router. DEDUPE=on|off toggles its merging of identical in-flight subgraph requests.
 */
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { createGatewayRuntime } from '@graphql-hive/gateway-runtime';
import httpTransport from '@graphql-mesh/transport-http';
import { competitorSigner } from './competitor-auth.js';

const urls = JSON.parse(process.env.SUBGRAPH_URLS!) as Record<string, string>;
const sign = competitorSigner(urls.identity!, process.env.ROUTER_SECRET!);
let supergraph = readFileSync(process.env.SUPERGRAPH_PATH!, 'utf8');
for (const [name, url] of Object.entries(urls)) {
  supergraph = supergraph.replace(new RegExp(`(@join__graph\\(name: "${name}", url: ")[^"]+(")`), `$1${url}/graphql$2`);
}
const signatures = new WeakMap<object, { requestId: string; signed: string }>();

const gateway = createGatewayRuntime({
  supergraph,
  logging: false,
  landingPage: false,
  graphiql: false,
  transports: { http: httpTransport },
  transportEntries: { '*.http': { options: { deduplicateInflightRequests: process.env.DEDUPE === 'on' } } },
  plugins: () => [
    {
      async onRequest({ request }: { request: Request }) {
        signatures.set(request, await sign(Object.fromEntries(request.headers)));
      },
      onFetch({ context, options, setOptions }: { context: { request?: Request }; options: RequestInit; setOptions(o: RequestInit): void }) {
        const signature = context?.request ? signatures.get(context.request) : undefined;
        if (!signature) return;
        setOptions({ ...options, headers: { ...(options.headers as Record<string, string>), 'x-erp-context': signature.signed, 'x-request-id': signature.requestId } });
      },
    } as never,
  ],
});
const server = createServer(gateway);
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  const address = server.address() as { port: number };
  console.log(`listening http://127.0.0.1:${address.port}/graphql`);
});
