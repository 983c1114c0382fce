import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeAdapters, type Client } from '../../../test/support/adapters.js';
import type { Notifier } from '../notifier.js';
import { lifecycle, startNotifier } from './notifier-fixture.js';

describeAdapters('POST /v1/notifications', ({ client: clientFor }) => {
  let notifier: Notifier;
  let client: Client;
  beforeEach(async () => {
    notifier = await startNotifier();
    client = await clientFor(notifier.app);
  });
  afterEach(() => notifier.close());

  const alarms = async () => ((await client.get('/v1/alarms')).json as { alarms: any[] }).alarms;
  const count = async (table: 'alarms' | 'processed_messages' | 'alarm_history' | 'outbox') =>
    Number(
      (
        await notifier.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('raises an alarm for a matching notification: 202', async () => {
    const notification = lifecycle('deployment.create.error', { id: 'd-7', name: 'shop' });
    const response = await client.post('/v1/notifications', { json: notification });
    expect(response.status).toBe(202);
    expect(response.json).toEqual({
      messageId: notification.message_id,
      duplicate: false,
      raised: [1],
      cleared: [],
    });
    expect(await alarms()).toMatchObject([
      {
        id: 1,
        state: 'alarm',
        severity: 'critical',
        definition: { id: 2, name: 'deployment-failed' },
        deployment: { id: 'd-7', name: 'shop', statusReason: 'Stack failed: quota exceeded' },
        notification: {
          messageId: notification.message_id,
          eventType: 'deployment.create.error',
          timestamp: notification.timestamp,
        },
      },
    ]);
  });

  it('processes the same message id once: the repeat is 200 {duplicate: true}', async () => {
    const notification = lifecycle('deployment.create.error');
    expect((await client.post('/v1/notifications', { json: notification })).status).toBe(202);
    const again = await client.post('/v1/notifications', { json: notification });
    expect(again.status).toBe(200);
    expect(again.json).toEqual({ messageId: notification.message_id, duplicate: true });
    expect(await alarms()).toHaveLength(1);
    expect(await client.get('/v1/stats').then((r) => r.json)).toMatchObject({
      received: 1,
      duplicates: 1,
      alarmsRaised: 1,
    });
  });

  it('counts a body that is not a notification as rejected (400), as amqp counts its dead letters', async () => {
    const refused = await client.post('/v1/notifications', { json: { event_type: 'x' } });
    expect(refused.status).toBe(400);
    expect((refused.json as { errors: Record<string, string> }).errors).toHaveProperty(
      'message_id',
    );
    // Not JSON at all is a 415, not a refused notification: not counted.
    expect(
      (
        await client.post('/v1/notifications', {
          body: 'x',
          headers: { 'content-type': 'text/plain' },
        })
      ).status,
    ).toBe(415);
    expect(await count('processed_messages')).toBe(0);
    expect(await client.get('/v1/stats').then((r) => r.json)).toMatchObject({
      received: 0,
      rejected: 1,
    });
  });

  it('processes concurrent deliveries of one message id once', async () => {
    const notification = lifecycle('deployment.update.error');
    const responses = await Promise.all(
      Array.from({ length: 8 }, () => client.post('/v1/notifications', { json: notification })),
    );
    expect(responses.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 202]);
    expect(await count('alarms')).toBe(1);
    expect(await count('processed_messages')).toBe(1);
  });

  it('reads the message id case-insensitively, as a UUID', async () => {
    const notification = lifecycle('deployment.create.error');
    await client.post('/v1/notifications', { json: notification });
    const shouted = { ...notification, message_id: notification.message_id.toUpperCase() };
    expect((await client.post('/v1/notifications', { json: shouted })).status).toBe(200);
    expect(await count('alarms')).toBe(1);
  });

  it('leaves nothing behind when the transaction fails: no mark, no half alarm', async () => {
    // The outbox is gone: the alarm is inserted, then queueing its actions fails.
    await notifier.db.schema.alterTable('outbox').renameTo('outbox_away').execute();
    const notification = lifecycle('deployment.create.error');
    const failed = await client.post('/v1/notifications', { json: notification });
    expect(failed.status).toBe(500);
    expect(await count('alarms')).toBe(0);
    expect(await count('alarm_history')).toBe(0);
    expect(await count('processed_messages')).toBe(0);

    // The sender retries once the database is whole again: processed, exactly once.
    await notifier.db.schema.alterTable('outbox_away').renameTo('outbox').execute();
    expect((await client.post('/v1/notifications', { json: notification })).status).toBe(202);
    expect(await count('alarms')).toBe(1);
    expect(await count('processed_messages')).toBe(1);
  });

  it('queues every action of the alarm in the same transaction', async () => {
    await client.post('/v1/notifications', { json: lifecycle('deployment.create.error') });
    const history = await client.get('/v1/alarms/1').then((r) => (r.json as any).history);
    expect(history[0]).toMatchObject({ kind: 'state', from: null, to: 'alarm' });
    // log + email: two deliveries attempted (the SMTP port is closed: the e-mail fails).
    await waitUntil(async () => {
      const entries = (await client.get('/v1/alarms/1').then((r) => r.json as any)).history;
      return entries.filter((e: any) => e.kind === 'delivery' && e.attempt === 1).length === 2;
    });
  });

  it('raises one alarm per matching definition, none for others', async () => {
    await client.post('/v1/alarm-definitions', {
      json: { name: 'everything', eventType: 'deployment.*', severity: 'low' },
    });
    const start = await client.post('/v1/notifications', {
      json: lifecycle('deployment.create.start'),
    });
    expect(start.json).toMatchObject({ raised: [1] });
    const error = await client.post('/v1/notifications', {
      json: lifecycle('deployment.create.error'),
    });
    expect(error.json).toMatchObject({ raised: [2, 3] });
    const other = await client.post('/v1/notifications', { json: lifecycle('compute.start') });
    expect(other.status).toBe(202);
    expect(other.json).toMatchObject({ raised: [] });
  });

  it('raises alarms about no deployment when the payload names none', async () => {
    const notification = { ...lifecycle('deployment.create.error'), payload: { other: 1 } };
    expect((await client.post('/v1/notifications', { json: notification })).status).toBe(202);
    expect(await alarms()).toMatchObject([{ id: 1, deployment: null }]);
  });

  it('ignores disabled definitions', async () => {
    const definition = (await client.get('/v1/alarm-definitions/2')).json as object;
    await client.put('/v1/alarm-definitions/2', { json: { ...definition, enabled: false } });
    const response = await client.post('/v1/notifications', {
      json: lifecycle('deployment.create.error'),
    });
    expect(response.json).toMatchObject({ raised: [] });
  });

  it("clears a deployment's open alarms when a later lifecycle of it succeeds", async () => {
    const shop = { id: 'd-1', name: 'shop' };
    const blog = { id: 'd-2', name: 'blog' };
    await client.post('/v1/notifications', { json: lifecycle('deployment.create.error', shop) });
    await client.post('/v1/notifications', { json: lifecycle('deployment.create.error', blog) });
    await client.put('/v1/alarms/1', { json: { state: 'acknowledged' } });
    const success = await client.post('/v1/notifications', {
      json: lifecycle('deployment.update.end', shop),
    });
    expect(success.json).toMatchObject({ raised: [3], cleared: [1] });
    const states = Object.fromEntries((await alarms()).map((a) => [a.id, a.state]));
    // 1: shop's failure, cleared; 2: blog's, untouched; 3: the success's own low alarm.
    expect(states).toEqual({ 1: 'ok', 2: 'alarm', 3: 'alarm' });
    const { history } = (await client.get('/v1/alarms/1')).json as { history: any[] };
    expect(history.filter((entry) => entry.kind === 'state').at(-1)).toMatchObject({
      kind: 'state',
      from: 'acknowledged',
      to: 'ok',
      reason: 'deployment.update.end: deployment shop succeeded',
    });
  });

  it('names each bad field of the envelope: 400, and processes nothing', async () => {
    const response = await client.post('/v1/notifications', {
      json: { message_id: 'nope', event_type: 'deployment create', priority: 'LOUD', payload: [] },
    });
    expect(response.status).toBe(400);
    const fields = Object.keys((response.json as { errors: Record<string, string> }).errors);
    expect(fields).toEqual([
      'message_id',
      'event_type',
      'publisher_id',
      'timestamp',
      'priority',
      'payload',
    ]);
    expect(await count('processed_messages')).toBe(0);
  });

  it('answers 415 to a body that is not JSON', async () => {
    const response = await client.post('/v1/notifications', { form: { message_id: 'x' } });
    expect(response.status).toBe(415);
  });

  it('answers 405 to GET', async () => {
    expect((await client.get('/v1/notifications')).status).toBe(405);
  });
});

async function waitUntil(check: () => Promise<boolean>, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
