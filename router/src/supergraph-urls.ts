/** The subgraph URLs the supergraph was composed with (`@join__graph(name:, url:)`), by subgraph name, as origins. */
export function supergraphUrls(supergraphSdl: string): Record<string, string> {
  const urls: Record<string, string> = {};
  for (const match of supergraphSdl.matchAll(/@join__graph\(name:\s*"([^"]+)",\s*url:\s*"([^"]+)"\)/g)) {
    urls[match[1]!] = new URL(match[2]!).origin;
  }
  return urls;
}
