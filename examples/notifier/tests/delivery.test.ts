import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { SMTPServer } from 'smtp-server';
import { afterEach, describe, expect, it } from 'vitest';
import { fetchClient, type Client } from '../../../test/support/adapters.js';
import type { Notifier } from '../notifier.js';
import { lifecycle, startNotifier, testSettings } from './notifier-fixture.js';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

/** A webhook receiver that answers each POST with the next status of `statuses` (then 204). */
async function webhookTarget(statuses: number[]) {
  const bodies: any[] = [];
  const server = http.createServer((req, res) => {
    let text = '';
    req.on('data', (chunk: Buffer) => (text += chunk.toString()));
    req.on('end', () => {
      bodies.push(JSON.parse(text));
      res.writeHead(statuses.shift() ?? 204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(
    () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, bodies };
}

/** A local SMTP server (no TLS, no login) that keeps what it receives. */
async function smtpServer(port = 0) {
  const received: { to: string[]; raw: string }[] = [];
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      let raw = '';
      stream.on('data', (chunk: Buffer) => (raw += chunk.toString()));
      stream.on('end', () => {
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  let open = true;
  const close = () =>
    open
      ? ((open = false), new Promise<void>((resolve) => server.close(() => resolve())))
      : Promise.resolve();
  closers.push(close);
  return { port: (server.server.address() as AddressInfo).port, received, close };
}

async function notifierWith(overrides = {}): Promise<{ notifier: Notifier; client: Client }> {
  const notifier = await startNotifier(overrides);
  closers.push(() => notifier.close());
  return { notifier, client: fetchClient(notifier.app) };
}

async function defineWebhook(client: Client, name: string, eventType: string, url: string) {
  const response = await client.post('/v1/alarm-definitions', {
    json: { name, eventType, severity: 'moderate', actions: [{ type: 'webhook', url }] },
  });
  expect(response.status).toBe(201);
}

type Delivery = { action: string; attempt: number; outcome: string; error: string | null };

async function deliveries(client: Client, alarmId: number, action: string): Promise<Delivery[]> {
  const alarm = (await client.get(`/v1/alarms/${alarmId}`)).json as { history: any[] };
  return alarm.history.filter((e) => e.kind === 'delivery' && e.action === action);
}

async function waitFor<T>(what: string, check: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + 8000;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('delivering alarm actions', () => {
  it('retries a webhook that fails twice: three attempts in the history', async () => {
    const target = await webhookTarget([503, 500]);
    const { client } = await notifierWith();
    await defineWebhook(client, 'deleted', 'deployment.delete.end', target.url);
    await client.post('/v1/notifications', {
      json: lifecycle('deployment.delete.end', { id: 'd-9', name: 'shop' }),
    });
    // Alarm 1 is the seeded low alarm (log); alarm 2 is the webhook's.
    const attempts = await waitFor('the third attempt', async () => {
      const list = await deliveries(client, 2, 'webhook');
      return list.length === 3 ? list : undefined;
    });
    expect(attempts.map((a) => [a.attempt, a.outcome, a.error])).toEqual([
      [1, 'failed', 'HTTP 503 Service Unavailable'],
      [2, 'failed', 'HTTP 500 Internal Server Error'],
      [3, 'sent', null],
    ]);
    expect(target.bodies).toHaveLength(3);
    expect(target.bodies[2].alarm).toMatchObject({
      id: 2,
      definition: { name: 'deleted' },
      deployment: { id: 'd-9', name: 'shop' },
    });
    expect((await client.get('/v1/stats')).json).toMatchObject({
      deliveriesSent: 2, // the log action of alarm 1, the webhook of alarm 2
      deliveriesFailed: 2,
      deliveriesGivenUp: 0,
      deliveriesPending: 0,
    });
  });

  it('gives up after the last attempt, and parks the job', async () => {
    const target = await webhookTarget([503, 503, 503, 503]);
    const { client, notifier } = await notifierWith();
    await defineWebhook(client, 'failing', 'deployment.create.start', target.url);
    await client.post('/v1/notifications', { json: lifecycle('deployment.create.start') });
    const attempts = await waitFor('the job to be given up', async () => {
      const list = await deliveries(client, 1, 'webhook');
      return list.some((a) => a.outcome === 'gave-up') ? list : undefined;
    });
    expect(attempts.map((a) => [a.attempt, a.outcome])).toEqual([
      [1, 'failed'],
      [2, 'failed'],
      [3, 'gave-up'],
    ]);
    const job = await notifier.db.selectFrom('outbox').selectAll().executeTakeFirstOrThrow();
    expect(job.dead_at).not.toBeNull();
    expect((await client.get('/v1/stats')).json).toMatchObject({
      deliveriesFailed: 3,
      deliveriesGivenUp: 1,
      deliveriesPending: 0,
    });
  });

  it('gives up at once when the target refuses for good (404)', async () => {
    const target = await webhookTarget([404]);
    const { client } = await notifierWith();
    await defineWebhook(client, 'gone', 'deployment.create.start', target.url);
    await client.post('/v1/notifications', { json: lifecycle('deployment.create.start') });
    const attempts = await waitFor('the refusal', async () => {
      const list = await deliveries(client, 1, 'webhook');
      return list.length > 0 ? list : undefined;
    });
    await new Promise((resolve) => setTimeout(resolve, 150)); // no retry follows
    expect((await deliveries(client, 1, 'webhook')).map((a) => [a.attempt, a.outcome])).toEqual([
      [1, 'gave-up'],
    ]);
    expect(attempts[0]!.error).toBe('HTTP 404 Not Found');
    expect(target.bodies).toHaveLength(1);
  });

  it('keeps delivering other alarms while one target keeps failing', async () => {
    const broken = await webhookTarget(Array(20).fill(503));
    const working = await webhookTarget([]);
    const { client } = await notifierWith({
      delivery: { maxAttempts: 20, backoff: { initialMs: 20, maxMs: 50, factor: 2 }, pollMs: 20 },
    });
    await defineWebhook(client, 'broken', 'deployment.create.start', broken.url);
    await defineWebhook(client, 'working', 'deployment.update.start', working.url);
    await client.post('/v1/notifications', { json: lifecycle('deployment.create.start') });
    await waitFor('a failed attempt', async () =>
      (await deliveries(client, 1, 'webhook')).length > 0 ? true : undefined,
    );
    await client.post('/v1/notifications', { json: lifecycle('deployment.update.start') });
    await waitFor('the other alarm delivered', async () =>
      (await deliveries(client, 2, 'webhook')).some((a) => a.outcome === 'sent') ? true : undefined,
    );
    const brokenAttempts = await deliveries(client, 1, 'webhook');
    expect(brokenAttempts.every((a) => a.outcome === 'failed')).toBe(true);
  });

  it('e-mails the operator about a failed deployment over SMTP', async () => {
    const smtp = await smtpServer();
    const { client } = await notifierWith({ smtp: { ...testSettings().smtp, port: smtp.port } });

    await client.post('/v1/notifications', {
      json: lifecycle('deployment.create.error', { id: 'd-5', name: 'webshop' }),
    });
    const mail = await waitFor('the e-mail', async () => smtp.received[0]);
    expect(mail.to).toEqual(['operator@example.test']);
    const raw = mail.raw.replace(/\r\n[ \t]+/g, ' ');
    expect(raw).toMatch(/^Subject: .*deployment-failed/m);
    expect(raw).toContain('Deployment:   webshop (d-5)');
    expect(raw).toContain('Event:        deployment.create.error');
    const sent = await waitFor('the history entry', async () => {
      const list = await deliveries(client, 1, 'email');
      return list.find((a) => a.outcome === 'sent');
    });
    expect(sent).toMatchObject({ attempt: 1, error: null });
  });

  it('keeps a delivery that failed across a restart, and sends it after', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pecan-notifier-'));
    closers.push(async () => fs.rmSync(dir, { recursive: true, force: true }));
    const database = { dialect: 'sqlite' as const, filename: path.join(dir, 'notifier.sqlite') };
    const delivery = {
      maxAttempts: 10,
      backoff: { initialMs: 20, maxMs: 50, factor: 2 },
      pollMs: 20,
    };
    const smtp = await smtpServer();
    await smtp.close(); // down: the first attempts fail

    const first = await startNotifier({
      database,
      delivery,
      smtp: { ...testSettings().smtp, port: smtp.port },
    });
    const client = fetchClient(first.app);
    await client.post('/v1/notifications', { json: lifecycle('deployment.create.error') });
    await waitFor('a failed attempt', async () =>
      (await deliveries(client, 1, 'email')).length > 0 ? true : undefined,
    );
    await first.close();

    const up = await smtpServer(smtp.port);
    const { client: again } = await notifierWith({
      database,
      delivery,
      smtp: { ...testSettings().smtp, port: up.port },
    });
    await waitFor('the e-mail', async () => up.received[0]);
    const attempts = await waitFor('the history entry', async () => {
      const list = await deliveries(again, 1, 'email');
      return list.at(-1)?.outcome === 'sent' ? list : undefined;
    });
    expect(attempts.slice(0, -1).every((a) => a.outcome === 'failed')).toBe(true);
    expect(attempts.map((a) => a.attempt)).toEqual(attempts.map((_, i) => i + 1));
    expect(up.received).toHaveLength(1);
  });
});
