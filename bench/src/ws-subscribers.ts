import WebSocket from 'ws';

export interface Received {
  key: string;
  at: number;
}

/**
 * Many graphql-transport-ws subscribers in one process, speaking the protocol by hand: a full client per socket
 * would make the load generator, not the gateway, the bottleneck.
 */
export class Subscribers {
  private readonly sockets: WebSocket[] = [];
  readonly received: Received[] = [];
  failures = 0;
  /** The first message that was not a change, to show what went wrong. */
  unexpected: string | null = null;

  constructor(
    private readonly url: string,
    private readonly connectionParams: Record<string, string>,
    private readonly query: string,
    /** Reads the key of the change a `next` message reports (e.g. order id and status) from its raw text, or null. */
    private readonly keyOf: (raw: string) => string | null,
  ) {}

  get count(): number {
    return this.sockets.length;
  }

  /** Opens `count` more subscribers, `batch` at a time; resolves when each has its subscription sent. */
  async open(count: number, batch = 250): Promise<void> {
    for (let opened = 0; opened < count; opened += batch) {
      await Promise.all(Array.from({ length: Math.min(batch, count - opened) }, () => this.openOne()));
    }
  }

  private openOne(): Promise<void> {
    return new Promise((resolve) => {
      const socket = new WebSocket(this.url, 'graphql-transport-ws', { perMessageDeflate: false });
      this.sockets.push(socket);
      let settled = false;
      const settle = () => {
        if (!settled) {
          settled = true;
          resolve();
        }
      };
      socket.on('open', () => socket.send(JSON.stringify({ type: 'connection_init', payload: this.connectionParams })));
      socket.on('message', (data) => {
        const raw = data.toString();
        // The hot path: tens of thousands of `next` messages a second, read without a full JSON parse.
        if (raw.includes('"next"')) {
          const key = this.keyOf(raw);
          if (key) this.received.push({ key, at: performance.now() });
          else {
            this.failures += 1;
            this.unexpected ??= raw.slice(0, 500);
          }
          return;
        }
        const message = JSON.parse(raw) as { type: string };
        if (message.type === 'connection_ack') {
          socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: this.query } }));
          settle();
        } else if (message.type === 'ping') socket.send('{"type":"pong"}');
        else if (message.type === 'error') {
          this.failures += 1;
          this.unexpected ??= raw.slice(0, 500);
        }
      });
      socket.on('error', () => {
        this.failures += 1;
        settle();
      });
      socket.on('close', settle);
    });
  }

  async close(): Promise<void> {
    await Promise.all(
      this.sockets.map(
        (socket) =>
          new Promise<void>((resolve) => {
            if (socket.readyState === WebSocket.CLOSED) return resolve();
            socket.once('close', () => resolve());
            socket.close();
          }),
      ),
    );
    this.sockets.length = 0;
  }
}
