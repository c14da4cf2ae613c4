import { randomUUID } from 'node:crypto';
import { PLACED_ORDER_STATUSES } from '@erp/contracts';
import { runInAuditScope, wholeNumberSetting, type SubgraphEnvironment } from '@erp/platform';
import { OrderForReservationFragmentDoc } from '../peers/generated.js';
import { Reservation } from '../modules/reservation/reservation.entity.js';
import { releaseForOrder } from '../modules/reservation/reservation.service.js';

const JOB = 'inventory.unplaced-reservations';
/** Reservations checked with sales in one call. */
const BATCH = 200;
const PLACED = new Set<string>(PLACED_ORDER_STATUSES);

/**
 * The last step of placing's compensation. sales releases a reservation when its own step fails; if its process stops
 * between reserving and placing (or its release cannot reach inventory), nobody does. Every interval, the reservations
 * older than the grace period that sales has not confirmed yet are checked with it in batches, as inventory itself:
 * those of placed orders are confirmed (and never checked again), the others (a draft, a cancelled order, none) get
 * their stock back. Batched rather than one reaction per order.placed: a placement costs inventory nothing more, and
 * a batch of 200 costs one call to sales. Several instances may sweep at once: a release locks the reservation and is
 * a no-op once it is released.
 */
export function scheduleUnplacedReservationSweep(env: SubgraphEnvironment): () => void {
  const intervalMs = wholeNumberSetting(process.env, 'INVENTORY_RESERVATION_SWEEP_MS', 1) ?? 60_000;
  const graceMs = wholeNumberSetting(process.env, 'INVENTORY_RESERVATION_GRACE_MS', 1) ?? 10 * 60_000;
  const sweepBatch = async (): Promise<number> => {
    const em = env.orm.em.fork();
    const due = await em.find(
      Reservation,
      { status: 'ACTIVE', confirmedAt: null, createdAt: { $lt: new Date(Date.now() - graceMs) } },
      { limit: BATCH, orderBy: { createdAt: 'asc' } },
    );
    if (due.length === 0) return 0;
    const orders = await env.peers.entities({ caller: env.service, requestId: randomUUID() }, 'sales', OrderForReservationFragmentDoc, due.map((r) => r.orderId));
    const statusOf = new Map(orders.filter((order) => order !== null).map((order) => [order.id, order.status]));
    const now = new Date();
    for (const reservation of due) {
      const status = statusOf.get(reservation.orderId);
      if (status && PLACED.has(status)) {
        reservation.confirmedAt = now;
        continue;
      }
      await releaseForOrder(em.fork(), reservation.orderId, null, status ? `The order stayed ${status}: its placement never finished` : 'The order does not exist');
      env.log.warn({ orderId: reservation.orderId, status: status ?? null }, 'released the reservation of an order that was never placed');
    }
    await em.flush();
    return due.length;
  };
  let running = false;
  const run = async () => {
    if (running) return;
    running = true;
    try {
      while ((await runInAuditScope({ mutation: null, job: JOB, requestId: randomUUID(), caller: env.service }, sweepBatch)) === BATCH);
    } catch (error) {
      env.log.error({ err: error }, 'the sweep of unplaced reservations failed');
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void run(), intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
