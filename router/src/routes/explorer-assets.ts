import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export const EXPLORER_PREFIX = '/explorer/';

const require = createRequire(import.meta.url);
/** A file of an installed package (their exports maps hide these paths from `require.resolve`). */
const packageFile = (name: string, file: string) => join(dirname(require.resolve(`${name}/package.json`)), file);

/** What the explorer's page loads, every file from an installed package, none from the internet. */
export const EXPLORER_FILES: Record<string, { path: string; type: string }> = {
  'graphiql.min.js': { path: packageFile('graphiql', 'graphiql.min.js'), type: 'text/javascript' },
  'graphiql.min.css': { path: packageFile('graphiql', 'graphiql.min.css'), type: 'text/css' },
  'react.production.min.js': { path: packageFile('react', 'umd/react.production.min.js'), type: 'text/javascript' },
  'react-dom.production.min.js': { path: packageFile('react-dom', 'umd/react-dom.production.min.js'), type: 'text/javascript' },
  'graphql-ws.min.js': { path: packageFile('graphql-ws', 'umd/graphql-ws.min.js'), type: 'text/javascript' },
};

/** Reads each file once, on its first request (the explorer is for people; most routers never serve it). */
export class ExplorerAssets {
  private readonly loaded = new Map<string, Promise<Buffer>>();

  get(name: string): { body: Promise<Buffer>; type: string } | null {
    const file = EXPLORER_FILES[name];
    if (!file) return null;
    let body = this.loaded.get(name);
    if (!body) {
      body = readFile(file.path);
      body.catch(() => this.loaded.delete(name));
      this.loaded.set(name, body);
    }
    return { body, type: file.type };
  }
}
