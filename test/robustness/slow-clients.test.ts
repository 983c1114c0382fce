// Slow and broken clients against a real server on 127.0.0.1 (raw `net` sockets, node adapter
// only): one stalled or vanished client must not block, crash or poison the server (§5.12).
import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { expose, makeApp, PecanHook, request, type State } from '../../src/index.js';
import { recordingLogger, type RecordingLogger } from '../support/logger.js';

/** Fails instead of hanging: every wait on the network is bounded. */
function within<T>(promise: Promise<T>, what: string, ms = 3000): Promise<T> {
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      setTimeout(() => reject(new Error(`${what}: nothing within ${ms} ms`)), ms).unref();
    }),
  ]);
}

/** Polls `test` until it holds (bounded). */
async function until(test: () => boolean, what: string): Promise<void> {
  await within(
    (async () => {
      while (!test()) await new Promise((r) => setTimeout(r, 5));
    })(),
    what,
  );
}

class Root {
  @expose() hello() {
    return 'hello';
  }

  @expose('json') echo({ ...kw }: Record<string, unknown>) {
    return { kw, length: request.body.length };
  }
}

/** Records every request's start and final status, so a test knows what the server saw. */
class Recorder extends PecanHook {
  started: string[] = [];
  statuses: number[] = [];
  override onRoute(state: State) {
    this.started.push(`${state.request.method} ${state.request.path}`);
  }
  override after(state: State) {
    this.statuses.push(state.response.status);
  }
}

interface Served {
  port: number;
  recorder: Recorder;
  logger: RecordingLogger;
  /** Every request Node handed the app (`METHOD /path`), as soon as its headers were parsed. */
  received: string[];
}

const servers: http.Server[] = [];
const sockets: net.Socket[] = [];
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);

beforeAll(() => {
  process.on('unhandledRejection', onUnhandled);
  process.on('uncaughtException', onUnhandled);
});
afterAll(() => {
  process.off('unhandledRejection', onUnhandled);
  process.off('uncaughtException', onUnhandled);
});
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.destroy();
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await within(new Promise<void>((r) => server.close(() => r())), 'server close');
  }
  expect(unhandled).toEqual([]);
});

async function serve(bodyLimit = 1024): Promise<Served> {
  const recorder = new Recorder();
  const logger = recordingLogger();
  const server = http.createServer(makeApp(new Root(), { hooks: [recorder], logger, bodyLimit }));
  // A small body is read before routing (src/adapters/read-ahead.ts): the hooks see such a
  // request only once its body is complete, so "the server has it" is told by Node's event.
  const received: string[] = [];
  server.prependListener('request', (req: http.IncomingMessage) => {
    received.push(`${req.method} ${req.url}`);
  });
  servers.push(server);
  await within(new Promise<void>((r) => server.listen(0, '127.0.0.1', r)), 'listen');
  return { port: (server.address() as AddressInfo).port, recorder, logger, received };
}

/** A raw connection; `reply` collects everything the server sends, `closed` settles on close. */
async function open(port: number) {
  const socket = net.connect(port, '127.0.0.1');
  sockets.push(socket);
  socket.on('error', () => {});
  let reply = '';
  socket.on('data', (chunk: Buffer) => (reply += chunk.toString('latin1')));
  const closed = new Promise<void>((r) => socket.once('close', () => r()));
  await within(new Promise<void>((r) => socket.once('connect', () => r())), 'connect');
  return { socket, closed, reply: () => reply };
}

/** An ordinary GET on its own connection. */
function get(port: number, path: string): Promise<{ status: number; text: string }> {
  const answer = new Promise<{ status: number; text: string }>((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path, agent: false }, (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      })
      .on('error', reject);
  });
  return within(answer, `GET ${path}`);
}

const head = (length: number | 'chunked') =>
  `POST /echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n` +
  (length === 'chunked' ? 'Transfer-Encoding: chunked\r\n' : `Content-Length: ${length}\r\n`) +
  '\r\n';

describe('robustness: slow and broken clients [node]', () => {
  it('a client stalled mid-body does not hold up other requests', async () => {
    const { port, recorder, received } = await serve();
    const slow = await open(port);
    const body = '{"a": "stalled"}';
    slow.socket.write(head(body.length) + body.slice(0, 6));
    await until(() => received.includes('POST /echo'), 'slow request received');
    expect(await get(port, '/hello')).toEqual({ status: 200, text: 'hello' });
    expect(slow.reply()).toBe('');
    // A small body is awaited before routing: the stalled request has not been routed.
    expect(recorder.started).toEqual(['GET /hello']);
  });

  it('a stalled body that finally arrives is answered in full', async () => {
    const { port, received } = await serve();
    const slow = await open(port);
    const body = '{"a": "late"}';
    slow.socket.write(head(body.length) + body.slice(0, 4));
    await until(() => received.includes('POST /echo'), 'slow request received');
    expect((await get(port, '/hello')).status).toBe(200);
    slow.socket.write(body.slice(4));
    await until(() => slow.reply().endsWith('}'), 'late reply');
    expect(slow.reply()).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(slow.reply()).toContain('{"kw":{"a":"late"},"length":13}');
  });

  it('a client stalled mid-way through a chunked body does not hold up other requests', async () => {
    const { port, recorder } = await serve();
    const slow = await open(port);
    slow.socket.write(`${head('chunked')}5\r\n{"a":`);
    await until(() => recorder.started.includes('POST /echo'), 'slow request routed');
    expect(await get(port, '/hello')).toEqual({ status: 200, text: 'hello' });
  });

  it('a client that aborts mid-body gets a 400 internally and the server keeps serving', async () => {
    const { port, recorder, logger, received } = await serve();
    const broken = await open(port);
    broken.socket.write(`${head(100)}{"a": `);
    await until(() => received.includes('POST /echo'), 'request received');
    broken.socket.destroy();
    await until(() => recorder.statuses.length === 1, 'aborted request finished');
    expect(recorder.statuses).toEqual([400]);
    expect(await get(port, '/hello')).toEqual({ status: 200, text: 'hello' });
    expect(logger.lines.filter((l) => l.level === 'error')).toEqual([]);
  });

  it('a client that aborts mid-way through a chunked body leaves the server serving', async () => {
    const { port, recorder, logger } = await serve();
    const broken = await open(port);
    broken.socket.write(`${head('chunked')}3\r\n{"a`);
    await until(() => recorder.started.includes('POST /echo'), 'request routed');
    broken.socket.destroy();
    await until(() => recorder.statuses.length === 1, 'aborted request finished');
    expect(recorder.statuses).toEqual([400]);
    expect(await get(port, '/hello')).toEqual({ status: 200, text: 'hello' });
    expect(logger.lines.filter((l) => l.level === 'error')).toEqual([]);
  });

  it('a client that closes right after its headers leaves the server serving', async () => {
    const { port, recorder, received } = await serve();
    const broken = await open(port);
    broken.socket.write(head(50));
    await until(() => received.includes('POST /echo'), 'request received');
    broken.socket.destroy();
    await until(() => recorder.statuses.length === 1, 'aborted request finished');
    expect(await get(port, '/hello')).toEqual({ status: 200, text: 'hello' });
  });

  it('a client that half-closes mid-body is not left waiting forever', async () => {
    const { port, recorder } = await serve();
    const broken = await open(port);
    broken.socket.end(`${head(100)}{"a": `);
    await within(broken.closed, 'server closes the half-closed connection');
    await until(() => recorder.statuses.length === 1, 'cut-off request finished');
    expect(recorder.statuses).toEqual([400]);
    expect(await get(port, '/hello')).toEqual({ status: 200, text: 'hello' });
  });

  it('a declared over-limit body gets a 413 and its connection is closed', async () => {
    const { port } = await serve(1024);
    const big = await open(port);
    big.socket.write(head(10_000_000) + 'x'.repeat(2048));
    await within(big.closed, 'server closes the connection');
    expect(big.reply()).toMatch(/^HTTP\/1\.1 413 /);
    expect(big.reply().toLowerCase()).toContain('connection: close');
  });

  it('a chunked body that outgrows the limit gets a 413 and its connection is closed', async () => {
    const { port } = await serve(1024);
    const big = await open(port);
    big.socket.write(`${head('chunked')}800\r\n${'x'.repeat(0x800)}\r\n`);
    await within(big.closed, 'server closes the connection');
    expect(big.reply()).toMatch(/^HTTP\/1\.1 413 /);
    expect(big.reply().toLowerCase()).toContain('connection: close');
  });

  it('many stalled clients at once do not hold up an ordinary request', async () => {
    const { port, recorder, received } = await serve();
    for (let i = 0; i < 20; i++) (await open(port)).socket.write(`${head(100)}{`);
    await until(() => received.length === 20, 'stalled requests received');
    expect(recorder.started).toEqual([]); // their bodies are still awaited, before routing
    expect(await get(port, '/hello')).toEqual({ status: 200, text: 'hello' });
  });
});

describe('robustness: broken request body streams [fetch]', () => {
  function failingBody(): ReadableStream<Uint8Array> {
    let sent = false;
    return new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent) controller.error(new Error('connection reset'));
        else controller.enqueue(new TextEncoder().encode('{"a": '));
        sent = true;
      },
    });
  }

  it('a body stream that fails mid-way is a 400, and the app keeps serving', async () => {
    const logger = recordingLogger();
    const app = makeApp(new Root(), { logger });
    const init = {
      method: 'POST',
      body: failingBody(),
      duplex: 'half',
      headers: { 'content-type': 'application/json' },
    };
    const r = await within(
      app.fetch(new Request('http://localhost/echo', init as RequestInit)),
      'fetch',
    );
    expect(r.status).toBe(400);
    expect(await r.text()).toContain('Request body aborted');
    expect(logger.lines.filter((l) => l.level === 'error')).toEqual([]);
    expect(await (await app.fetch(new Request('http://localhost/hello'))).text()).toBe('hello');
  });
});
