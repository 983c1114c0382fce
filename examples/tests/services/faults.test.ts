/**
 * Faults injected into the reference system in its production shape (PostgreSQL, RabbitMQ),
 * each counted: RabbitMQ restarted mid-flow, the notifier killed with messages in flight (and,
 * exactly, a connection lost between the notifier's commit and its acknowledgement),
 * PostgreSQL restarted mid-flow, a malformed message. After each, every notification has been
 * processed exactly once: the notifier's `received` grows by exactly the notifications the
 * deployments made, and no deployment has an alarm twice.
 */
import { connect } from 'amqplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notifierMigrations } from '../../notifier/domain/migrations.js';
import { receiveNotification } from '../../notifier/domain/receive.js';
import { readStats } from '../../notifier/domain/counters.js';
import type { NotifierDatabase } from '../../notifier/domain/schema.js';
import { openDatabase } from '../../shared/database.js';
import { migrateToLatest } from '../../shared/migrate.js';
import { makeNotification } from '../../shared/notification.js';
import { createReceiver } from '../../shared/transport/index.js';
import { api, waitFor } from '../harness.js';
import { startSystem, waitForStatus, type RunningSystem } from '../system.js';
import { startPostgres, type PostgresCluster } from './postgres.js';
import { startRabbit, type RabbitNode } from './rabbitmq.js';

let rabbit: RabbitNode;
let postgres: PostgresCluster;

beforeAll(async () => {
  [rabbit, postgres] = await Promise.all([startRabbit(), startPostgres()]);
});
afterAll(async () => {
  await Promise.all([rabbit?.stop(), postgres?.stop()]);
}, 60_000);

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('a connection lost between the notifier’s commit and its acknowledgement', () => {
  it('the broker delivers the notification again; it is counted as a duplicate, no alarm is doubled', async () => {
    const database = openDatabase<NotifierDatabase>({
      dialect: 'postgres',
      url: await postgres.createDatabase('commit_then_crash'),
    });
    await migrateToLatest(database, notifierMigrations({ operatorEmail: 'ops@example.test' }));
    const { db } = database;
    const receiver = createReceiver({
      kind: 'amqp',
      url: rabbit.url,
      exchange: 'crash-test',
      queue: 'crash-test',
      reconnect: { initialMs: 100, maxMs: 500, factor: 2 },
    });
    const handled: string[] = [];
    try {
      await receiver.start(async (notification) => {
        await db.transaction().execute((trx) => receiveNotification(trx, notification));
        handled.push(notification.message_id);
        // Committed; the connection dies before the acknowledgement can be sent.
        if (handled.length === 1)
          await rabbit.ctl('close_all_connections', 'test: lost before the ack');
      });
      const notification = makeNotification(
        'deployment.create.end',
        { deployment_id: 'd-crash', name: 'crash', status: 'CREATE_COMPLETE' },
        { publisherId: 'deployer.test' },
      );
      const connection = await connect(rabbit.url);
      const channel = await connection.createConfirmChannel();
      channel.publish(
        'crash-test',
        notification.event_type,
        Buffer.from(JSON.stringify(notification)),
        {
          persistent: true,
          messageId: notification.message_id,
        },
      );
      await channel.waitForConfirms();
      await connection.close();

      await waitFor('the redelivery', () => handled.length === 2, 30_000);
      await waitFor(
        'the acknowledgement',
        async () => (await rabbit.queueDepth('crash-test')) === 0,
      );
      expect(handled).toEqual([notification.message_id, notification.message_id]);
      const stats = await readStats(db);
      expect(stats).toMatchObject({ received: 1, duplicates: 1, alarmsRaised: 1 });
      const alarms = await db.selectFrom('alarms').select('message_id').execute();
      expect(alarms).toEqual([{ message_id: notification.message_id }]);
    } finally {
      await receiver.close();
      await db.destroy();
    }
  }, 60_000);
});

describe('the reference system on PostgreSQL and RabbitMQ, under faults', () => {
  let system: RunningSystem;
  let serial = 0;

  beforeAll(async () => {
    system = await startSystem({
      deployerEnv: {
        DEPLOYER_DATABASE: await postgres.createDatabase('deployer'),
        DEPLOYER_TRANSPORT: rabbit.url,
        DEPLOYER_STACK_DELAY_MS: '1500',
      },
      notifierEnv: {
        NOTIFIER_DATABASE: await postgres.createDatabase('notifier'),
        NOTIFIER_TRANSPORT: rabbit.url,
      },
    });
  }, 120_000);
  afterAll(() => system?.stop(), 60_000);

  async function deploy(prefix: string) {
    const created = await api(`${system.deployer.url}/v1/deployments`, {
      method: 'POST',
      json: { name: `${prefix}-${++serial}`, app: 'static-site', size: 'small', count: 1 },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(202);
    return created.body.id as string;
  }

  type Stats = Record<'received' | 'duplicates' | 'rejected', number>;
  const stats = async () => (await api<Stats>(`${system.notifier.url}/v1/stats`)).body;

  /**
   * Waits for the deployments to finish and their notifications (a start and an end each) to
   * be processed; checks that each was processed once and raised its alarm once.
   */
  async function expectExactlyOnce(ids: string[], before: Stats) {
    for (const id of ids) await waitForStatus(system, id, ['CREATE_COMPLETE'], 60_000);
    const expected = ids.length * 2;
    const after = await waitFor(
      `${expected} notifications processed`,
      async () => {
        const now = await stats();
        return now.received - before.received >= expected ? now : undefined;
      },
      60_000,
    );
    await waitFor('the deployer’s outbox to drain', async () => {
      const outbox = (await api(`${system.deployer.url}/v1/stats`)).body.outbox;
      return outbox.pending === 0 && outbox.dead === 0;
    });
    await pause(500); // anything processed twice would show by now
    const final = await stats();
    expect(final.received - before.received, 'notifications processed').toBe(expected);
    for (const id of ids) {
      const { body } = await api(`${system.notifier.url}/v1/alarms?deployment=${id}&limit=100`);
      const ends = body.alarms.filter(
        (alarm: any) => alarm.notification.eventType === 'deployment.create.end',
      );
      expect(ends, `alarms of ${id}`).toHaveLength(1); // one definition matches create.end
    }
    return {
      processed: final.received - before.received,
      duplicates: after.duplicates - before.duplicates,
    };
  }

  it('RabbitMQ restarted mid-flow: requests go on, every notification arrives exactly once', async () => {
    const before = await stats();
    const ids = [await deploy('mq'), await deploy('mq'), await deploy('mq')];
    await rabbit.stop();
    // The broker is down: the deployer still takes requests (the outbox keeps the notifications).
    for (let i = 0; i < 3; i++) ids.push(await deploy('mq'));
    await pause(2000);
    await rabbit.start();
    for (let i = 0; i < 2; i++) ids.push(await deploy('mq'));
    const counted = await expectExactlyOnce(ids, before);
    console.info(
      `RabbitMQ restart: ${ids.length} deployments, ${counted.processed} notifications processed ` +
        `once each, ${counted.duplicates} redeliveries ignored`,
    );
  }, 120_000);

  it('the notifier killed with messages in flight: redelivered, none processed twice', async () => {
    const before = await stats();
    await system.notifier.stop('SIGTERM');
    const ids = await Promise.all(Array.from({ length: 10 }, () => deploy('kill')));
    for (const id of ids) await waitForStatus(system, id, ['CREATE_COMPLETE'], 60_000);
    await waitFor('20 notifications queued in RabbitMQ', async () =>
      (await rabbit.queueDepth('notifier')) === 20 ? true : undefined,
    );
    await system.restartNotifier();
    await pause(150);
    await system.notifier.stop('SIGKILL');
    const left = await rabbit.queueDepth('notifier');
    await system.restartNotifier();
    const counted = await expectExactlyOnce(ids, before);
    console.info(
      `notifier SIGKILL with ${left} of 20 messages left in the queue (unacknowledged ones ` +
        `included): ${counted.processed} processed once each, ${counted.duplicates} redeliveries ignored`,
    );
  }, 120_000);

  it('PostgreSQL restarted mid-flow: 503s while it is down, no hang, no crash, recovery without restart', async () => {
    const before = await stats();
    const ids = [await deploy('pg'), await deploy('pg'), await deploy('pg')];
    await postgres.stop();
    const probes = [
      () => api(`${system.deployer.url}/v1/deployments`),
      () =>
        api(`${system.deployer.url}/v1/deployments`, {
          method: 'POST',
          json: { name: 'pg-during-outage', app: 'static-site', size: 'small', count: 1 },
        }),
      () => api(`${system.deployer.url}/v1/stats`),
      () => api(`${system.notifier.url}/v1/alarms`),
      () => api(`${system.notifier.url}/v1/stats`),
    ];
    const answers: { status: number; ms: number; retryAfter: string | null }[] = [];
    for (let round = 0; round < 3; round++)
      for (const probe of probes) {
        const started = Date.now();
        const response = await probe();
        answers.push({
          status: response.status,
          ms: Date.now() - started,
          retryAfter: response.headers.get('retry-after'),
        });
      }
    const page = await fetch(`${system.deployer.url}/`, { signal: AbortSignal.timeout(10_000) });
    expect(page.status).toBe(503);
    await postgres.start();
    expect(answers.map((a) => a.status)).toEqual(answers.map(() => 503));
    expect(answers.every((a) => a.retryAfter === '5')).toBe(true);
    const slowest = Math.max(...answers.map((a) => a.ms));
    expect(slowest, 'no request hangs').toBeLessThan(6000);

    // Back without a restart of either service: the pools reconnect.
    await waitFor('the deployer to answer again', async () =>
      (await api(`${system.deployer.url}/v1/deployments`)).status === 200 ? true : undefined,
    );
    for (let i = 0; i < 3; i++) ids.push(await deploy('pg'));
    const counted = await expectExactlyOnce(ids, before);
    console.info(
      `PostgreSQL restart: ${answers.length} requests during the outage, all 503 with ` +
        `Retry-After (slowest ${slowest} ms); ${ids.length} deployments, ${counted.processed} ` +
        `notifications processed once each, ${counted.duplicates} redeliveries ignored`,
    );
    expect(system.deployer.output()).not.toMatch(/exited|uncaught/i);
  }, 120_000);

  it('a malformed message is dead-lettered to notifier.dead and counted', async () => {
    const before = await stats();
    const deadBefore = (await rabbit.queueDepth('notifier.dead')) ?? 0;
    const connection = await connect(rabbit.url);
    const channel = await connection.createConfirmChannel();
    channel.publish('deployer', 'deployment.create.end', Buffer.from('not json at all'));
    channel.publish('deployer', 'deployment.create.end', Buffer.from('{"message_id": "nope"}'));
    await channel.waitForConfirms();
    await connection.close();
    await waitFor('the dead letters', async () =>
      (await rabbit.queueDepth('notifier.dead')) === deadBefore + 2 ? true : undefined,
    );
    const after = await waitFor('the count', async () => {
      const now = await stats();
      return now.rejected - before.rejected === 2 ? now : undefined;
    });
    expect(after.received).toBe(before.received);
    expect(await rabbit.queueDepth('notifier')).toBe(0);
  });
});
