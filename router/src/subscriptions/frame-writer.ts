import type { Duplex } from 'node:stream';
import type { WebSocket } from 'ws';

/**
 * One WebSocket text frame, built once and written as is to every subscriber that should receive the same bytes.
 * Server-to-client frames are never masked, so the bytes do not depend on the socket.
 */
export function textFrame(text: string): Buffer {
  const body = Buffer.from(text, 'utf8');
  const length = body.length;
  const headerLength = length < 126 ? 2 : length < 65_536 ? 4 : 10;
  const frame = Buffer.allocUnsafe(headerLength + length);
  frame[0] = 0x81; // FIN + text
  if (length < 126) frame[1] = length;
  else if (length < 65_536) {
    frame[1] = 126;
    frame.writeUInt16BE(length, 2);
  } else {
    frame[1] = 127;
    frame.writeBigUInt64BE(BigInt(length), 2);
  }
  body.copy(frame, headerLength);
  return frame;
}

/**
 * Writes a ready frame in one write. ws would write header and body separately (cork, two writes, uncork: a writev
 * per message), which is the dominant cost of fanning an event out to ten thousand sockets. Safe because the server
 * never compresses or fragments (perMessageDeflate is off), so ws has nothing queued that this could overtake.
 * `raw` is the connection the HTTP upgrade handed over, which `socket` runs on.
 */
export function writeFrame(socket: WebSocket, raw: Duplex, frame: Buffer): void {
  if (socket.readyState !== socket.OPEN || !raw.writable) return;
  raw.write(frame);
}
