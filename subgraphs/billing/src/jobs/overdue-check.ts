import { randomUUID } from 'node:crypto';
import { runInAuditScope, type SubgraphEnvironment } from '@erp/platform';
import { markOverdueInvoices } from '../modules/invoice/invoice-lifecycle.service.js';

const HOUR_MS = 3_600_000;

/**
 * Marks invoices past their due date OVERDUE at start and then every hour (the update is idempotent, so several
 * instances running it do no harm). It moves onto the shared job queue when events and jobs arrive.
 */
export function scheduleOverdueCheck(env: SubgraphEnvironment): () => void {
  // Audited as billing's own job: each run is a request of its own in the trail.
  const run = () =>
    runInAuditScope({ mutation: null, job: 'billing.overdue-check', requestId: randomUUID(), caller: env.service }, () => markOverdueInvoices(env.orm.em.fork())).then(
      (count) => count > 0 && env.log.info({ count }, 'invoices marked overdue'),
      (error: unknown) => env.log.error({ err: error }, 'overdue check failed'),
    );
  void run();
  const timer = setInterval(run, HOUR_MS);
  timer.unref();
  return () => clearInterval(timer);
}
