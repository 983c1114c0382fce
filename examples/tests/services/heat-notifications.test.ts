/**
 * The notifier subscribed to Heat's own notifications on a RabbitMQ node of the test's own,
 * published as oslo.messaging publishes them (oslo-publisher.ts) from a real heat-engine's
 * capture (notifier/tests/heat-fixture.ts): the exchange's flags as oslo declares them, every
 * message an alarm or a resolution, oslo's own queues keeping their copies, repeats ignored,
 * unreadable messages dead-lettered and counted, and nothing lost across broker restarts.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readStats } from '../../notifier/domain/counters.js';
import type { Notifier } from '../../notifier/notifier.js';
import { innerOf, replayed, wireBody, type HeatSample } from '../../notifier/tests/heat-fixture.js';
import { lifecycle, startNotifier } from '../../notifier/tests/notifier-fixture.js';
import { fetchClient } from '../../../test/support/adapters.js';
import type { OsloNotificationsSettings } from '../../shared/transport/index.js';
import { tempDir, waitFor } from '../harness.js';
import { osloPublisher } from './oslo-publisher.js';
import { startPostgres } from './postgres.js';
import { startRabbit, type RabbitNode } from './rabbitmq.js';

let rabbit: RabbitNode;
let dir: string;
beforeAll(async () => {
  rabbit = await startRabbit();
  dir = tempDir('heat-notifications');
});
afterAll(async () => {
  await rabbit?.dispose();
});

let serial = 0;
/** A subscription of the test's own (exchange, queue), with quick backoffs. */
function subscription(extra: Partial<OsloNotificationsSettings> = {}): OsloNotificationsSettings {
  serial++;
  return {
    url: rabbit.url,
    exchange: `heat-${serial}`,
    queue: `notifier.heat-${serial}`,
    reconnect: { initialMs: 100, maxMs: 1000, factor: 2 },
    retry: { initialMs: 100, maxMs: 1000, factor: 2 },
    connectTimeoutMs: 3000,
    ...extra,
  };
}

function notifierFor(
  heat: OsloNotificationsSettings,
  database: string | { dialect: 'postgres'; url: string } = ':memory:',
): Promise<Notifier> {
  return startNotifier({
    database: typeof database === 'string' ? { dialect: 'sqlite', filename: database } : database,
    heatNotifications: heat,
  });
}

async function received(notifier: Notifier, count: number) {
  return waitFor(
    `${count} notifications processed`,
    async () => {
      const stats = await readStats(notifier.db);
      return stats.received + stats.duplicates + stats.rejected >= count ? stats : undefined;
    },
    30_000,
  );
}

async function publishAll(url: string, exchange: string, samples: HeatSample[]) {
  const publisher = await osloPublisher(url, { exchange });
  try {
    for (const sample of samples) await publisher.publish(sample.routingKey, wireBody(sample));
  } finally {
    await publisher.close();
  }
}

const errors = (samples: HeatSample[]) =>
  samples.filter((sample) => innerOf(sample).priority === 'ERROR').length;

describe("the notifier subscribed to Heat's notifications", () => {
  it("declares Heat's exchange as oslo does, turns every message into alarms and resolutions, and leaves oslo's queues their copies", async () => {
    const heat = subscription();
    // The notifier first: the exchange does not exist yet, so it declares it with oslo's flags,
    // and oslo's own declaration (durable = False) then succeeds instead of closing its channel.
    const notifier = await notifierFor(heat);
    try {
      const samples = replayed();
      await publishAll(rabbit.url, heat.exchange!, samples);
      const stats = await received(notifier, samples.length);
      expect(stats).toMatchObject({
        received: samples.length,
        duplicates: 0,
        rejected: 0,
        // capture-fail and its nested stack failed (the nested one twice: one alarm)...
        alarmsRaised: 2,
        // ...and each was deleted: resolved.
        alarmsCleared: 2,
      });
      const alarms = await notifier.db
        .selectFrom('alarms')
        .select(['stack_name', 'state', 'definition_name'])
        .orderBy('id')
        .execute();
      expect(alarms).toEqual([
        {
          stack_name: 'capture-fail-group-k2nc2kj3vdtb',
          state: 'ok',
          definition_name: 'stack-failed',
        },
        { stack_name: 'capture-fail', state: 'ok', definition_name: 'stack-failed' },
      ]);
      await waitFor(
        'the acknowledgements',
        async () => (await rabbit.queueDepth(heat.queue!)) === 0,
      );
      // oslo's default queues got every message too: whoever reads them (Ceilometer) loses none.
      expect(await rabbit.queueDepth('notifications.error')).toBe(errors(samples));
      expect(await rabbit.queueDepth('notifications.info')).toBe(samples.length - errors(samples));
      const exchanges = await rabbit.ctl(
        'list_exchanges',
        '--quiet',
        '--no-table-headers',
        'name',
        'type',
        'durable',
        'auto_delete',
      );
      expect(exchanges).toMatch(new RegExp(`^${heat.exchange}\\s+topic\\s+false\\s+false$`, 'm'));
    } finally {
      await notifier.close();
    }
  });

  it('uses an exchange oslo declared durable (amqp_durable_queues = True) as it is', async () => {
    // A topic of its own: oslo's default queues (named by routing key) exist transient already.
    const heat = subscription({ exchangeDurable: false, topics: ['durable'] });
    const publisher = await osloPublisher(rabbit.url, { exchange: heat.exchange!, durable: true });
    const notifier = await notifierFor(heat);
    try {
      const [sample] = replayed().slice(12, 13);
      await publisher.publish('durable.error', wireBody(sample!));
      expect(await received(notifier, 1)).toMatchObject({ received: 1, alarmsRaised: 1 });
    } finally {
      await publisher.close();
      await notifier.close();
    }
  });

  it('works as a RabbitMQ user with only the permissions examples/README.md lists', async () => {
    await rabbit.ctl('add_user', 'heat-reader', 'secret');
    // configure, write, read — as the README says, with the default names.
    await rabbit.ctl(
      'set_permissions',
      '-p',
      '/',
      'heat-reader',
      '^(heat|notifier\\.heat.*)$',
      '^(notifier\\.heat.*|amq\\.default)$',
      '^(heat|notifier\\.heat.*)$',
    );
    const heat = subscription({
      url: rabbit.url.replace('guest:guest', 'heat-reader:secret'),
      exchange: 'heat',
      queue: 'notifier.heat',
      topics: ['restricted'],
    });
    const notifier = await notifierFor(heat);
    try {
      const [sample] = replayed().slice(12, 13);
      const publisher = await osloPublisher(rabbit.url, { exchange: 'heat' });
      try {
        await publisher.publish('restricted.error', wireBody(sample!));
        await publisher.publish('restricted.error', Buffer.from('not json'));
      } finally {
        await publisher.close();
      }
      expect(await received(notifier, 2)).toMatchObject({ received: 1, rejected: 1 });
      await waitFor(
        'the dead letter',
        async () => (await rabbit.queueDepth('notifier.heat.dead')) === 1,
      );
    } finally {
      await notifier.close();
    }
  });

  it('ignores a repeated message id, dead-letters what is not a notification, and counts both', async () => {
    const heat = subscription();
    const notifier = await notifierFor(heat);
    try {
      const [failed] = replayed().slice(12, 13);
      const broken = structuredClone(failed!);
      broken.body['oslo.message'] = JSON.stringify({ ...innerOf(failed!), priority: 'LOUD' });
      const publisher = await osloPublisher(rabbit.url, { exchange: heat.exchange! });
      try {
        await publisher.publish('notifications.error', wireBody(failed!));
        await publisher.publish('notifications.error', wireBody(failed!));
        await publisher.publish('notifications.error', Buffer.from('not json'));
        await publisher.publish('notifications.error', wireBody(broken));
        await publisher.publish(
          'notifications.info',
          Buffer.from(JSON.stringify({ 'oslo.version': '1.0' })),
        );
      } finally {
        await publisher.close();
      }
      expect(await received(notifier, 5)).toMatchObject({
        received: 1,
        duplicates: 1,
        rejected: 3,
        alarmsRaised: 1,
      });
      await waitFor(
        'the dead letters',
        async () => (await rabbit.queueDepth(`${heat.queue}.dead`)) === 3,
      );
      expect(await rabbit.queueDepth(heat.queue!)).toBe(0);
    } finally {
      await notifier.close();
    }
  });

  it('loses nothing across broker restarts: queued while it was away, or published after it reconnected', async () => {
    const heat = subscription();
    const database = path.join(dir, 'restarts.sqlite');
    const samples = replayed();
    const [first, second, third] = [samples.slice(0, 6), samples.slice(6, 12), samples.slice(12)];

    let notifier = await notifierFor(heat, database);
    await publishAll(rabbit.url, heat.exchange!, first);
    await received(notifier, first.length);
    await notifier.close();

    // Published while the notifier is away, then the broker restarts: Heat's exchange is
    // transient (oslo's default) and goes, the notifier's durable queue keeps the messages.
    await publishAll(rabbit.url, heat.exchange!, second);
    await rabbit.stop();
    await rabbit.start();
    expect(await rabbit.queueDepth(heat.queue!)).toBe(second.length);

    notifier = await notifierFor(heat, database);
    try {
      await received(notifier, first.length + second.length);

      // The broker restarts under the running notifier: it reconnects, declares the exchange
      // and binds its queue again, and takes what Heat publishes next.
      await rabbit.stop();
      await rabbit.start();
      await waitFor(
        'the notifier bound again',
        async () => {
          const bindings = await rabbit.ctl(
            'list_bindings',
            '--quiet',
            '--no-table-headers',
            'source_name',
            'destination_name',
            'routing_key',
          );
          return bindings.includes(`${heat.exchange}\t${heat.queue}\tnotifications.error`);
        },
        30_000,
        200,
      );
      await publishAll(rabbit.url, heat.exchange!, third);
      const stats = await received(notifier, samples.length);
      expect(stats).toMatchObject({
        received: samples.length,
        duplicates: 0,
        rejected: 0,
        alarmsRaised: 2,
        alarmsCleared: 2,
      });
    } finally {
      await notifier.close();
    }
  });

  it("on PostgreSQL: a deployer's stacks tied to their deployments, one alarm per failure, resolved by Heat", async () => {
    const postgres = await startPostgres();
    const heat = subscription();
    const notifier = await notifierFor(heat, {
      dialect: 'postgres',
      url: await postgres.createDatabase('heat_notifications'),
    });
    try {
      const shop = randomUUID();
      const start = lifecycle('deployment.create.start', { id: shop, name: 'shop' });
      expect(
        (await fetchClient(notifier.app).post('/v1/notifications', { json: start })).status,
      ).toBe(202);
      const samples = replayed({
        'capture-fail': `deployer-${shop}`,
        'capture-ok': 'someone-else',
      });
      await publishAll(rabbit.url, heat.exchange!, samples);
      expect(await received(notifier, samples.length + 1)).toMatchObject({
        received: samples.length + 1,
        alarmsRaised: 1,
        alarmsCleared: 1,
      });
      const alarms = await notifier.db
        .selectFrom('alarms')
        .select(['deployment_id', 'deployment_name', 'state', 'definition_name'])
        .execute();
      expect(alarms).toEqual([
        {
          deployment_id: shop,
          deployment_name: 'shop',
          state: 'ok',
          definition_name: 'stack-failed',
        },
      ]);
    } finally {
      await notifier.close();
      await postgres.dispose();
    }
  }, 120_000);
});
