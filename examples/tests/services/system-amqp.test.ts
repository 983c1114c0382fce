/**
 * The reference system's end-to-end flow (system-flow.ts) with its notifications carried by a
 * private RabbitMQ node: the deployer publishes with confirms, the notifier consumes from its
 * durable queue. The databases stay SQLite here; system.test.ts runs it on PostgreSQL too.
 */
import { afterAll } from 'vitest';
import { systemFlow } from '../system-flow.js';
import { startSystem } from '../system.js';
import { startRabbit, type RabbitNode } from './rabbitmq.js';

let rabbit: RabbitNode | undefined;
afterAll(() => rabbit?.stop(), 60_000);

systemFlow('the reference system over RabbitMQ', async () => {
  rabbit = await startRabbit();
  return startSystem({
    deployerEnv: { DEPLOYER_TRANSPORT: rabbit.url },
    notifierEnv: { NOTIFIER_TRANSPORT: rabbit.url },
  });
});
