// A GraphQL Code Generator plugin: the manifest of persisted operations (Apollo's persisted query manifest format)
// for the documents of its `generates` entry, which the router loads (ROUTER_PERSISTED_OPERATIONS_MANIFEST).
// Each body is the text a client sends for the typed document of the same operation, `print(XDocument)`: the
// operation, then every fragment it uses (transitively) in the order the documents define them, as typed-document-node
// builds it; the id is its SHA-256, the hash of automatic persisted queries. test/router/persisted-operations.int.test.ts
// checks every generated document against it.
const { createHash } = require('node:crypto');
const { Kind, print, visit } = require('graphql');

function fragmentsUsedBy(node, fragments, into = new Set()) {
  visit(node, {
    FragmentSpread(spread) {
      const name = spread.name.value;
      if (into.has(name)) return;
      into.add(name);
      const fragment = fragments.get(name);
      if (fragment) fragmentsUsedBy(fragment, fragments, into);
    },
  });
  return into;
}

module.exports = {
  plugin(_schema, documents) {
    const definitions = documents.flatMap((file) => (file.document ? file.document.definitions : []));
    const fragments = new Map(definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]));
    const operations = definitions
      .filter((d) => d.kind === Kind.OPERATION_DEFINITION && d.name)
      .map((operation) => {
        const used = fragmentsUsedBy(operation, fragments);
        const body = [operation, ...[...fragments.values()].filter((f) => used.has(f.name.value))].map((d) => print(d)).join('\n\n');
        return { id: createHash('sha256').update(body).digest('hex'), name: operation.name.value, type: operation.operation, body };
      });
    return `${JSON.stringify({ format: 'apollo-persisted-query-manifest', version: 1, operations }, null, 2)}\n`;
  },
};
