import { EXPLORER_PREFIX } from './explorer-assets.js';

/**
 * The explorer's page: GraphiQL with its header editor open, every asset from the router itself (no CDN), and the
 * script below. Security headers go with it (explorer.ts): only this origin's scripts, styles and connections.
 */
export function explorerPage(): string {
  const asset = (name: string) => `${EXPLORER_PREFIX}${name}`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>ERP graph explorer</title>
<link rel="stylesheet" href="${asset('graphiql.min.css')}">
<style>html, body, #explorer { height: 100%; margin: 0; }</style>
</head>
<body>
<div id="explorer">Loading the explorer…</div>
<script src="${asset('react.production.min.js')}"></script>
<script src="${asset('react-dom.production.min.js')}"></script>
<script src="${asset('graphiql.min.js')}"></script>
<script src="${asset('graphql-ws.min.js')}"></script>
<script src="${asset('explorer.js')}"></script>
</body>
</html>
`;
}

const DEFAULT_QUERY = `# The ERP graph. Sign in with the login mutation, then put the access token in the Headers tab below:
#   { "Authorization": "Bearer <accessToken>" }   or, for a partner's API key,   { "x-api-key": "erp_…" }
# Subscriptions run over graphql-ws on this same URL, with those headers as the connection's credentials.
query Me {
  me {
    id
    email
    roles
  }
}
`;

/**
 * Runs in the browser. Queries and mutations go over HTTP with the header editor's headers (GraphiQL's own fetcher);
 * subscriptions over graphql-ws to this endpoint, the same headers sent in connection_init, where the router reads
 * credentials. The socket is made again when the headers change, since a connection authenticates once.
 */
export const EXPLORER_SCRIPT = `(function () {
  var url = location.origin + location.pathname;
  var wsUrl = url.replace(/^http/, 'ws');
  var http = GraphiQL.createFetcher({ url: url });
  var socket = null;
  var socketHeaders = null;

  function socketFor(headers) {
    var key = JSON.stringify(headers || {});
    if (socket && socketHeaders === key) return socket;
    if (socket) socket.dispose();
    socketHeaders = key;
    socket = graphqlWs.createClient({ url: wsUrl, connectionParams: headers || {}, lazy: true });
    return socket;
  }

  function isSubscription(params, options) {
    var document = options && options.documentAST;
    if (!document) return /^\\s*subscription\\b/m.test(params.query || '');
    return document.definitions.some(function (definition) {
      return definition.kind === 'OperationDefinition' && definition.operation === 'subscription' &&
        (!params.operationName || (definition.name && definition.name.value === params.operationName));
    });
  }

  function fetcher(params, options) {
    if (!isSubscription(params, options)) return http(params, options);
    return socketFor(options && options.headers).iterate({ query: params.query, variables: params.variables, operationName: params.operationName });
  }

  ReactDOM.createRoot(document.getElementById('explorer')).render(
    React.createElement(GraphiQL, {
      fetcher: fetcher,
      defaultQuery: ${JSON.stringify(DEFAULT_QUERY)},
      defaultHeaders: '{\\n  "Authorization": "Bearer "\\n}',
      defaultEditorToolsVisibility: 'headers',
      shouldPersistHeaders: false,
    }),
  );
})();
`;
