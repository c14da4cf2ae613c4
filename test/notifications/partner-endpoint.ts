import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface PartnerRequest {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  at: number;
  answered: number;
}

/**
 * A partner's webhook receiver on a local port: answers 200, or 500 to the next requests a test asks it to fail, or
 * 503 to everything while it is `down`, or never while it `hangs`. Keeps every request with its raw body, per path.
 */
export class PartnerEndpoint {
  readonly requests: PartnerRequest[] = [];
  private readonly failures = new Map<string, number>();
  private readonly down = new Set<string>();
  private readonly hanging = new Set<string>();
  private server: Server | null = null;
  url = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const path = req.url ?? '/';
        if (this.hanging.has(path)) {
          this.requests.push({ path, headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), at: Date.now(), answered: 0 });
          return;
        }
        const left = this.failures.get(path) ?? 0;
        const status = this.down.has(path) ? 503 : left > 0 ? 500 : 200;
        if (left > 0) this.failures.set(path, left - 1);
        this.requests.push({ path, headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), at: Date.now(), answered: status });
        res.writeHead(status, { 'content-type': 'text/plain' }).end(status === 200 ? 'ok' : 'partner is having a bad day');
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  failNext(path: string, count: number): void {
    this.failures.set(path, count);
  }

  setDown(path: string, down: boolean): void {
    if (down) this.down.add(path);
    else this.down.delete(path);
  }

  hang(path: string): void {
    this.hanging.add(path);
  }

  to(path: string): PartnerRequest[] {
    return this.requests.filter((request) => request.path === path);
  }

  async close(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
