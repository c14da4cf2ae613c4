import type { IncomingMessage } from 'node:http';
import { BlockList, isIP } from 'node:net';

/**
 * Which peers are proxies of ours, whose `X-Forwarded-For` is believed (`ROUTER_TRUSTED_PROXIES`: addresses and CIDR
 * ranges, comma-separated, e.g. `10.0.0.0/8,127.0.0.1`). Without any, the client is the TCP peer: a header anyone on
 * the internet can write must not choose the address that per-address limits count against.
 */
export function trustedProxies(list: readonly string[]): BlockList | null {
  if (list.length === 0) return null;
  const trusted = new BlockList();
  for (const entry of list) {
    const [address, bits] = entry.split('/');
    const family = isIP(address ?? '');
    if (!family) throw new Error(`ROUTER_TRUSTED_PROXIES: ${entry} is not an IP address or CIDR range.`);
    const type = family === 6 ? 'ipv6' : 'ipv4';
    if (bits === undefined) trusted.addAddress(address!, type);
    else trusted.addSubnet(address!, Number(bits), type);
  }
  return trusted;
}

export function trustedProxiesFromEnvironment(env: NodeJS.ProcessEnv = process.env): string[] {
  return (env.ROUTER_TRUSTED_PROXIES ?? '').split(',').map((entry) => entry.trim()).filter(Boolean);
}

function normalise(address: string): string {
  // Node reports IPv4 peers of a dual-stack socket as ::ffff:a.b.c.d.
  return address.startsWith('::ffff:') && isIP(address.slice(7)) === 4 ? address.slice(7) : address;
}

function isTrusted(trusted: BlockList, address: string): boolean {
  const family = isIP(address);
  return family !== 0 && trusted.check(address, family === 6 ? 'ipv6' : 'ipv4');
}

/**
 * The client's address: the TCP peer, or — while that peer is a trusted proxy — the nearest address in
 * `X-Forwarded-For`, read from the right, that is not a trusted proxy (entries left of it were written by the
 * client and prove nothing).
 */
export function clientAddressOf(req: Pick<IncomingMessage, 'headers' | 'socket'>, trusted: BlockList | null): string | null {
  const peer = req.socket.remoteAddress ? normalise(req.socket.remoteAddress) : null;
  if (!peer || !trusted || !isTrusted(trusted, peer)) return peer;
  const header = req.headers['x-forwarded-for'];
  const hops = (Array.isArray(header) ? header.join(',') : (header ?? '')).split(',').map((hop) => normalise(hop.trim()));
  let client = peer;
  for (let i = hops.length - 1; i >= 0; i -= 1) {
    const hop = hops[i]!;
    if (!isIP(hop)) break;
    client = hop;
    if (!isTrusted(trusted, hop)) break;
  }
  return client;
}
