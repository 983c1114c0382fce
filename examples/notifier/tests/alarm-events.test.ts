import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { fetchClient } from '../../../test/support/adapters.js';
import type { Notifier } from '../notifier.js';
import { lifecycle, startNotifier } from './notifier-fixture.js';

/** GET /v1/alarms/events through one adapter, as a stream of text. */
type Open = (notifier: Notifier, path: string) => Promise<Response>;

const servers: http.Server[] = [];
const adapters: Record<string, Open> = {
  fetch: (notifier, path) => notifier.app.fetch(new Request(`http://localhost${path}`)),
  async node(notifier, path) {
    const server = http.createServer(notifier.app);
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`);
  },
};

/** The stream's frames, one at a time; each call to next() waits at most 5 s. */
function frames(reader: ReadableStreamDefaultReader<Uint8Array>) {
  const decoder = new TextDecoder();
  let buffer = '';
  return {
    async next(): Promise<string> {
      const deadline = setTimeout(() => void reader.cancel(), 5000);
      try {
        while (!buffer.includes('\n\n')) {
          const { done, value } = await reader.read();
          if (done) throw new Error(`the stream ended; it held:\n${buffer}`);
          buffer += decoder.decode(value, { stream: true });
        }
      } finally {
        clearTimeout(deadline);
      }
      const end = buffer.indexOf('\n\n');
      const frame = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      return frame;
    },
    /** The next `alarm` event, skipping comments and other frames. */
    async nextAlarm(): Promise<{ id: number; alarm: any }> {
      for (;;) {
        const match = /^id: (\d+)\nevent: alarm\ndata: (.*)$/.exec(await this.next());
        if (match) return { id: Number(match[1]), alarm: JSON.parse(match[2]!) };
      }
    },
  };
}

for (const [name, open] of Object.entries(adapters)) {
  describe(`GET /v1/alarms/events [${name}]`, () => {
    let notifier: Notifier;
    afterEach(async () => {
      await notifier.close();
      for (const server of servers.splice(0)) {
        server.closeAllConnections();
        await new Promise((resolve) => server.close(resolve));
      }
    });

    it('streams each alarm that changes as an `alarm` event', async () => {
      notifier = await startNotifier();
      const client = fetchClient(notifier.app);
      const response = await open(notifier, '/v1/alarms/events');
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
      expect(response.headers.get('cache-control')).toBe('no-cache');
      const reader = response.body!.getReader();
      const stream = frames(reader);
      expect(await stream.next()).toBe('retry: 3000');
      await new Promise((resolve) => setTimeout(resolve, 100)); // the feed learns where "now" is

      await client.post('/v1/notifications', {
        json: lifecycle('deployment.create.error', { id: 'd-3', name: 'shop' }),
      });
      const raised = await stream.nextAlarm();
      expect(raised.alarm).toMatchObject({
        id: 1,
        state: 'alarm',
        severity: 'critical',
        deployment: { id: 'd-3', name: 'shop' },
      });
      expect(raised.alarm.history).toBeUndefined();
      await reader.cancel();
    });

    it('replays what the page missed, from ?since=<history id>', async () => {
      notifier = await startNotifier();
      const client = fetchClient(notifier.app);
      await client.post('/v1/notifications', { json: lifecycle('deployment.create.error') });
      await client.put('/v1/alarms/1', { json: { state: 'acknowledged' } });
      // History row 1 is the raise: the page rendered after it, before the acknowledgement.
      const response = await open(notifier, '/v1/alarms/events?since=1');
      const reader = response.body!.getReader();
      const stream = frames(reader);
      // Rows after 1: the acknowledgement, and delivery attempts in any order around it.
      const replayed = await stream.nextAlarm();
      expect(replayed.id).toBe(2);
      expect(replayed.alarm).toMatchObject({ id: 1, state: 'acknowledged' });
      await reader.cancel();
    });
  });
}
