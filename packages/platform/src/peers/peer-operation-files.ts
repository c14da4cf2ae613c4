import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { PeerOperationsFile } from './check-peer-operations.js';

/**
 * Every subgraph's peer operations in a repository: `subgraphs/<subgraph>/src/peers/<peer>.graphql` (reads) and
 * `<peer>.commands.graphql` (mutations), the same files
 * codegen.yml types. Paths are relative to `root`, as messages show them.
 */
export function findPeerOperations(root: string): PeerOperationsFile[] {
  const subgraphs = join(root, 'subgraphs');
  if (!existsSync(subgraphs)) return [];
  return readdirSync(subgraphs, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => join('subgraphs', entry.name, 'src', 'peers'))
    .filter((dir) => existsSync(join(root, dir)))
    .flatMap((dir) =>
      readdirSync(join(root, dir))
        .filter((name) => name.endsWith('.graphql'))
        .map((name) => ({ path: join(dir, name), peer: basename(name, '.graphql').split('.')[0]!, text: readFileSync(join(root, dir, name), 'utf8') })),
    )
    .sort((a, b) => a.path.localeCompare(b.path));
}
