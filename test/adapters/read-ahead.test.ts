// The Node adapter reads a small body before the lifecycle runs (src/adapters/read-ahead.ts):
// what is read ahead, what is not, what a broken stream gives, and that a read-ahead request
// is handled without a single promise.
import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { PassThrough } from 'node:stream';
import { promiseHooks } from 'node:v8';
import { afterEach, describe, expect, it } from 'vitest';
import { HTTPError } from '../../src/core/errors.js';
import { READ_AHEAD_BYTES, readsAhead } from '../../src/adapters/read-ahead.js';
import { collectNodeBody } from '../../src/adapters/read-body.js';
import { expose, makeApp, PecanHook, request, type State } from '../../src/index.js';

function within<T>(promise: Promise<T>, what: string, ms = 3000): Promise<T> {
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      setTimeout(() => reject(new Error(`${what}: nothing within ${ms} ms`)), ms).unref();
    }),
  ]);
}

class Root {
  @expose('json') echo({ ...kw }: Record<string, unknown>) {
    return { keys: Object.keys(kw), length: request.body.length };
  }
}

/** Records, at routing, whether the body was already there; refuses `/private`. */
class Gate extends PecanHook {
  readAtRoute: boolean[] = [];
  override onRoute(state: State) {
    this.readAtRoute.push(state.request.bodyRead);
    if (state.request.path === '/private') throw new HTTPError(401);
  }
}

const servers: http.Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await within(new Promise<void>((r) => server.close(() => r())), 'close');
  }
});

async function serve(bodyLimit = 1024 * 1024): Promise<{ port: number; gate: Gate }> {
  const gate = new Gate();
  const server = http.createServer(makeApp(new Root(), { hooks: [gate], bodyLimit }));
  servers.push(server);
  await within(new Promise<void>((r) => server.listen(0, '127.0.0.1', r)), 'listen');
  return { port: (server.address() as AddressInfo).port, gate };
}

function post(port: number, path: string, body: string) {
  const answer = new Promise<{ status: number; text: string }>((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        path,
        method: 'POST',
        agent: false,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
  return within(answer, `POST ${path}`);
}

/** A JSON object of exactly `size` bytes. */
function jsonOf(size: number): string {
  const frame = JSON.stringify({ a: 1, pad: '' });
  return JSON.stringify({ a: 1, pad: 'x'.repeat(size - frame.length) });
}

describe('read-ahead of small bodies [node]', () => {
  it('reads a body of up to 16 KiB before routing, and a larger one when stage 8 needs it', async () => {
    const { port, gate } = await serve();
    for (const size of [20, READ_AHEAD_BYTES, READ_AHEAD_BYTES + 1, 100_000]) {
      const answer = await post(port, '/echo', jsonOf(size));
      expect(answer).toEqual({ status: 200, text: `{"keys":["a","pad"],"length":${size}}` });
    }
    expect(gate.readAtRoute).toEqual([true, true, false, false]);
  });

  it('a body over the app bodyLimit is still refused with a 413, unread', async () => {
    const { port, gate } = await serve(100);
    expect((await post(port, '/echo', jsonOf(200))).status).toBe(413);
    expect(gate.readAtRoute).toEqual([false]);
  });

  it('a large upload refused by a hook is answered before its body is sent', async () => {
    const { port } = await serve();
    const socket = net.connect(port, '127.0.0.1');
    socket.on('error', () => {});
    let reply = '';
    socket.on('data', (chunk: Buffer) => (reply += chunk.toString('latin1')));
    socket.write(
      'POST /private HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n' +
        'Content-Length: 500000\r\n\r\n',
    );
    await within(
      (async () => {
        while (!reply.includes('\r\n\r\n')) await new Promise((r) => setTimeout(r, 5));
      })(),
      'the 401',
    );
    expect(reply).toMatch(/^HTTP\/1\.1 401 /);
    socket.destroy();
  });

  it('handles a read-ahead request without creating a promise', async () => {
    const app = makeApp(new Root());
    const body = '{"name":"Ada"}';
    const run = () =>
      new Promise<string>((resolve) => {
        const req = Object.assign(new PassThrough(), {
          url: '/echo',
          method: 'POST',
          headers: { 'content-type': 'application/json', 'content-length': String(body.length) },
          rawHeaders: ['content-type', 'application/json', 'content-length', String(body.length)],
          socket: { remoteAddress: '127.0.0.1' },
          httpVersionMajor: 1,
        });
        req.end(body);
        const res = {
          statusCode: 200,
          headersSent: false,
          writeHead() {},
          on() {},
          end: (text: string) => resolve(text),
        };
        app(req as unknown as http.IncomingMessage, res as unknown as http.ServerResponse);
      });
    await run(); // the first request loads what the app loads lazily
    let promises = 0;
    let text: string;
    const stop = promiseHooks.onInit(() => promises++);
    try {
      text = await run();
    } finally {
      stop();
    }
    expect(text).toBe('{"keys":["name"],"length":14}');
    // `run` makes one and its `await` one more; the request none (read at stage 8: four more).
    expect(promises).toBeLessThanOrEqual(2);
  });
});

describe('readsAhead and collectNodeBody', () => {
  const stream = (length: number) =>
    Object.assign(new PassThrough(), {
      method: 'POST',
      headers: { 'content-length': String(length) },
    }) as unknown as http.IncomingMessage & PassThrough;
  const listeners = (req: PassThrough) =>
    ['data', 'end', 'error', 'close'].map((event) => req.listenerCount(event));

  it('is chosen only for a small Content-Length body on a method that may carry one', () => {
    const req = (method: string, headers: Record<string, string>) =>
      Object.assign(new PassThrough(), { method, headers }) as unknown as http.IncomingMessage;
    expect(readsAhead(req('POST', { 'content-length': '10' }), 1024)).toBe(true);
    expect(readsAhead(req('PUT', { 'content-length': '16384' }), 1024 * 1024)).toBe(true);
    expect(readsAhead(req('POST', { 'content-length': '16385' }), 1024 * 1024)).toBe(false);
    expect(readsAhead(req('POST', { 'content-length': '10' }), 5)).toBe(false);
    expect(readsAhead(req('POST', { 'content-length': '0' }), 1024)).toBe(false);
    expect(readsAhead(req('GET', { 'content-length': '10' }), 1024)).toBe(false);
    expect(readsAhead(req('HEAD', { 'content-length': '10' }), 1024)).toBe(false);
    expect(readsAhead(req('POST', { 'transfer-encoding': 'chunked' }), 1024)).toBe(false);
    expect(
      readsAhead(req('POST', { 'content-length': '10', 'transfer-encoding': 'chunked' }), 1024),
    ).toBe(false);
  });

  it('joins a body that arrives in several chunks, and removes its listeners', async () => {
    const req = stream(9);
    const body = new Promise<Buffer | HTTPError>((resolve) => collectNodeBody(req, 1024, resolve));
    req.write('abc');
    req.write('def');
    req.end('ghi');
    expect(String(await within(body, 'body'))).toBe('abcdefghi');
    expect(listeners(req)).toEqual([0, 0, 0, 0]);
  });

  it('gives a 413 when a stream sends more than the limit, and pauses it', async () => {
    const req = stream(4);
    const body = new Promise<Buffer | HTTPError>((resolve) => collectNodeBody(req, 8, resolve));
    req.write('12345');
    req.write('67890');
    const error = await within(body, 'refusal');
    expect(error).toBeInstanceOf(HTTPError);
    expect((error as HTTPError).status).toBe(413);
    expect(req.isPaused()).toBe(true);
    expect(listeners(req)).toEqual([0, 0, 0, 0]);
  });

  it('gives a 400 when the stream closes before its end', async () => {
    const req = stream(10);
    const body = new Promise<Buffer | HTTPError>((resolve) => collectNodeBody(req, 1024, resolve));
    req.write('abc');
    req.destroy();
    const error = await within(body, 'abort');
    expect((error as HTTPError).status).toBe(400);
    expect(listeners(req)).toEqual([0, 0, 0, 0]);
  });
});
