import { Agent, request, type IncomingHttpHeaders } from 'node:http';
import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { startHttpServer, type RunningServer } from './http-server.js';

interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

function get(server: RunningServer, path: string, agent: Agent | false = false): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(`${server.url}${path}`, { agent }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** A server whose /slow requests wait until the test lets them go. */
async function serverWithGate(shutdown?: { drainTimeoutMs?: number; readyGraceMs?: number }) {
  const waiting: (() => void)[] = [];
  let arrived = 0;
  const server = await startHttpServer({
    port: 0,
    shutdown,
    handle: async (req, res) => {
      if (req.url === '/slow') {
        arrived += 1;
        await new Promise<void>((resolve) => waiting.push(resolve));
      }
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end(req.url === '/ready' ? 'ready' : 'done');
    },
  });
  const until = async (count: number) => {
    while (arrived < count) await new Promise((resolve) => setTimeout(resolve, 5));
  };
  return { server, until, release: () => waiting.splice(0).forEach((go) => go()) };
}

describe('draining an HTTP server', () => {
  it('answers the requests in flight with Connection: close, refuses new connections, and resolves after them', async () => {
    const { server, until, release } = await serverWithGate();
    const inFlight = [get(server, '/slow'), get(server, '/slow')];
    await until(2);

    const drained = server.drain();
    expect(server.isDraining()).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 20));
    await expect(get(server, '/health')).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    release();

    const answers = await Promise.all(inFlight);
    expect(answers.map((answer) => [answer.status, answer.body, answer.headers.connection])).toEqual([
      [200, 'done', 'close'],
      [200, 'done', 'close'],
    ]);
    expect(await drained).toMatchObject({ answered: 2, abandoned: 0, cut: 0 });
    await server.close();
  });

  it('closes idle keep-alive connections when it stops listening', async () => {
    const { server } = await serverWithGate();
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    expect((await get(server, '/health', agent)).headers.connection).toBe('keep-alive');
    const [socket] = Object.values(agent.freeSockets).flat();
    const closed = new Promise((resolve) => socket!.once('close', resolve));

    await server.drain();
    await closed;
    await server.close();
    agent.destroy();
  });

  it('answers /ready 503 during the ready grace while still serving, and refuses WebSocket handshakes', async () => {
    const { server } = await serverWithGate({ readyGraceMs: 300 });
    expect((await get(server, '/ready')).status).toBe(200);

    const drained = server.drain();
    const ready = await get(server, '/ready');
    expect([ready.status, JSON.parse(ready.body), ready.headers.connection]).toEqual([503, { status: 'draining' }, 'close']);
    expect((await get(server, '/health')).status).toBe(200);
    const handshake = await new Promise<string>((resolve) => {
      const socket = connect(server.port, '127.0.0.1', () =>
        socket.write('GET /graphql HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n'),
      );
      let reply = '';
      socket.on('data', (chunk: Buffer) => (reply += chunk.toString()));
      socket.on('close', () => resolve(reply.split('\r\n')[0]!));
    });
    expect(handshake).toBe('HTTP/1.1 503 Service Unavailable');

    await drained;
    await expect(get(server, '/ready')).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    await server.close();
  });

  it('cuts the requests still unanswered at its bound', async () => {
    const { server, until, release } = await serverWithGate({ drainTimeoutMs: 100 });
    const stuck = get(server, '/slow');
    await until(1);

    const started = Date.now();
    expect(await server.drain()).toMatchObject({ answered: 0, cut: 1 });
    expect(Date.now() - started).toBeLessThan(1_000);
    await expect(stuck).rejects.toMatchObject({ code: 'ECONNRESET' });
    release();
    await server.close();
  });
});
