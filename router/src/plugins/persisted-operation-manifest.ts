import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

/**
 * The operations registered ahead of time, by the SHA-256 (hex) of their exact text: Apollo's persisted query manifest
 * format, `{ format: "apollo-persisted-query-manifest", version: 1, operations: [{ id, name, type, body }] }`, which
 * `pnpm operations:manifest` writes from the typed operations of codegen.yml.
 */
export type OperationManifest = ReadonlyMap<string, string>;

export const MANIFEST_FORMAT = 'apollo-persisted-query-manifest';

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Parses a manifest; an entry whose id is not the hash of its body is refused, since clients would never match it. */
export function parseOperationManifest(json: string, source = 'the manifest'): OperationManifest {
  const manifest = JSON.parse(json) as { format?: unknown; version?: unknown; operations?: unknown };
  if (manifest.format !== MANIFEST_FORMAT || manifest.version !== 1 || !Array.isArray(manifest.operations)) {
    throw new Error(`${source} is not an ${MANIFEST_FORMAT} of version 1.`);
  }
  const operations = new Map<string, string>();
  for (const entry of manifest.operations as { id?: unknown; name?: unknown; body?: unknown }[]) {
    if (typeof entry.id !== 'string' || typeof entry.body !== 'string') throw new Error(`${source}: every operation needs an id and a body.`);
    if (sha256Hex(entry.body) !== entry.id) throw new Error(`${source}: the id of ${String(entry.name ?? entry.id)} is not the SHA-256 of its body.`);
    operations.set(entry.id, entry.body);
  }
  return operations;
}

export function loadOperationManifest(path: string): OperationManifest {
  return parseOperationManifest(readFileSync(path, 'utf8'), path);
}
