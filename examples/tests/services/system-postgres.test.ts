/**
 * The reference system's end-to-end flow (system-flow.ts) in its production shape: both
 * services on PostgreSQL (a database each, in a private cluster), notifications over a private
 * RabbitMQ node.
 */
import { afterAll } from 'vitest';
import { systemFlow } from '../system-flow.js';
import { startSystem } from '../system.js';
import { startPostgres, type PostgresCluster } from './postgres.js';
import { startRabbit, type RabbitNode } from './rabbitmq.js';

let rabbit: RabbitNode | undefined;
let postgres: PostgresCluster | undefined;
afterAll(async () => {
  await Promise.all([rabbit?.stop(), postgres?.stop()]);
}, 60_000);

systemFlow('the reference system on PostgreSQL and RabbitMQ', async () => {
  [rabbit, postgres] = await Promise.all([startRabbit(), startPostgres()]);
  return startSystem({
    deployerEnv: {
      DEPLOYER_DATABASE: await postgres.createDatabase('deployer'),
      DEPLOYER_TRANSPORT: rabbit.url,
    },
    notifierEnv: {
      NOTIFIER_DATABASE: await postgres.createDatabase('notifier'),
      NOTIFIER_TRANSPORT: rabbit.url,
    },
  });
});
