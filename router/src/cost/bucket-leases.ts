import type { CostLimit } from './cost-buckets.js';

/** A lease holds at most this share of a caller's bucket… */
export const LEASE_SHARE_OF_BUCKET = 1 / 20;
/** …and at most what the bucket gets back in this many seconds. */
export const LEASE_SECONDS = 1;

/**
 * How many points one router instance may take from a shared bucket ahead of its caller's requests: small next to the
 * bucket (a caller can never spend more than its bucket plus one lease per instance), and 0 for a bucket that restores
 * nothing or is too small to share out.
 */
export function leaseSize(limit: CostLimit): number {
  return Math.max(0, Math.floor(Math.min(limit.maximumAvailable * LEASE_SHARE_OF_BUCKET, limit.restoreRate * LEASE_SECONDS)));
}

interface Lease {
  points: number;
  limit: CostLimit;
  usedAt: number;
  /** The shared bucket's level when this instance last stepped on it, and when. */
  sharedLevel: number;
  sharedAt: number;
}

export interface ReturnedLease {
  caller: string;
  points: number;
  limit: CostLimit;
}

/**
 * The points one router instance holds per caller, already taken from the caller's shared bucket, so that most
 * requests are charged here without a round trip to the store. Pure bookkeeping: the store decides what a lease gets
 * and takes back what is returned.
 */
export class BucketLeases {
  private readonly leases = new Map<string, Lease>();

  constructor(private readonly now: () => number = Date.now) {}

  /**
   * Charges `cost` to the caller's lease when it holds enough; returns what the caller has left as this instance
   * knows it (the shared level last seen, restored since at the bucket's rate, plus the lease), or null when the lease
   * cannot pay and the store must be asked.
   */
  take(caller: string, cost: number, limit: CostLimit): number | null {
    const lease = this.leases.get(caller);
    if (!lease || lease.points < cost) return null;
    const now = this.now();
    lease.points -= cost;
    lease.usedAt = now;
    lease.limit = limit;
    const shared = Math.min(limit.maximumAvailable, lease.sharedLevel + (Math.max(0, now - lease.sharedAt) / 1000) * limit.restoreRate);
    return Math.min(limit.maximumAvailable, shared + lease.points);
  }

  /** Empties the caller's lease, whose points go back to the store with the caller's next step. */
  surrender(caller: string): number {
    const lease = this.leases.get(caller);
    if (!lease) return 0;
    const points = lease.points;
    lease.points = 0;
    return points;
  }

  /** Records a step on the shared bucket: the points it leased join the caller's lease; returns the lease's points. */
  granted(caller: string, leased: number, sharedLevel: number, limit: CostLimit): number {
    const now = this.now();
    const lease = this.leases.get(caller);
    if (!lease) {
      this.leases.set(caller, { points: leased, limit, usedAt: now, sharedLevel, sharedAt: now });
      return leased;
    }
    Object.assign(lease, { points: lease.points + leased, limit, usedAt: now, sharedLevel, sharedAt: now });
    return lease.points;
  }

  /**
   * Keeps points a request did not spend in the caller's lease, up to a lease's size; returns those that did not fit,
   * which belong back in the shared bucket.
   */
  keep(caller: string, points: number, limit: CostLimit): number {
    const lease = this.leases.get(caller);
    if (!lease) return points;
    const kept = Math.max(0, Math.min(points, leaseSize(limit) - lease.points));
    lease.points += kept;
    return points - kept;
  }

  /** Removes the leases not used since `idleSince` (all of them without it) and returns their points. */
  drain(idleSince = Number.POSITIVE_INFINITY): ReturnedLease[] {
    const returned: ReturnedLease[] = [];
    for (const [caller, lease] of this.leases) {
      if (lease.usedAt >= idleSince) continue;
      this.leases.delete(caller);
      if (lease.points > 0) returned.push({ caller, points: lease.points, limit: lease.limit });
    }
    return returned;
  }

  get size(): number {
    return this.leases.size;
  }
}
