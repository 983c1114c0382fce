import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { DeliveryError } from '../actions/action.js';
import { webhookAction } from '../actions/webhook.js';
import { sampleAlarm } from './fixtures.js';

const servers: http.Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

/** A server that answers every request with `status` (after `delayMs`), keeping the bodies. */
async function target(status: number, delayMs = 0) {
  const bodies: { headers: http.IncomingHttpHeaders; body: unknown }[] = [];
  const server = http.createServer((req, res) => {
    let text = '';
    req.on('data', (chunk: Buffer) => (text += chunk.toString()));
    req.on('end', () => {
      bodies.push({ headers: req.headers, body: JSON.parse(text) });
      setTimeout(() => res.writeHead(status).end(), delayMs).unref();
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  return { url, bodies };
}

async function failure(run: Promise<void>): Promise<DeliveryError> {
  const error: unknown = await run.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DeliveryError);
  return error as DeliveryError;
}

describe('webhook action', () => {
  const webhook = webhookAction({ timeoutMs: 500 });

  it('POSTs the alarm as JSON', async () => {
    const { url, bodies } = await target(204);
    await webhook.run({ type: 'webhook', url }, sampleAlarm());
    expect(bodies).toHaveLength(1);
    expect(bodies[0]!.headers['content-type']).toBe('application/json');
    expect(bodies[0]!.body).toEqual({ alarm: sampleAlarm() });
  });

  it('fails, to be retried, on a 5xx', async () => {
    const { url } = await target(503);
    const error = await failure(webhook.run({ type: 'webhook', url }, sampleAlarm()));
    expect(error.message).toBe('HTTP 503 Service Unavailable');
    expect(error.permanent).toBe(false);
  });

  it('fails, to be retried, on a 429', async () => {
    const { url } = await target(429);
    expect((await failure(webhook.run({ type: 'webhook', url }, sampleAlarm()))).permanent).toBe(
      false,
    );
  });

  it('fails for good on a 4xx that retrying cannot change', async () => {
    const { url } = await target(404);
    const error = await failure(webhook.run({ type: 'webhook', url }, sampleAlarm()));
    expect(error.message).toBe('HTTP 404 Not Found');
    expect(error.permanent).toBe(true);
  });

  it('gives up an attempt after its timeout', async () => {
    const { url } = await target(200, 2000);
    const error = await failure(webhook.run({ type: 'webhook', url }, sampleAlarm()));
    expect(error.message).toBe('no answer within 500 ms');
    expect(error.permanent).toBe(false);
  });

  it('fails, to be retried, when nothing listens', async () => {
    const { url } = await target(200);
    for (const server of servers.splice(0)) await new Promise((r) => server.close(r));
    const error = await failure(webhook.run({ type: 'webhook', url }, sampleAlarm()));
    expect(error.message).toMatch(/ECONNREFUSED/);
    expect(error.permanent).toBe(false);
  });
});
