// A streamed response whose client goes away, or that is never sent (HEAD), must still close
// the controller's stream: its `finally` runs and what it holds is freed (no leak per request).
import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { describeAdapters } from '../support/adapters.js';
import { expose, makeApp } from '../../src/index.js';
import { quiet } from '../support/logger.js';

function within<T>(promise: Promise<T>, what: string, ms = 3000): Promise<T> {
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      setTimeout(() => reject(new Error(`${what}: nothing within ${ms} ms`)), ms).unref();
    }),
  ]);
}

async function until(test: () => boolean, what: string): Promise<void> {
  await within(
    (async () => {
      while (!test()) await new Promise((r) => setTimeout(r, 5));
    })(),
    what,
  );
}

/** Counts the streams that were closed, by name. */
const closed = new Map<string, number>();
const closedCount = (name: string) => closed.get(name) ?? 0;
const markClosed = (name: string) => closed.set(name, closedCount(name) + 1);

class Root {
  @expose() async *ticker() {
    try {
      for (;;) {
        yield 'tick\n';
        await new Promise((r) => setTimeout(r, 5));
      }
    } finally {
      markClosed('ticker');
    }
  }

  @expose() web() {
    let n = 0;
    return new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.enqueue(new TextEncoder().encode(`chunk ${n++}\n`));
      },
      cancel() {
        markClosed('web');
      },
    });
  }

  @expose() hello() {
    return 'hello';
  }
}

const app = () => makeApp(new Root(), { logger: quiet });

describeAdapters('robustness: streamed responses', ({ client }) => {
  it('a HEAD request closes the generator whose body it does not send', async () => {
    const c = await client(app());
    const before = closedCount('ticker');
    const r = await c.head('/ticker');
    expect(r.status).toBe(200);
    expect(r.text).toBe('');
    await until(() => closedCount('ticker') === before + 1, 'generator closed');
  });

  it('a HEAD request cancels the ReadableStream whose body it does not send', async () => {
    const c = await client(app());
    const before = closedCount('web');
    expect((await c.head('/web')).status).toBe(200);
    await until(() => closedCount('web') === before + 1, 'stream cancelled');
  });
});

describe('robustness: consumers that leave a stream [fetch]', () => {
  it('cancelling right after the first chunk closes the generator', async () => {
    const before = closedCount('ticker');
    const r = await within(app().fetch(new Request('http://localhost/ticker')), 'fetch');
    const reader = r.body!.getReader();
    const first = await within(reader.read(), 'first chunk');
    expect(new TextDecoder().decode(first.value)).toBe('tick\n');
    await within(reader.cancel(), 'cancel');
    await until(() => closedCount('ticker') === before + 1, 'generator closed');
  });

  it('cancelling after several chunks closes the generator', async () => {
    const before = closedCount('ticker');
    const r = await within(app().fetch(new Request('http://localhost/ticker')), 'fetch');
    const reader = r.body!.getReader();
    for (let i = 0; i < 3; i++) await within(reader.read(), `chunk ${i}`);
    await within(reader.cancel(), 'cancel');
    await until(() => closedCount('ticker') === before + 1, 'generator closed');
  });

  it('cancelling right after the first chunk cancels a ReadableStream body at its source', async () => {
    const before = closedCount('web');
    const r = await within(app().fetch(new Request('http://localhost/web')), 'fetch');
    const reader = r.body!.getReader();
    await within(reader.read(), 'first chunk');
    await within(reader.cancel(), 'cancel');
    await until(() => closedCount('web') === before + 1, 'stream cancelled');
  });
});

describe('robustness: clients that leave a stream [node]', () => {
  const servers: http.Server[] = [];
  afterEach(async () => {
    for (const server of servers.splice(0)) {
      server.closeAllConnections();
      await within(new Promise<void>((r) => server.close(() => r())), 'server close');
    }
  });

  async function leaveAfterFirstChunk(path: string): Promise<number> {
    const server = http.createServer(app());
    servers.push(server);
    await within(new Promise<void>((r) => server.listen(0, '127.0.0.1', r)), 'listen');
    const port = (server.address() as AddressInfo).port;
    const socket = net.connect(port, '127.0.0.1');
    socket.on('error', () => {});
    let reply = '';
    socket.on('data', (chunk: Buffer) => (reply += chunk.toString('latin1')));
    socket.write(`GET ${path} HTTP/1.1\r\nHost: x\r\n\r\n`);
    await until(() => /\r\n\r\n[\s\S]*\n/.test(reply), 'first chunk');
    socket.destroy();
    return port;
  }

  it('a client that leaves mid-stream closes the generator and the server keeps serving', async () => {
    const before = closedCount('ticker');
    const port = await leaveAfterFirstChunk('/ticker');
    await until(() => closedCount('ticker') === before + 1, 'generator closed');
    const text = await within(
      new Promise<string>((resolve, reject) => {
        http
          .get({ host: '127.0.0.1', port, path: '/hello', agent: false }, (res) => {
            let body = '';
            res.on('data', (chunk: Buffer) => (body += chunk.toString()));
            res.on('end', () => resolve(body));
          })
          .on('error', reject);
      }),
      'GET /hello',
    );
    expect(text).toBe('hello');
  });

  it('a client that leaves mid-stream cancels a ReadableStream body at its source', async () => {
    const before = closedCount('web');
    await leaveAfterFirstChunk('/web');
    await until(() => closedCount('web') === before + 1, 'stream cancelled');
  });
});
