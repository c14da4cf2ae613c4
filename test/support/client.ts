import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print, type GraphQLFormattedError } from 'graphql';

export interface GraphQLResponse<T> {
  status: number;
  contentType: string | null;
  data?: T | null;
  errors?: GraphQLFormattedError[];
}

/** A GraphQL-over-HTTP client for typed documents; one per caller identity. */
export class GraphQLClient {
  constructor(
    readonly url: string,
    readonly headers: Record<string, string> = {},
  ) {}

  withToken(token: string): GraphQLClient {
    return new GraphQLClient(this.url, { ...this.headers, authorization: `Bearer ${token}` });
  }

  withHeaders(headers: Record<string, string>): GraphQLClient {
    return new GraphQLClient(this.url, { ...this.headers, ...headers });
  }

  async send<T, V>(document: TypedDocumentNode<T, V>, variables?: V): Promise<GraphQLResponse<T>> {
    const response = await fetch(this.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...this.headers },
      body: JSON.stringify({ query: print(document), variables }),
    });
    const body = (await response.json()) as { data?: T | null; errors?: GraphQLFormattedError[] };
    return { status: response.status, contentType: response.headers.get('content-type'), ...body };
  }

  /** Sends and returns the data, failing the test with the errors if there are any. */
  async data<T, V>(document: TypedDocumentNode<T, V>, variables?: V): Promise<T> {
    const result = await this.send(document, variables);
    if (result.errors?.length || !result.data) {
      throw new Error(`GraphQL errors: ${JSON.stringify(result.errors ?? result, null, 2)}`);
    }
    return result.data;
  }
}

export function errorCodes(result: GraphQLResponse<unknown>): unknown[] {
  return (result.errors ?? []).map((error) => error.extensions?.code);
}
