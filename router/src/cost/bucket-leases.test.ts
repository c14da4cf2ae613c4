import { describe, expect, it } from 'vitest';
import { BucketLeases, leaseSize } from './bucket-leases.js';

const limit = { maximumAvailable: 100_000, restoreRate: 5_000 };

describe('leaseSize', () => {
  it('is a twentieth of the bucket, at most one second of its restore rate, in whole points', () => {
    expect(leaseSize(limit)).toBe(5_000);
    expect(leaseSize({ maximumAvailable: 100_000, restoreRate: 100 })).toBe(100);
    expect(leaseSize({ maximumAvailable: 50, restoreRate: 1 })).toBe(1);
    expect(leaseSize({ maximumAvailable: 30, restoreRate: 10 })).toBe(1);
  });

  it('is nothing for a bucket that restores nothing or is too small to share out', () => {
    expect(leaseSize({ maximumAvailable: 100_000, restoreRate: 0 })).toBe(0);
    expect(leaseSize({ maximumAvailable: 19, restoreRate: 100 })).toBe(0);
  });
});

describe('BucketLeases', () => {
  const clock = () => {
    let now = 1_000_000;
    return { now: () => now, advance: (ms: number) => (now += ms) };
  };

  it('asks the store until a step has granted a lease, then charges the lease while it can pay', () => {
    const time = clock();
    const leases = new BucketLeases(time.now);
    expect(leases.take('user:1', 10, limit)).toBeNull();
    expect(leases.granted('user:1', 5_000, 60_000, limit)).toBe(5_000);
    // What the caller has left as this instance knows it: the shared level it last saw plus its lease.
    expect(leases.take('user:1', 3_000, limit)).toBe(62_000);
    time.advance(1_000);
    // A second later the shared bucket has got 5,000 back.
    expect(leases.take('user:1', 1_500, limit)).toBe(65_500);
    expect(leases.take('user:1', 600, limit)).toBeNull();
    expect(leases.take('user:2', 1, limit)).toBeNull();
  });

  it('never reports more than the bucket holds', () => {
    const time = clock();
    const leases = new BucketLeases(time.now);
    leases.granted('user:1', 5_000, 95_000, limit);
    time.advance(60_000);
    expect(leases.take('user:1', 0, limit)).toBe(100_000);
  });

  it('surrenders what a lease holds to go back with the next step, keeping what the shared bucket was seen at', () => {
    const leases = new BucketLeases(clock().now);
    leases.granted('user:1', 5_000, 60_000, limit);
    leases.take('user:1', 1_000, limit);
    expect(leases.surrender('user:1')).toBe(4_000);
    expect(leases.surrender('user:1')).toBe(0);
    expect(leases.surrender('user:9')).toBe(0);
    expect(leases.take('user:1', 1, limit)).toBeNull();
  });

  it('keeps unspent points in the lease up to its size and hands back the rest', () => {
    const leases = new BucketLeases(clock().now);
    expect(leases.keep('user:1', 700, limit), 'no lease: everything goes back').toBe(700);
    leases.granted('user:1', 4_000, 60_000, limit);
    expect(leases.keep('user:1', 700, limit)).toBe(0);
    expect(leases.keep('user:1', 700, limit)).toBe(400);
    expect(leases.surrender('user:1')).toBe(5_000);
  });

  it('drains the leases unused since a moment, or all of them, with their points', () => {
    const time = clock();
    const leases = new BucketLeases(time.now);
    leases.granted('user:idle', 5_000, 60_000, limit);
    leases.granted('user:empty', 0, 60_000, limit);
    time.advance(2_000);
    leases.granted('user:busy', 5_000, 60_000, limit);
    expect(leases.drain(time.now() - 1_000)).toEqual([{ caller: 'user:idle', points: 5_000, limit }]);
    expect(leases.size).toBe(1);
    expect(leases.drain()).toEqual([{ caller: 'user:busy', points: 5_000, limit }]);
    expect(leases.size).toBe(0);
  });
});
