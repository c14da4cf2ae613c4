/**
 * `write` regenerates schema/ (each subgraph's SDL and the composed supergraph); `check` fails when the committed
 * files are stale or the subgraphs do not compose.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkPeerOperations, findPeerOperations, supergraphApiSchema } from '@erp/platform';
import { subgraphDefinitions } from '../subgraphs.js';
import { composeSupergraph } from './compose.js';

const SCHEMA_DIR = process.env.SCHEMA_DIR ?? new URL('../../../schema/', import.meta.url).pathname;
const PEER_OPERATIONS_ROOT = process.env.PEER_OPERATIONS_ROOT ?? new URL('../../../', import.meta.url).pathname;
const mode = process.argv[2];
if (mode !== 'write' && mode !== 'check') {
  console.error('usage: schema/cli.js write|check');
  process.exit(2);
}

let composed;
try {
  composed = await composeSupergraph(subgraphDefinitions());
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
const expected: Record<string, string> = { 'supergraph.graphql': composed.supergraph };
for (const [name, sdl] of Object.entries(composed.subgraphs)) expected[`${name}.graphql`] = sdl;

if (mode === 'write') {
  for (const [file, content] of Object.entries(expected)) writeFileSync(join(SCHEMA_DIR, file), `${content.trimEnd()}\n`);
  console.log(`schema/: wrote ${Object.keys(expected).join(', ')}`);
  process.exit(0);
}

const problems: string[] = [];
for (const [file, content] of Object.entries(expected)) {
  const path = join(SCHEMA_DIR, file);
  if (!existsSync(path)) problems.push(`schema/${file} is missing`);
  else if (readFileSync(path, 'utf8') !== `${content.trimEnd()}\n`) problems.push(`schema/${file} is stale`);
}
for (const file of readdirSync(SCHEMA_DIR).filter((f) => f.endsWith('.graphql'))) {
  if (!(file in expected)) problems.push(`schema/${file} belongs to no subgraph`);
}
// What subgraphs read from each other (subgraphs/*/src/peers/<peer>.graphql) must be in the supergraph (the committed
// one, once it is up to date) and served by that peer.
const peers = Object.fromEntries(await Promise.all(subgraphDefinitions().map(async (d) => [d.name, await d.buildSchema()] as const)));
problems.push(...checkPeerOperations(findPeerOperations(PEER_OPERATIONS_ROOT), { api: supergraphApiSchema(composed.supergraph), subgraphs: peers }));
if (problems.length > 0) {
  console.error(`${problems.join('\n')}\nRun \`pnpm schema:generate\` and commit schema/, or fix the peer operations named.`);
  process.exit(1);
}
console.log(`schema check: ${Object.keys(expected).length} files up to date, supergraph composes, peer operations served`);
