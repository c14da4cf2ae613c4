import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, Kind, visit, type DocumentNode } from 'graphql';
import type { RouterContext } from '../router-context.js';

const NUL = '\u0000';

/** Where a string holding NUL sits in the variables (`$input.name`), or null when none does. */
function nulInVariables(value: unknown, path: string): string | null {
  if (typeof value === 'string') return value.includes(NUL) ? path : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i += 1) {
      const found = nulInVariables(value[i], `${path}[${i}]`);
      if (found) return found;
    }
    return null;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const found = key.includes(NUL) ? `${path}.${key}` : nulInVariables(item, `${path}.${key}`);
      if (found) return found;
    }
  }
  return null;
}

function nulInDocument(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    [Kind.STRING](node) {
      if (node.value.includes(NUL)) found = true;
    },
  });
  return found;
}

function refusal(where: string): GraphQLError {
  return new GraphQLError(`Text cannot contain the NUL character (U+0000), which the database cannot store: ${where}.`, {
    extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } },
  });
}

/**
 * Refuses text holding the NUL character (U+0000), in the document's string literals or in the variables, before
 * any subgraph is called: PostgreSQL cannot store it and refuses the whole statement, which would otherwise reach the
 * client as an outage ("try again") instead of bad input. Each parsed document is scanned once.
 */
export function useTextWithoutNul(): ApolloServerPlugin<RouterContext> {
  const documents = new WeakMap<DocumentNode, boolean>();
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, request }) {
          let inDocument = documents.get(document);
          if (inDocument === undefined) documents.set(document, (inDocument = nulInDocument(document)));
          if (inDocument) throw refusal('a string in the operation');
          const variable = request.variables ? nulInVariables(request.variables, '$') : null;
          if (variable) throw refusal(variable.replace('$.', '$'));
        },
      };
    },
  };
}
