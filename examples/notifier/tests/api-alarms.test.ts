import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeAdapters, type Client } from '../../../test/support/adapters.js';
import type { Notifier } from '../notifier.js';
import { lifecycle, startNotifier } from './notifier-fixture.js';

describeAdapters('/v1/alarms', ({ client: clientFor }) => {
  let notifier: Notifier;
  let client: Client;
  beforeEach(async () => {
    notifier = await startNotifier();
    client = await clientFor(notifier.app);
    // 1: shop failed (critical), 2: blog created (low), 3: blog failed to update (critical)
    const shop = { id: 'd-1', name: 'shop' };
    const blog = { id: 'd-2', name: 'blog' };
    for (const [event, deployment] of [
      ['deployment.create.error', shop],
      ['deployment.create.end', blog],
      ['deployment.update.error', blog],
    ] as const)
      await client.post('/v1/notifications', { json: lifecycle(event, deployment) });
  });
  afterEach(() => notifier.close());

  const ids = async (path: string) =>
    ((await client.get(path)).json as { alarms: { id: number }[] }).alarms.map((a) => a.id);

  it('lists the alarms newest first', async () => {
    expect(await ids('/v1/alarms')).toEqual([3, 2, 1]);
  });

  it('filters by state, severity and deployment', async () => {
    expect(await ids('/v1/alarms?severity=critical')).toEqual([3, 1]);
    expect(await ids('/v1/alarms?deployment=d-2')).toEqual([3, 2]);
    expect(await ids('/v1/alarms?deployment=d-2&severity=low')).toEqual([2]);
    await client.put('/v1/alarms/1', { json: { state: 'acknowledged' } });
    expect(await ids('/v1/alarms?state=acknowledged')).toEqual([1]);
    expect(await ids('/v1/alarms?state=ok')).toEqual([]);
  });

  it('pages with limit and marker, and links the next page', async () => {
    const first = (await client.get('/v1/alarms?severity=critical&limit=1')).json as any;
    expect(first.alarms.map((a: any) => a.id)).toEqual([3]);
    expect(first.next).toBe('/v1/alarms?severity=critical&limit=1&marker=3');
    const second = (await client.get(first.next)).json as any;
    expect(second.alarms.map((a: any) => a.id)).toEqual([1]);
    expect(second.next).toBeNull();
  });

  it('names each bad filter: 400', async () => {
    const response = await client.get('/v1/alarms?state=open&severity=high&limit=0&marker=x');
    expect(response.status).toBe(400);
    const fields = Object.keys((response.json as { errors: Record<string, string> }).errors);
    expect(fields).toEqual(['state', 'severity', 'limit', 'marker']);
    expect((await client.get('/v1/alarms?limit=201')).status).toBe(400);
  });

  it('shows one alarm with its history', async () => {
    const response = await client.get('/v1/alarms/3');
    expect(response.status).toBe(200);
    expect(response.json).toMatchObject({
      id: 3,
      state: 'alarm',
      severity: 'critical',
      definition: { id: 2, name: 'deployment-failed' },
      deployment: { id: 'd-2', name: 'blog' },
      notification: { eventType: 'deployment.update.error' },
    });
    // Its actions' delivery attempts follow, as the dispatcher gets to them.
    expect((response.json as { history: unknown[] }).history[0]).toEqual({
      kind: 'state',
      at: expect.any(String),
      from: null,
      to: 'alarm',
      reason: 'deployment.update.error matched deployment.*.error',
    });
  });

  it('acknowledges an alarm, and acknowledging again changes nothing', async () => {
    const response = await client.put('/v1/alarms/1', { json: { state: 'acknowledged' } });
    expect(response.status).toBe(200);
    expect(response.json).toMatchObject({ id: 1, state: 'acknowledged' });
    const again = await client.put('/v1/alarms/1', { json: { state: 'acknowledged' } });
    expect(again.status).toBe(200);
    const history = (again.json as { history: any[] }).history.filter((e) => e.kind === 'state');
    expect(history.map((e) => [e.from, e.to, e.reason])).toEqual([
      [null, 'alarm', 'deployment.create.error matched deployment.*.error'],
      ['alarm', 'acknowledged', 'acknowledged by an operator'],
    ]);
  });

  it('resolves an alarm with a reason', async () => {
    const response = await client.put('/v1/alarms/1', {
      json: { state: 'ok', reason: 'redeployed by hand' },
    });
    expect(response.json).toMatchObject({ state: 'ok' });
    const history = (response.json as { history: any[] }).history.filter((e) => e.kind === 'state');
    expect(history.at(-1)).toMatchObject({ from: 'alarm', to: 'ok', reason: 'redeployed by hand' });
  });

  it('refuses a transition that makes no sense: 409', async () => {
    await client.put('/v1/alarms/1', { json: { state: 'ok' } });
    const acknowledge = await client.put('/v1/alarms/1', {
      json: { state: 'acknowledged' },
      headers: { accept: 'application/json' },
    });
    expect(acknowledge.status).toBe(409);
    expect(acknowledge.json).toMatchObject({
      code: 409,
      description: 'the alarm is resolved (ok); it cannot become acknowledged',
    });
    await client.put('/v1/alarms/2', { json: { state: 'acknowledged' } });
    const reopen = await client.put('/v1/alarms/2', { json: { state: 'alarm' } });
    expect(reopen.status).toBe(409);
    expect((await client.get('/v1/alarms/2')).json).toMatchObject({ state: 'acknowledged' });
  });

  it('refuses an unknown state or field: 400', async () => {
    const unknown = await client.put('/v1/alarms/1', { json: { state: 'snoozed' } });
    expect(unknown.status).toBe(400);
    expect((unknown.json as any).errors).toEqual({
      state: 'must be one of alarm, acknowledged, ok',
    });
    const extra = await client.put('/v1/alarms/1', {
      json: { state: 'ok', severity: 'low' },
    });
    expect(extra.status).toBe(400);
    expect((extra.json as any).errors).toEqual({
      severity: 'cannot be changed',
    });
    expect((await client.put('/v1/alarms/1', { json: 'ok' })).status).toBe(400);
  });

  it('answers 404 for an unknown alarm', async () => {
    expect((await client.get('/v1/alarms/99')).status).toBe(404);
    expect((await client.get('/v1/alarms/nope')).status).toBe(404);
    const put = await client.put('/v1/alarms/99', { json: { state: 'acknowledged' } });
    expect(put.status).toBe(404);
  });

  it('answers 405 to methods alarms do not have', async () => {
    expect((await client.post('/v1/alarms', { json: {} })).status).toBe(405);
    expect((await client.delete('/v1/alarms/1')).status).toBe(405);
  });

  it('counts what it did in /v1/stats', async () => {
    const stats = (await client.get('/v1/stats')).json;
    expect(stats).toMatchObject({ received: 3, duplicates: 0, alarmsRaised: 3, alarmsCleared: 0 });
  });
});
