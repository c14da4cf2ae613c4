import type { IncomingMessage, ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';

import type { GraphQLAnswer } from '../peers/in-process-peers.js';
import { PayloadTooLargeError, readBody } from './request-body.js';

function parseBody(raw: string, contentType: string | undefined): unknown {
  if (!raw) return undefined;
  if (contentType?.includes('json')) {
    try {
      return JSON.parse(raw);
    } catch {
      throw Object.assign(new Error('The request body is not valid JSON.'), { status: 400 });
    }
  }
  return raw;
}

/**
 * Serves an Apollo Server from a plain `node:http` server (Apollo's standalone server hides the keep-alive settings
 * we must control). Apollo implements GraphQL over HTTP itself: GET and POST, content negotiation, status codes.
 */
export function apolloHandler<TContext extends BaseContext>(
  server: ApolloServer<TContext>,
  context: (req: IncomingMessage, res: ServerResponse) => Promise<TContext>,
) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    let body: unknown;
    try {
      body = parseBody(await readBody(req), req.headers['content-type']);
    } catch (error) {
      const tooLarge = error instanceof PayloadTooLargeError;
      const status = (error as { status?: number }).status ?? 400;
      res.writeHead(status, { 'content-type': 'application/json', ...(tooLarge && !error.keepAlive ? { connection: 'close' } : {}) });
      res.end(JSON.stringify({ errors: [{ message: (error as Error).message, extensions: { code: tooLarge ? error.code : 'BAD_REQUEST' } }] }));
      return;
    }
    const url = req.url ?? '/';
    const response = await server.executeHTTPGraphQLRequest({
      httpGraphQLRequest: {
        method: (req.method ?? 'GET').toUpperCase(),
        headers,
        search: url.includes('?') ? url.slice(url.indexOf('?')) : '',
        body,
      },
      context: () => context(req, res),
    });
    for (const [key, value] of response.headers) res.setHeader(key, value);
    res.statusCode = response.status ?? 200;
    if (response.body.kind === 'complete') {
      res.end(response.body.string);
      return;
    }
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  };
}

/**
 * Runs a `POST /graphql` given as its headers and parsed body through Apollo, as `apolloHandler` serves it over HTTP
 * (the same pipeline, status codes and error answers), and answers the status and the whole body.
 */
export async function answerGraphQLPost<TContext extends BaseContext>(
  server: ApolloServer<TContext>,
  headers: Readonly<Record<string, string>>,
  body: unknown,
  context: () => Promise<TContext>,
): Promise<GraphQLAnswer> {
  const headerMap = new HeaderMap();
  for (const [key, value] of Object.entries(headers)) headerMap.set(key, value);
  const response = await server.executeHTTPGraphQLRequest({ httpGraphQLRequest: { method: 'POST', headers: headerMap, search: '', body }, context });
  if (response.body.kind === 'complete') return { status: response.status ?? 200, body: response.body.string };
  let text = '';
  for await (const chunk of response.body.asyncIterator) text += chunk;
  return { status: response.status ?? 200, body: text };
}
