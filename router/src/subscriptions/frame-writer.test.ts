import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { Receiver, WebSocket } from 'ws';
import { textFrame, writeFrame } from './frame-writer.js';

function decode(frame: Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const receiver = new Receiver({ isServer: false });
    receiver.on('message', (data: Buffer) => resolve(data.toString()));
    receiver.on('error', reject);
    receiver.write(frame);
  });
}

describe('pre-built WebSocket frames', () => {
  it('decodes to the same text at every length encoding', async () => {
    for (const size of [0, 125, 126, 65_535, 65_536, 200_000]) {
      const text = 'é'.repeat(Math.floor(size / 2)) + 'x'.repeat(size % 2);
      expect(await decode(textFrame(text))).toBe(text);
    }
  });
});

describe('writing a pre-built frame', () => {
  const socketIn = (readyState: number) => ({ readyState, OPEN: WebSocket.OPEN }) as WebSocket;
  const written = (raw: PassThrough) => (raw.read() as Buffer | null) ?? Buffer.alloc(0);

  it('writes the frame as is, in one write, to an open connection', () => {
    const raw = new PassThrough();
    const frame = textFrame('{"x":1}');
    writeFrame(socketIn(WebSocket.OPEN), raw, frame);
    expect(written(raw)).toEqual(frame);
  });

  it('writes nothing once the WebSocket is closing or the connection is no longer writable', () => {
    const closing = new PassThrough();
    writeFrame(socketIn(WebSocket.CLOSING), closing, textFrame('x'));
    expect(written(closing).length).toBe(0);
    const ended = new PassThrough();
    ended.end();
    writeFrame(socketIn(WebSocket.OPEN), ended, textFrame('x'));
    expect(written(ended).length).toBe(0);
  });
});
