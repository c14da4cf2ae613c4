import type { RowReader } from '@erp/platform';
import { OrderLine } from './order-line.entity.js';
import { Order } from './order.entity.js';

/** How many drafts an instance remembers, and for how long: a client places its order right after creating it. */
const MAX_DRAFTS = 2_000;
const KEEP_MS = 60_000;

interface Kept {
  order: Order;
  lines: OrderLine[];
  until: number;
}

/**
 * The drafts this instance has just created, as it wrote them, so that placing one does not read back what it
 * wrote a moment ago. Only a hint: placing writes only if the order's version is still the one remembered, and reads
 * the order again otherwise (another instance or transition changed it), so a stale or missing entry costs a
 * statement, never a wrong write. Lines never change after creation; the status, stamps and version do, and the
 * version check covers them. Each entry is taken once.
 */
export class RecentDrafts {
  private readonly kept = new Map<string, Kept>();

  keep(order: Order, lines: readonly OrderLine[]): void {
    const copy = Object.assign(new Order(), order);
    const copies = lines.map((line) => Object.assign(new OrderLine(), line, { order: copy }));
    this.kept.delete(order.id);
    this.kept.set(order.id, { order: copy, lines: copies, until: Date.now() + KEEP_MS });
    // A Map iterates in insertion order: the first entries are the oldest.
    for (const [id, entry] of this.kept) {
      if (this.kept.size <= MAX_DRAFTS && entry.until > Date.now()) break;
      this.kept.delete(id);
    }
  }

  /** The draft as created, once, if this instance created it within the last minute. */
  take(id: string): { order: Order; lines: OrderLine[] } | null {
    const entry = this.kept.get(id);
    if (!entry) return null;
    this.kept.delete(id);
    return entry.until > Date.now() ? { order: entry.order, lines: entry.lines } : null;
  }
}

const perReader = new WeakMap<RowReader, RecentDrafts>();

/** The drafts of the subgraph instance this reader belongs to (one reader per instance). */
export function recentDrafts(db: RowReader): RecentDrafts {
  let drafts = perReader.get(db);
  if (!drafts) perReader.set(db, (drafts = new RecentDrafts()));
  return drafts;
}
