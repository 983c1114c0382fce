import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { makeNotification } from '../notification.js';
import { PermanentError } from '../outbox.js';
import { createReceiver, createSender } from '../transport/index.js';

const servers: http.Server[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    server.close();
  }
});

/** A receiver that answers each request with the next status of `statuses` (or hangs on 0). */
async function receiver(statuses: number[]) {
  const bodies: unknown[] = [];
  const server = http.createServer((req, res) => {
    let text = '';
    req.on('data', (chunk) => (text += chunk));
    req.on('end', () => {
      bodies.push(JSON.parse(text));
      const status = statuses.shift() ?? 202;
      if (status === 0) return; // never answers
      res.writeHead(status, { 'content-type': 'application/json' }).end('{"detail":"x"}');
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/notifications`;
  return { url, bodies };
}

const notification = makeNotification(
  'deployment.create.end',
  { id: 'd1' },
  { publisherId: 'deployer.test' },
);

describe('the http transport', () => {
  it('POSTs the envelope as JSON and resolves on a 2xx', async () => {
    const { url, bodies } = await receiver([202]);
    await createSender({ kind: 'http', url }).send(notification);
    expect(bodies).toEqual([notification]);
  });

  it('fails retryably on a 5xx, a 429 and a refused connection', async () => {
    const { url } = await receiver([503, 429]);
    const sender = createSender({ kind: 'http', url });
    for (let i = 0; i < 2; i++) {
      const error = await sender.send(notification).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(Error);
      expect(error).not.toBeInstanceOf(PermanentError);
    }
    const closed = createSender({ kind: 'http', url: 'http://127.0.0.1:9/v1/notifications' });
    await expect(closed.send(notification)).rejects.not.toBeInstanceOf(PermanentError);
  });

  it('fails permanently when the receiver refuses the notification (4xx)', async () => {
    const { url } = await receiver([400]);
    await expect(createSender({ kind: 'http', url }).send(notification)).rejects.toBeInstanceOf(
      PermanentError,
    );
  });

  it('gives up on a receiver that does not answer in time', async () => {
    const { url } = await receiver([0]);
    const sender = createSender({ kind: 'http', url, timeoutMs: 100 });
    await expect(sender.send(notification)).rejects.toThrow();
  });

  it('has no receiver to start: the subscriber’s controller receives', async () => {
    const r = createReceiver({ kind: 'http', url: 'http://unused' });
    await expect(r.start(async () => {})).resolves.toBeUndefined();
  });

  it('needs a URL to send to', () => {
    expect(() => createSender({ kind: 'http' })).toThrow(/url/);
  });

  it('refuses an unknown kind by name', () => {
    expect(() => createSender({ kind: 'pigeon' } as never)).toThrow(/pigeon/);
  });
});
