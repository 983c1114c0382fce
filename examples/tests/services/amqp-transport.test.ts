/**
 * The amqp transport against a real RabbitMQ node of its own: publisher confirms, persistent
 * messages in a durable queue declared by either side, manual acknowledgements after the
 * handler, dead letters, retries with backoff, and both sides living through a broker restart.
 */
import { connect } from 'amqplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeNotification, type Notification } from '../../shared/notification.js';
import { PermanentError } from '../../shared/outbox.js';
import type { AmqpTransportSettings } from '../../shared/transport/amqp-settings.js';
import {
  createReceiver,
  createSender,
  type NotificationReceiver,
  type NotificationSender,
} from '../../shared/transport/index.js';
import { waitFor } from '../harness.js';
import { startRabbit, type RabbitNode } from './rabbitmq.js';

let rabbit: RabbitNode;
const open: Array<NotificationSender | NotificationReceiver> = [];

beforeAll(async () => {
  rabbit = await startRabbit();
});
afterAll(async () => {
  await Promise.all(open.splice(0).map((side) => side.close()));
  await rabbit?.stop();
});

let suite = 0;
/** Settings of a topology of the test's own, with quick backoffs. */
function settings(extra: Partial<AmqpTransportSettings> = {}): AmqpTransportSettings {
  suite++;
  return {
    kind: 'amqp',
    url: rabbit.url,
    exchange: `test-${suite}`,
    queue: `test-${suite}-queue`,
    bindings: ['deployment.#'],
    reconnect: { initialMs: 200, maxMs: 1000, factor: 2 },
    retry: { initialMs: 200, maxMs: 1000, factor: 2 },
    publishTimeoutMs: 3000,
    ...extra,
  };
}

function sender(s: AmqpTransportSettings) {
  const side = createSender(s);
  open.push(side);
  return side;
}

async function receiver(
  s: AmqpTransportSettings,
  handle: (n: Notification) => Promise<void>,
  rejected: string[] = [],
) {
  const side = createReceiver(s);
  open.push(side);
  await side.start(handle, { rejected: async (problem) => void rejected.push(problem) });
  return side;
}

/** Publishes a raw body as some other client would, confirmed by the broker. */
async function publishRaw(exchange: string, key: string, bodies: string[]) {
  const connection = await connect(rabbit.url);
  try {
    const channel = await connection.createConfirmChannel();
    for (const body of bodies) channel.publish(exchange, key, Buffer.from(body));
    await channel.waitForConfirms();
  } finally {
    await connection.close();
  }
}

const note = (event = 'deployment.create.end', payload: Record<string, unknown> = {}) =>
  makeNotification(event, payload, { publisherId: 'deployer.test' });

describe('the amqp transport', () => {
  it('publishes persistent messages keyed by event type, kept until a consumer comes', async () => {
    const s = settings();
    const first = note('deployment.create.start', { n: 1 });
    // The publisher declares the queue: nothing is lost before the consumer ever started.
    await sender(s).send(first);
    expect(await rabbit.queueDepth(s.queue!)).toBe(1);

    const connection = await connect(rabbit.url);
    const channel = await connection.createChannel();
    const message = await channel.get(s.queue!, { noAck: true });
    await connection.close();
    expect(message).not.toBe(false);
    if (!message) return;
    expect(message.fields.routingKey).toBe('deployment.create.start');
    expect(message.fields.exchange).toBe(s.exchange);
    expect(message.properties).toMatchObject({
      deliveryMode: 2,
      messageId: first.message_id,
      contentType: 'application/json',
    });
    expect(JSON.parse(message.content.toString())).toEqual(first);
  });

  it('hands notifications to the handler one at a time, acknowledging each after the handler resolved', async () => {
    const s = settings();
    const got: Notification[] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    await receiver(s, async (n) => {
      got.push(n);
      await gate;
    });
    const sent = [note('deployment.create.start'), note('deployment.create.end')];
    const publisher = sender(s);
    for (const n of sent) await publisher.send(n);
    await waitFor('the first delivery', () => got.length === 1);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(got, 'the second waits for the first').toHaveLength(1);
    // Not acknowledged while the handler runs: the broker still counts both.
    expect(await rabbit.queueDepth(s.queue!)).toBe(2);
    release();
    await waitFor('the acknowledgements', async () => (await rabbit.queueDepth(s.queue!)) === 0);
    expect(got.map((n) => n.message_id)).toEqual(sent.map((n) => n.message_id));
  });

  it('keeps the publishing order through a failure: the failed message and those after it come back in order', async () => {
    const s = settings();
    const sent = Array.from({ length: 6 }, (_, i) => note('deployment.update.end', { i }));
    const done: string[] = [];
    let failedOnce = false;
    await receiver(s, async (n) => {
      if (n.message_id === sent[2]!.message_id && !failedOnce) {
        failedOnce = true;
        throw new Error('database restarting');
      }
      done.push(n.message_id);
    });
    const publisher = sender(s);
    for (const n of sent) await publisher.send(n);
    await waitFor('all six', () => done.length === 6, 20_000);
    expect(done).toEqual(sent.map((n) => n.message_id));
  });

  it('one active consumer at a time: a second stands by and takes over when the first leaves', async () => {
    const s = settings();
    const first: string[] = [];
    const second: string[] = [];
    const a = await receiver(s, async (n) => void first.push(n.message_id));
    await receiver(s, async (n) => void second.push(n.message_id));
    const publisher = sender(s);
    for (let i = 0; i < 4; i++) await publisher.send(note());
    await waitFor('four to the first', () => first.length === 4);
    expect(second).toHaveLength(0);
    await a.close();
    for (let i = 0; i < 2; i++) await publisher.send(note());
    await waitFor('two to the second', () => second.length === 2);
    expect(first).toHaveLength(4);
  });

  it('dead-letters a message that is not a notification, and counts it', async () => {
    const s = settings();
    const rejected: string[] = [];
    const handled: Notification[] = [];
    await receiver(s, async (n) => void handled.push(n), rejected);
    await publishRaw(s.exchange!, 'deployment.create.end', [
      '{"not": "a notification"',
      '{"event_type": "x"}',
    ]);
    await waitFor('two rejections', () => rejected.length === 2);
    expect(rejected[0]).toMatch(/not UTF-8 JSON/);
    expect(rejected[1]).toMatch(/message_id/);
    await waitFor(
      'the dead letters',
      async () => (await rabbit.queueDepth(`${s.queue}.dead`)) === 2,
    );
    expect(await rabbit.queueDepth(s.queue!)).toBe(0);
    expect(handled).toHaveLength(0);
  });

  it('gives a failed message back after a growing delay, not in a tight loop', async () => {
    const s = settings();
    const calls: number[] = [];
    await receiver(s, async () => {
      calls.push(Date.now());
      if (calls.length <= 3) throw new Error('database restarting');
    });
    await sender(s).send(note());
    await waitFor('the fourth attempt', () => calls.length === 4, 20_000);
    const gaps = calls.slice(1).map((at, i) => at - calls[i]!);
    // Backoff 200 ms, 400 ms, 800 ms, each at least half of that (jitter).
    expect(gaps[0]).toBeGreaterThanOrEqual(100);
    expect(gaps[1]).toBeGreaterThanOrEqual(200);
    expect(gaps[2]).toBeGreaterThanOrEqual(400);
    await waitFor('the acknowledgement', async () => (await rabbit.queueDepth(s.queue!)) === 0);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(calls).toHaveLength(4);
  });

  it('refuses for good a notification that no queue is bound for', async () => {
    const s = settings();
    await expect(sender(s).send(note('volume.attach.end'))).rejects.toBeInstanceOf(PermanentError);
  });

  it('reads oslo.messaging’s v2 wrapping as well', async () => {
    const s = settings();
    const got: Notification[] = [];
    await receiver(s, async (n) => void got.push(n));
    const inner = note('deployment.delete.end');
    const wrapped = { 'oslo.version': '2.0', 'oslo.message': JSON.stringify(inner) };
    await publishRaw(s.exchange!, inner.event_type, [JSON.stringify(wrapped)]);
    await waitFor('the delivery', () => got.length === 1);
    expect(got[0]).toEqual(inner);
  });

  it('a broker restart: sends fail while it is down, both sides reconnect, nothing is lost', async () => {
    const s = settings();
    const got = new Map<string, number>();
    await receiver(s, async (n) => void got.set(n.message_id, (got.get(n.message_id) ?? 0) + 1));
    const publisher = sender(s);
    const before = note('deployment.create.start');
    await publisher.send(before);
    await waitFor('the first delivery', () => got.size === 1);

    await rabbit.stop();
    const started = Date.now();
    await expect(publisher.send(note())).rejects.toThrow(/amqp/);
    expect(Date.now() - started).toBeLessThan(5000); // bounded by publishTimeoutMs
    await rabbit.start();

    const after = [note('deployment.create.end'), note('deployment.update.end')];
    for (const n of after)
      await waitFor('a send after the restart', () => publisher.send(n).then(() => true), 30_000);
    await waitFor('the deliveries after the restart', () => got.size === 3, 30_000);
    expect([...got.values()]).toEqual([1, 1, 1]);
  }, 120_000);
});

describe('closing the amqp transport', () => {
  it('leaves nothing behind: a process that closes both sides exits by itself', async () => {
    const { spawn } = await import('node:child_process');
    const { root } = await import('../harness.js');
    // One pair connected to the broker, one pair retrying against a port nobody listens on.
    const script = `
      import { createReceiver, createSender } from './examples/shared/transport/index.ts';
      const up = { kind: 'amqp', url: ${JSON.stringify(rabbit.url)}, exchange: 'close-test', queue: 'close-test' };
      const down = { ...up, url: 'amqp://guest:guest@127.0.0.1:9' };
      const sides = [createSender(up), createSender(down), createReceiver(up), createReceiver(down)];
      await sides[2].start(async () => {});
      await sides[3].start(async () => {});
      await new Promise((resolve) => setTimeout(resolve, 500));
      await Promise.all(sides.map((side) => side.close()));
      console.log('closed');
    `;
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', script],
      {
        cwd: root,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const code = await new Promise<number | string>((resolve) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        resolve('still running after 15 s');
      }, 15_000);
      child.once('exit', (exitCode) => {
        clearTimeout(timer);
        resolve(exitCode ?? -1);
      });
    });
    expect(code, output).toBe(0);
    expect(output).toContain('closed');
  });
});
