/**
 * Heat's own notifications (`orchestration.stack.*`), replayed from a real heat-engine's
 * capture (heat-fixture.ts) through POST /v1/notifications (the oslo message, as a relay would
 * post it; the amqp path is examples/tests/services/heat-notifications.test.ts): alarms for
 * stacks of the deployer and of others, nested stacks, repeated failures, and resolution.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeAdapters, type Client } from '../../../test/support/adapters.js';
import { makeNotification, type Notification } from '../../shared/notification.js';
import type { Notifier } from '../notifier.js';
import { heatNotification, innerOf, replayed, type HeatSample } from './heat-fixture.js';
import { lifecycle, startNotifier } from './notifier-fixture.js';

const SHOP = randomUUID();
const OTHER = randomUUID();

describeAdapters("Heat's notifications", ({ client: clientFor }) => {
  let notifier: Notifier;
  let client: Client;
  beforeEach(async () => {
    notifier = await startNotifier();
    client = await clientFor(notifier.app);
  });
  afterEach(() => notifier.close());

  const alarms = async () =>
    ((await client.get('/v1/alarms?limit=100')).json as { alarms: any[] }).alarms.reverse();
  const stats = async () => (await client.get('/v1/stats')).json as Record<string, number>;
  const post = async (notification: Notification) => {
    const response = await client.post('/v1/notifications', { json: notification });
    expect(response.status).toBe(202);
    return response.json as { raised: number[]; cleared: number[] };
  };
  /** An alarm's changes of state (its deliveries left out: they happen in the background). */
  const stateHistory = async (id: number) =>
    ((await client.get(`/v1/alarms/${id}`)).json as { history: any[] }).history.filter(
      (entry) => entry.kind === 'state',
    );
  /** Posts the samples up to and including the one at `last`. */
  const replay = async (samples: HeatSample[], from = 0, last = samples.length - 1) => {
    for (const sample of samples.slice(from, last + 1)) await post(heatNotification(sample));
  };

  it('reads the captured messages as notifications: every one accepted', async () => {
    const samples = replayed();
    await replay(samples);
    expect(await stats()).toMatchObject({ received: samples.length, rejected: 0 });
  });

  it("alarms on a stack made outside the deployer, by the stack's name, once per failure", async () => {
    const samples = replayed();
    // Up to the failed create: the nested stack's failure (twice) and its parent's.
    await replay(samples, 0, 13);
    const failed = innerOf(samples[12]!).payload as Record<string, string>;
    const nested = innerOf(samples[11]!).payload as Record<string, string>;
    expect(await alarms()).toMatchObject([
      {
        state: 'alarm',
        severity: 'critical',
        definition: { name: 'stack-failed' },
        deployment: null,
        stack: { id: nested.stack_identity, name: nested.stack_name },
        notification: {
          eventType: 'orchestration.stack.create.error',
          publisherId: 'orchestration.vm',
        },
      },
      {
        state: 'alarm',
        deployment: null,
        stack: {
          id: failed.stack_identity,
          name: 'capture-fail',
          statusReason: failed.state_reason,
        },
      },
    ]);
    // The nested stack's second failure added to its open alarm.
    const [first] = await alarms();
    const states = await stateHistory(first.id);
    expect(states.map((entry) => [entry.from, entry.to])).toEqual([
      [null, 'alarm'],
      ['alarm', 'alarm'],
    ]);
    expect(states[1].reason).toMatch(/matched orchestration\.stack\.\*\.error again/);
    expect(await stats()).toMatchObject({ received: 14, alarmsRaised: 2 });

    // Each stack's delete.end resolves its own alarm.
    await replay(samples, 14);
    expect((await alarms()).map((alarm) => alarm.state)).toEqual(['ok', 'ok']);
    expect(await stats()).toMatchObject({ alarmsCleared: 2 });
  });

  it("ties a deployer's stack and its nested stacks to the deployment, named as the deployer names it", async () => {
    await post(lifecycle('deployment.create.start', { id: SHOP, name: 'shop' }));
    const samples = replayed({
      'capture-fail': `deployer-${SHOP}`,
      'capture-ok': `deployer-${OTHER}`,
    });
    await replay(samples, 0, 13);
    const [alarm, ...others] = await alarms();
    expect(others).toEqual([]);
    expect(alarm).toMatchObject({
      state: 'alarm',
      definition: { name: 'stack-failed' },
      deployment: {
        id: SHOP,
        name: 'shop',
        statusReason: expect.stringMatching(/^Resource CREATE failed: ValueError: resources\[0\]/),
      },
      stack: { name: expect.stringMatching(new RegExp(`^deployer-${SHOP}-group-`)) },
    });
    // The parent's failure and the nested stack's second one: one alarm, three entries.
    expect(await stateHistory(alarm.id)).toHaveLength(3);

    // The deployer reports the same failure: its own alarm, e-mailed, on the same deployment.
    await post(lifecycle('deployment.create.error', { id: SHOP, name: 'shop' }));
    expect((await alarms()).map((a) => [a.definition.name, a.deployment.id, a.state])).toEqual([
      ['stack-failed', SHOP, 'alarm'],
      ['deployment-failed', SHOP, 'alarm'],
    ]);

    // A nested stack's delete.end (sample 19) says nothing of the deployment: both stay open.
    await replay(samples, 14, 19);
    expect((await alarms()).map((a) => a.state)).toEqual(['alarm', 'alarm']);
    // The deployment's own stack deleted (sample 21): Heat resolves both.
    await replay(samples, 20);
    const after = await alarms();
    expect(after.map((a) => a.state)).toEqual(['ok', 'ok']);
    expect((await stateHistory(after[1].id)).at(-1)).toMatchObject({
      from: 'alarm',
      to: 'ok',
      reason: 'orchestration.stack.delete.end: deployment shop succeeded',
    });
  });

  it('names a deployment it has not heard of by its id', async () => {
    const samples = replayed({ 'capture-fail': `deployer-${OTHER}` });
    await post(heatNotification(samples[12]!));
    expect(await alarms()).toMatchObject([{ deployment: { id: OTHER, name: OTHER } }]);
  });

  it('keeps the newest name the deployer gave', async () => {
    const later = lifecycle('deployment.update.start', { id: SHOP, name: 'shop-2' });
    const earlier = { ...lifecycle('deployment.create.start', { id: SHOP, name: 'shop' }) };
    earlier.timestamp = '2000-01-01 00:00:00.000000';
    await post(later);
    await post(earlier);
    const samples = replayed({ 'capture-fail': `deployer-${SHOP}` });
    await post(heatNotification(samples[12]!));
    expect(await alarms()).toMatchObject([{ deployment: { id: SHOP, name: 'shop-2' } }]);
  });

  it("resolves a stack's alarm only by that stack's own lifecycle", async () => {
    const stack = (name: string, event: string) =>
      makeNotification(
        event,
        { stack_identity: randomUUID(), stack_name: name, state_reason: 'why' },
        {
          publisherId: 'orchestration.host',
          priority: event.endsWith('.error') ? 'ERROR' : 'INFO',
        },
      );
    const failed = stack('web', 'orchestration.stack.update.error');
    await post(failed);
    // Another stack that ends well, an autoscaling event of the same stack: nothing resolved.
    expect((await post(stack('db', 'orchestration.stack.update.end'))).cleared).toEqual([]);
    const scaled = { ...stack('web', 'orchestration.autoscaling.end'), payload: failed.payload };
    expect((await post(scaled)).cleared).toEqual([]);
    // The same stack's next lifecycle that ends well.
    const ended = { ...stack('web', 'orchestration.stack.update.end'), payload: failed.payload };
    expect((await post(ended)).cleared).toEqual([1]);
  });

  it('ignores a repeated message id', async () => {
    const [sample] = replayed().slice(11, 12);
    const notification = heatNotification(sample!);
    await post(notification);
    const again = await client.post('/v1/notifications', { json: notification });
    expect(again.json).toEqual({ messageId: notification.message_id, duplicate: true });
    expect(await alarms()).toHaveLength(1);
  });

  it("shows the stack and Heat's reason on the alarm's page", async () => {
    const samples = replayed();
    await post(heatNotification(samples[12]!));
    const page = await client.get('/alarms/1', { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(page.text).toContain('<dt>Heat stack</dt>');
    expect(page.text).toContain('capture-fail (<code>ae23f9c9-');
    expect(page.text).toContain('Resource CREATE failed: ValueError: resources.group.resources[0]');
    const list = await client.get('/', { headers: { accept: 'text/html' } });
    expect(list.text).toMatch(
      /<small data-field="stack" class="stack">stack capture-fail<\/small>/,
    );
  });
});
