import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeAdapters, type Client } from '../../../test/support/adapters.js';
import type { Notifier } from '../notifier.js';
import { lifecycle, startNotifier } from './notifier-fixture.js';

const webhookDefinition = {
  name: 'deployment-deleted',
  eventType: 'deployment.delete.end',
  severity: 'moderate',
  actions: [{ type: 'webhook', url: 'https://hooks.example.com/x' }],
};

describeAdapters('/v1/alarm-definitions', ({ client: clientFor }) => {
  let notifier: Notifier;
  let client: Client;
  beforeEach(async () => {
    notifier = await startNotifier();
    client = await clientFor(notifier.app);
  });
  afterEach(() => notifier.close());

  it('lists the definitions seeded on first start', async () => {
    const response = await client.get('/v1/alarm-definitions');
    expect(response.status).toBe(200);
    const { alarmDefinitions } = response.json as { alarmDefinitions: any[] };
    expect(alarmDefinitions.map((d) => [d.name, d.eventType, d.severity, d.actions])).toEqual([
      ['deployment-finished', 'deployment.*.end', 'low', [{ type: 'log' }]],
      [
        'deployment-failed',
        'deployment.*.error',
        'critical',
        [{ type: 'log' }, { type: 'email', to: ['operator@example.test'] }],
      ],
      ['stack-failed', 'orchestration.stack.*.error', 'critical', [{ type: 'log' }]],
    ]);
  });

  it('creates one: 201 with its Location', async () => {
    const response = await client.post('/v1/alarm-definitions', { json: webhookDefinition });
    expect(response.status).toBe(201);
    const created = response.json as { id: number };
    expect(response.location).toBe(`/v1/alarm-definitions/${created.id}`);
    expect(created).toMatchObject({ ...webhookDefinition, description: '', enabled: true });
    const read = await client.get(`/v1/alarm-definitions/${created.id}`);
    expect(read.json).toEqual(created);
  });

  it('replaces one with PUT', async () => {
    const created = (await client.post('/v1/alarm-definitions', { json: webhookDefinition }))
      .json as { id: number };
    const response = await client.put(`/v1/alarm-definitions/${created.id}`, {
      json: { ...webhookDefinition, severity: 'critical', enabled: false },
    });
    expect(response.status).toBe(200);
    expect(response.json).toMatchObject({ id: created.id, severity: 'critical', enabled: false });
    const read = await client.get(`/v1/alarm-definitions/${created.id}`);
    expect(read.json).toMatchObject({ severity: 'critical', enabled: false });
  });

  it('accepts back what GET returned', async () => {
    const read = (await client.get('/v1/alarm-definitions/1')).json as Record<string, unknown>;
    const response = await client.put('/v1/alarm-definitions/1', {
      json: { ...read, description: 'changed' },
    });
    expect(response.status).toBe(200);
    expect(response.json).toMatchObject({ id: 1, description: 'changed' });
  });

  it('deletes one: 204, then 404', async () => {
    const response = await client.delete('/v1/alarm-definitions/1');
    expect(response.status).toBe(204);
    expect(response.text).toBe('');
    expect((await client.get('/v1/alarm-definitions/1')).status).toBe(404);
    expect((await client.delete('/v1/alarm-definitions/1')).status).toBe(404);
  });

  it("keeps a deleted definition's alarms, with its name", async () => {
    await client.post('/v1/notifications', { json: lifecycle('deployment.create.error') });
    expect((await client.delete('/v1/alarm-definitions/2')).status).toBe(204);
    const alarm = await client.get('/v1/alarms/1');
    expect(alarm.json).toMatchObject({ definition: { id: null, name: 'deployment-failed' } });
  });

  it('refuses a name that is taken: 409, on POST and on PUT', async () => {
    const post = await client.post('/v1/alarm-definitions', {
      json: { ...webhookDefinition, name: 'deployment-failed' },
      headers: { accept: 'application/json' },
    });
    expect(post.status).toBe(409);
    expect(post.json).toMatchObject({
      code: 409,
      description: 'an alarm definition named "deployment-failed" already exists',
    });
    const put = await client.put('/v1/alarm-definitions/1', {
      json: { ...webhookDefinition, name: 'deployment-failed' },
    });
    expect(put.status).toBe(409);
  });

  it('names every invalid field: 400', async () => {
    const response = await client.post('/v1/alarm-definitions', {
      json: { name: '', eventType: 'a b', severity: 'high', actions: [{ type: 'sms' }] },
    });
    expect(response.status).toBe(400);
    const body = response.json as { code: number; errors: Record<string, string> };
    expect(body.code).toBe(400);
    expect(Object.keys(body.errors)).toEqual(['name', 'eventType', 'severity', 'actions[0].type']);
    expect((await client.get('/v1/alarm-definitions')).json).toMatchObject({
      alarmDefinitions: [{ id: 1 }, { id: 2 }, { id: 3 }],
    });
  });

  it('validates a PUT the same way', async () => {
    const response = await client.put('/v1/alarm-definitions/1', { json: { severity: 'low' } });
    expect(response.status).toBe(400);
    const fields = Object.keys((response.json as { errors: Record<string, string> }).errors);
    expect(fields).toEqual(['name', 'eventType']);
  });

  it('answers 400 to a body that is not a JSON object, and to malformed JSON', async () => {
    const list = await client.post('/v1/alarm-definitions', { json: [webhookDefinition] });
    expect(list.status).toBe(400);
    expect((list.json as { errors: unknown }).errors).toEqual({
      body: 'must be a JSON object',
    });
    const broken = await client.post('/v1/alarm-definitions', {
      body: '{"name":',
      headers: { 'content-type': 'application/json' },
    });
    expect(broken.status).toBe(400);
  });

  it('answers 415 to a body that is not JSON', async () => {
    const response = await client.post('/v1/alarm-definitions', { form: { name: 'x' } });
    expect(response.status).toBe(415);
  });

  it('answers 404 for an unknown or malformed id', async () => {
    expect((await client.get('/v1/alarm-definitions/99')).status).toBe(404);
    expect((await client.get('/v1/alarm-definitions/abc')).status).toBe(404);
    expect((await client.get('/v1/alarm-definitions/0')).status).toBe(404);
    const put = await client.put('/v1/alarm-definitions/99', { json: webhookDefinition });
    expect(put.status).toBe(404);
  });

  it('answers 405 to a method the collection does not have', async () => {
    const response = await client.patch('/v1/alarm-definitions/1', { json: {} });
    expect(response.status).toBe(405);
  });
});
