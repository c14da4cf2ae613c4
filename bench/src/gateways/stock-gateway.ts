/**
 * Stock @apollo/gateway with its default settings (default fetcher, default server), given only what it needs to
 * sign subgraph requests like our router. Runs as its own process: SUPERGRAPH_PATH, SUBGRAPH_URLS (JSON), PORT.
 */
import './telemetry-off.js';
import { readFileSync } from 'node:fs';
import { ApolloGateway, RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { competitorSigner } from './competitor-auth.js';

const urls = JSON.parse(process.env.SUBGRAPH_URLS!) as Record<string, string>;
const sign = competitorSigner(urls.identity!, process.env.ROUTER_SECRET!);
type Context = { requestId: string; signed: string };

class SigningDataSource extends RemoteGraphQLDataSource<Context> {
  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<Context>): void {
    const signature = context as Partial<Context>;
    if (!signature.signed) return;
    request.http?.headers.set('x-erp-context', signature.signed);
    request.http?.headers.set('x-request-id', signature.requestId!);
  }
}

const gateway = new ApolloGateway({
  supergraphSdl: readFileSync(process.env.SUPERGRAPH_PATH!, 'utf8'),
  buildService: ({ name }) => new SigningDataSource({ url: `${urls[name]}/graphql` }),
});
const server = new ApolloServer<Context>({ gateway: gateway as never });
const { url } = await startStandaloneServer(server, { listen: { port: Number(process.env.PORT ?? 0) }, context: ({ req }) => sign(req.headers) });
console.log(`listening ${url}`);
