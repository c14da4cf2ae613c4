import { describe, expect, it } from 'vitest';
import { redeliveryCheckEvery } from './outbox-relay.js';
import { BusUnreachable, failedSide, RelayOutage } from './relay-outage.js';

function recordingLog() {
  const lines: { level: 'warn' | 'info'; fields: Record<string, unknown>; message: string }[] = [];
  const log = {
    warn: (fields: Record<string, unknown>, message: string) => void lines.push({ level: 'warn', fields, message }),
    info: (fields: Record<string, unknown>, message: string) => void lines.push({ level: 'info', fields, message }),
  };
  return { log: log as never, lines };
}

describe("the relay's outage log", () => {
  it('says once which side failed, nothing while it goes on, and once when it is over', () => {
    let now = 1_000;
    const { log, lines } = recordingLog();
    const outage = new RelayOutage(log, () => now);
    outage.recovered();
    expect(lines).toEqual([]);
    for (let i = 0; i < 5; i += 1) {
      outage.failed(new BusUnreachable(new Error('ECONNREFUSED')));
      now += 500;
    }
    expect(outage.active).toBe(true);
    outage.recovered();
    outage.recovered();
    expect(outage.active).toBe(false);
    expect(lines).toEqual([
      { level: 'warn', fields: { failed: 'bus', err: new Error('ECONNREFUSED') }, message: 'event bus unreachable: events wait in the outbox' },
      { level: 'info', fields: { failed: 'bus', outageMs: 2_500, tries: 5 }, message: 'event bus reachable again: outbox flowing' },
    ]);
  });

  it('names the database when reading the outbox failed, and says so again when the failing side changes', () => {
    const { log, lines } = recordingLog();
    const outage = new RelayOutage(log, () => 0);
    outage.failed(new Error('connect ECONNREFUSED 127.0.0.1:5432'));
    outage.failed(new Error('connect ECONNREFUSED 127.0.0.1:5432'));
    outage.failed(new BusUnreachable(new Error('Redis is not reachable')));
    outage.recovered();
    expect(lines.map((line) => [line.level, line.fields.failed])).toEqual([
      ['warn', 'database'],
      ['warn', 'bus'],
      ['info', 'bus'],
    ]);
  });

  it('tells a bus failure from any other', () => {
    expect(failedSide(new BusUnreachable('down'))).toBe('bus');
    expect(failedSide(new Error('relation does not exist'))).toBe('database');
  });
});

describe('retry timing', () => {
  it('looks for owed deliveries a few times per redelivery period, between 250 ms and 5 s', () => {
    expect(redeliveryCheckEvery(30_000)).toBe(5_000);
    expect(redeliveryCheckEvery(4_000)).toBe(1_000);
    expect(redeliveryCheckEvery(100)).toBe(250);
  });
});
