/** Reads a V8 `.cpuprofile` and sums self time per function and per package, the hot spots first. */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileSummary {
  totalMs: number;
  byPackage: [string, number][];
  byFunction: [string, number][];
}

/** `…/node_modules/.pnpm/@mikro-orm+core@7/node_modules/@mikro-orm/core/…` → `@mikro-orm/core`; our code by workspace folder. */
export function packageOf(url: string): string {
  if (!url) return '(native)';
  if (url.startsWith('node:')) return 'node:' + url.slice(5).split('/')[0];
  const modules = url.lastIndexOf('/node_modules/');
  if (modules >= 0) {
    const [first, second] = url.slice(modules + 14).split('/');
    return first!.startsWith('@') ? `${first}/${second}` : first!;
  }
  const ours = /\/(packages|subgraphs|router|app|bench)\/([^/]+)\//.exec(url);
  if (ours) return ours[1] === 'router' || ours[1] === 'app' || ours[1] === 'bench' ? ours[1] : `${ours[1]}/${ours[2]}`;
  return url;
}

export function summarize(path: string): ProfileSummary {
  const profile = JSON.parse(readFileSync(path, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const packages = new Map<string, number>();
  const functions = new Map<string, number>();
  let total = 0;
  for (const [id, us] of selfUs) {
    const { callFrame } = byId.get(id)!;
    if (callFrame.functionName === '(idle)') continue;
    total += us;
    const pkg = packageOf(callFrame.url);
    packages.set(pkg, (packages.get(pkg) ?? 0) + us);
    const file = callFrame.url.split('/').slice(-2).join('/');
    const name = `${callFrame.functionName || '(anonymous)'} ${file}:${callFrame.lineNumber + 1}`;
    functions.set(name, (functions.get(name) ?? 0) + us);
  }
  const sorted = (map: Map<string, number>) => [...map].sort((a, b) => b[1] - a[1]).map(([k, v]) => [k, v / 1000] as [string, number]);
  return { totalMs: total / 1000, byPackage: sorted(packages), byFunction: sorted(functions) };
}

/** The summary as text: milliseconds per request and share of the process's busy time. */
export function formatSummary(title: string, summary: ProfileSummary, requests: number, top = 25): string {
  const line = ([name, ms]: [string, number]) =>
    `  ${(ms / requests).toFixed(3).padStart(8)} ms/req ${((ms / summary.totalMs) * 100).toFixed(1).padStart(5)} %  ${name}`;
  return [
    `${title}: ${(summary.totalMs / requests).toFixed(3)} ms of sampled CPU per request`,
    ' by package:',
    ...summary.byPackage.slice(0, 15).map(line),
    ' by function (self time):',
    ...summary.byFunction.slice(0, top).map(line),
  ].join('\n');
}
