import { describe, expect, it } from 'vitest';
import { Receiver } from 'ws';
import { textFrame } from './frame-writer.js';

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
