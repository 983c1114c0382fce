/** What an operator watches: the notifications not yet delivered, deployments by status. */
import { outboxStats } from '../../../shared/outbox.js';
import { deployer, q } from '../context.js';

export async function readStats() {
  const byStatus = await q()
    .selectFrom('deployments')
    .select(['status', (eb) => eb.fn.countAll<number>().as('count')])
    .groupBy('status')
    .execute();
  return {
    outbox: await outboxStats(q()),
    deployments: Object.fromEntries(byStatus.map((row) => [row.status, Number(row.count)])),
    // Since this process started (each process of a service keeps its own).
    thisProcess: { dispatcher: deployer().dispatcher.stats },
  };
}
