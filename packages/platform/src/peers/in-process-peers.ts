/** What a subgraph's `POST /graphql` answers: its status and its body, as the HTTP route would send them. */
export interface GraphQLAnswer {
  status: number;
  body: string;
}

/**
 * A subgraph's GraphQL route called in the process that serves it: the same signature check, context and Apollo
 * pipeline as `POST /graphql`, given the request's headers and its parsed body, without the loopback socket.
 */
export type LocalGraphQLExchange = (headers: Readonly<Record<string, string>>, body: { query: string; variables: Record<string, unknown> }) => Promise<GraphQLAnswer>;

/** A base URL as peers address it: origin and path, without a trailing slash. */
export function peerAddress(url: string): string {
  const parsed = new URL(url);
  return `${parsed.origin}${parsed.pathname.replace(/\/$/, '')}`;
}

/**
 * The subgraphs this process serves, by the address their peers know them by. A peer call whose configured address
 * is one of them is answered in the process (subgraphs started together, as `platform-process` runs them, call each
 * other without sockets); any other address — another process, a proxy in front of this one — goes over HTTP. A
 * subgraph leaves the registry as soon as it starts stopping, so calls to it then fail as they would over HTTP.
 */
export class InProcessPeers {
  private readonly served = new Map<string, LocalGraphQLExchange>();

  /** Serves `url` in the process until the returned function is called. */
  serve(url: string, exchange: LocalGraphQLExchange): () => void {
    const address = peerAddress(url);
    this.served.set(address, exchange);
    return () => {
      if (this.served.get(address) === exchange) this.served.delete(address);
    };
  }

  /** The exchange serving this address in the process, if any. */
  find(address: string): LocalGraphQLExchange | undefined {
    return this.served.get(address);
  }
}

/** The process's registry: every subgraph started in it serves its GraphQL route here too. */
export const inProcessPeers = new InProcessPeers();
