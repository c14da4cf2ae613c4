import { randomUUID } from 'node:crypto';
import { runInAuditScope, wholeNumberSetting, type SubgraphEnvironment } from '@erp/platform';
import { OrderForReservationFragmentDoc } from '../peers/generated.js';
import { Reservation } from '../modules/reservation/reservation.entity.js';
import { releaseForOrder } from '../modules/reservation/reservation.service.js';

const JOB = 'inventory.unplaced-reservations';
const BATCH = 100;
/** Statuses of an order that holds its stock. */
const PLACED = new Set(['PLACED', 'CONFIRMED', 'SHIPPED', 'DELIVERED']);

/**
 * The last step of placing's compensation. sales releases a reservation when its own step fails; if its process stops
 * between reserving and placing, nobody does. Every interval, reservations still unconfirmed after the grace period
 * (no order.placed seen for them) are checked with sales, as inventory itself: an order that is placed confirms its
 * reservation; one that is not (still a draft, cancelled, gone) gets its stock back. Runs on every instance: the release
 * locks the reservation and is a no-op once it is released.
 */
export function scheduleUnplacedReservationSweep(env: SubgraphEnvironment): () => void {
  const intervalMs = wholeNumberSetting(process.env, 'INVENTORY_RESERVATION_SWEEP_MS', 1) ?? 60_000;
  const graceMs = wholeNumberSetting(process.env, 'INVENTORY_RESERVATION_GRACE_MS', 1) ?? 10 * 60_000;
  const sweep = async () => {
    const em = env.orm.em.fork();
    const stale = await em.find(Reservation, { status: 'ACTIVE', confirmedAt: null, createdAt: { $lt: new Date(Date.now() - graceMs) } }, { limit: BATCH, orderBy: { createdAt: 'asc' } });
    if (stale.length === 0) return;
    const requestId = randomUUID();
    const orders = await env.peers.entities({ caller: env.service, requestId }, 'sales', OrderForReservationFragmentDoc, stale.map((r) => r.orderId));
    const statusOf = new Map(orders.filter((order) => order !== null).map((order) => [order.id, order.status]));
    for (const reservation of stale) {
      const status = statusOf.get(reservation.orderId);
      if (status && PLACED.has(status)) {
        reservation.confirmedAt = new Date();
        continue;
      }
      await releaseForOrder(em.fork(), reservation.orderId, null, status ? `The order stayed ${status}: its placement never finished` : 'The order does not exist');
      env.log.warn({ orderId: reservation.orderId, status: status ?? null }, 'released the reservation of an order that was never placed');
    }
    await em.flush();
  };
  const run = () =>
    runInAuditScope({ mutation: null, job: JOB, requestId: randomUUID(), caller: env.service }, sweep).catch((error: unknown) =>
      env.log.error({ err: error }, 'the sweep of unplaced reservations failed'),
    );
  const timer = setInterval(run, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
