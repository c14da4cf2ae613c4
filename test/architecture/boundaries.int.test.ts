import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = new URL('../../', import.meta.url).pathname;
const SUBGRAPHS = readdirSync(join(ROOT, 'subgraphs'));
const LIBRARIES = readdirSync(join(ROOT, 'packages'));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** Every `@erp/<name>` a file imports (static or dynamic). */
function workspaceImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:from|import\()\s*['"]@erp\/([\w-]+)/g)].map((match) => match[1]!);
}

function violations(dirs: string[], allowed: (name: string, file: string) => boolean): string[] {
  return dirs.flatMap((dir) =>
    sourceFiles(dir).flatMap((file) => workspaceImports(file).filter((name) => !allowed(name, file)).map((name) => `${relative(ROOT, file)} imports @erp/${name}`)),
  );
}

describe('the boundaries every new domain inherits', () => {
  it('packages/ are libraries: nothing under them imports a subgraph, the router or the app', () => {
    const found = violations(
      LIBRARIES.map((name) => join(ROOT, 'packages', name, 'src')),
      (name) => LIBRARIES.includes(name),
    );
    expect(found).toEqual([]);
  });

  it('a subgraph meets the others only through contracts: it imports no other subgraph, nor the router or the app', () => {
    const found = SUBGRAPHS.flatMap((subgraph) =>
      violations([join(ROOT, 'subgraphs', subgraph, 'src')], (name) => LIBRARIES.includes(name) || name === subgraph),
    );
    expect(found).toEqual([]);
  });
});
