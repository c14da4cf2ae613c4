import { describe, expect, it } from 'vitest';
import { Acknowledgements, type Acknowledgement } from './acknowledgements.js';

/** A writer whose statements finish when the test says so. */
function heldWriter(fail?: (batch: readonly Acknowledgement[]) => boolean) {
  const batches: Acknowledgement[][] = [];
  const finish: (() => void)[] = [];
  const write = (batch: readonly Acknowledgement[]) =>
    new Promise<void>((resolve, reject) => {
      batches.push([...batch]);
      finish.push(() => (fail?.(batch) ? reject(new Error('database unreachable')) : resolve()));
    });
  return { batches, write, finishNext: () => finish.shift()!() };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('acknowledgements', () => {
  it('writes the first at once and those that arrive meanwhile together in the next statement', async () => {
    const writer = heldWriter();
    const acks = new Acknowledgements(writer.write);
    const first = acks.acknowledge('billing', 'e1');
    await settle();
    expect(writer.batches).toEqual([[{ consumer: 'billing', eventId: 'e1' }]]);
    const later = [acks.acknowledge('billing', 'e2'), acks.acknowledge('notifications', 'e2'), acks.acknowledge('billing', 'e3')];
    await settle();
    expect(writer.batches).toHaveLength(1);
    writer.finishNext();
    await first;
    await settle();
    expect(writer.batches[1]).toEqual([
      { consumer: 'billing', eventId: 'e2' },
      { consumer: 'notifications', eventId: 'e2' },
      { consumer: 'billing', eventId: 'e3' },
    ]);
    writer.finishNext();
    await Promise.all(later);
    // Idle again: the next one goes at once.
    const next = acks.acknowledge('billing', 'e4');
    await settle();
    expect(writer.batches).toHaveLength(3);
    writer.finishNext();
    await next;
  });

  it('fails every acknowledgement of a failed statement, and only those', async () => {
    const writer = heldWriter((batch) => batch.some((ack) => ack.eventId === 'bad'));
    const acks = new Acknowledgements(writer.write);
    const first = acks.acknowledge('billing', 'e1');
    await settle();
    const failing = [acks.acknowledge('billing', 'bad'), acks.acknowledge('billing', 'e2')];
    writer.finishNext();
    await first;
    await settle();
    const after = acks.acknowledge('billing', 'e3');
    writer.finishNext();
    const outcomes = await Promise.allSettled(failing);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['rejected', 'rejected']);
    await settle();
    writer.finishNext();
    await expect(after).resolves.toBeUndefined();
    expect(writer.batches.map((batch) => batch.map((ack) => ack.eventId))).toEqual([['e1'], ['bad', 'e2'], ['e3']]);
  });
});
