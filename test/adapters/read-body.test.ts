import { describe, it, expect, afterEach } from 'vitest';
import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { HTTPError } from '../../src/core/errors.js';
import { readFetchBody, readNodeBody } from '../../src/adapters/read-body.js';

/** Fails instead of hanging: never wait on the network without a bound. */
function within<T>(promise: Promise<T>, ms = 3000): Promise<T> {
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      setTimeout(() => reject(new Error(`no result within ${ms} ms`)), ms).unref();
    }),
  ]);
}

type Outcome = { body: Buffer } | { error: unknown };

interface Harness {
  port: number;
  /** What readNodeBody gave the first request. */
  outcome: Promise<Outcome & Snapshot>;
}

const LISTENED = ['data', 'end', 'aborted', 'error', 'close'] as const;
const servers: http.Server[] = [];

afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await within(new Promise<void>((resolve) => server.close(() => resolve())));
  }
});

/** A real server on 127.0.0.1 whose handler reads the body and answers like the adapter. */
async function serve(limit: number): Promise<Harness> {
  let report!: (outcome: Outcome & Snapshot) => void;
  const outcome = new Promise<Outcome & Snapshot>((r) => (report = r));
  const server = http.createServer((req, res) => {
    const before = LISTENED.map((event) => req.listenerCount(event));
    readNodeBody(req, limit).then(
      (body) => {
        report({ body, ...listenersLeft(req, before) });
        res.end(`read ${body.length}`);
      },
      (error: unknown) => {
        report({ error, ...listenersLeft(req, before) });
        const status = error instanceof HTTPError ? error.status : 500;
        if (!res.destroyed) res.writeHead(status, { connection: 'close' }).end();
      },
    );
  });
  servers.push(server);
  await within(new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve)));
  return { port: (server.address() as AddressInfo).port, outcome };
}

/** The request's state the moment readNodeBody settled, before the response touches it. */
interface Snapshot {
  leftover: number;
  flowing: boolean | null;
  paused: boolean;
}

function listenersLeft(req: http.IncomingMessage, before: number[]): Snapshot {
  return {
    leftover: LISTENED.reduce((n, e, i) => n + req.listenerCount(e) - before[i]!, 0),
    flowing: req.readableFlowing,
    paused: req.isPaused(),
  };
}

/** Sends raw bytes and resolves with the status line of the reply (or '' if none came). */
function sendRaw(port: number, ...writes: (string | Buffer)[]): Promise<string> {
  return within(
    new Promise<string>((resolve, reject) => {
      const socket = net.connect(port, '127.0.0.1', () => writes.forEach((w) => socket.write(w)));
      let reply = '';
      socket.on('data', (chunk) => (reply += chunk.toString('latin1')));
      socket.on('error', reject);
      socket.on('close', () => resolve(reply.split('\r\n')[0] ?? ''));
    }),
  );
}

function statusOf(outcome: Outcome): number | undefined {
  return 'error' in outcome && outcome.error instanceof HTTPError
    ? outcome.error.status
    : undefined;
}

describe('readNodeBody', () => {
  it('reads a Content-Length body', async () => {
    const { port, outcome } = await serve(1024);
    const reply = await sendRaw(
      port,
      'POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello',
    );
    expect(reply).toBe('HTTP/1.1 200 OK');
    const result = await within(outcome);
    expect('body' in result && result.body.toString()).toBe('hello');
  });

  it('concatenates a chunked body arriving in several pieces', async () => {
    const { port, outcome } = await serve(1024);
    const head =
      'POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n';
    await sendRaw(port, head, '3\r\nabc\r\n', '3\r\ndef\r\n', '0\r\n\r\n');
    const result = await within(outcome);
    expect('body' in result && result.body.toString()).toBe('abcdef');
  });

  it('resolves an empty buffer for a request without a body', async () => {
    const { port, outcome } = await serve(1024);
    await sendRaw(port, 'GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    const result = await within(outcome);
    expect('body' in result && result.body.length).toBe(0);
  });

  it('accepts a body exactly at the limit', async () => {
    const { port, outcome } = await serve(4);
    await sendRaw(
      port,
      'POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nConnection: close\r\n\r\nabcd',
    );
    expect('body' in (await within(outcome))).toBe(true);
  });

  it('rejects a huge Content-Length with a 413 without reading the body', async () => {
    const { port, outcome } = await serve(1024);
    // Only the headers are sent: a reader that waited for the body would time out.
    const reply = await sendRaw(
      port,
      'POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1000000000000\r\n\r\n',
    );
    const result = await within(outcome);
    expect(statusOf(result)).toBe(413);
    expect(result.flowing).toBeNull();
    expect(reply).toBe('HTTP/1.1 413 Payload Too Large');
  });

  it('rejects a streamed body with a 413 as soon as it passes the limit', async () => {
    const { port, outcome } = await serve(8);
    const head = 'POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n';
    // No terminating chunk: the 413 must come from counting, not from the end of the body.
    const reply = await sendRaw(port, head, '6\r\nabcdef\r\n', '6\r\nghijkl\r\n');
    const result = await within(outcome);
    expect(statusOf(result)).toBe(413);
    expect(result.paused).toBe(true);
    expect(reply).toBe('HTTP/1.1 413 Payload Too Large');
  });

  it('rejects with a 400 when the client aborts mid-body', async () => {
    const { port, outcome } = await serve(1024);
    const socket = net.connect(port, '127.0.0.1', () => {
      socket.write('POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\npartial');
      setTimeout(() => socket.destroy(), 50);
    });
    socket.on('error', () => {});
    const result = await within(outcome);
    expect(statusOf(result)).toBe(400);
    expect('error' in result && (result.error as HTTPError).detail).toBe('Request body aborted');
  });

  it('leaves no listeners behind after reading', async () => {
    const { port, outcome } = await serve(1024);
    await sendRaw(
      port,
      'POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok',
    );
    expect((await within(outcome)).leftover).toBe(0);
  });

  it('leaves no listeners behind after a 413', async () => {
    const { port, outcome } = await serve(2);
    await sendRaw(
      port,
      'POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n',
      '5\r\nhello\r\n',
    );
    expect((await within(outcome)).leftover).toBe(0);
  });

  it('leaves no listeners behind after an abort', async () => {
    const { port, outcome } = await serve(1024);
    const socket = net.connect(port, '127.0.0.1', () => {
      socket.write('POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nab');
      setTimeout(() => socket.destroy(), 50);
    });
    socket.on('error', () => {});
    expect((await within(outcome)).leftover).toBe(0);
  });
});

/** A body stream that records what the reader did to it. */
function trackedStream(chunks: string[], options: { fail?: boolean } = {}) {
  const seen = { pulls: 0, cancelled: false };
  let index = 0;
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        seen.pulls++;
        const chunk = chunks[index++];
        if (chunk !== undefined) controller.enqueue(new TextEncoder().encode(chunk));
        else if (options.fail) controller.error(new Error('connection reset'));
        else controller.close();
      },
      cancel() {
        seen.cancelled = true;
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, seen };
}

function post(
  body: ReadableStream<Uint8Array> | string | null,
  headers: Record<string, string> = {},
) {
  const init: RequestInit & { duplex: 'half' } = { method: 'POST', body, headers, duplex: 'half' };
  return new Request('http://localhost/', init);
}

async function fetchRejection(promise: Promise<Buffer>): Promise<HTTPError> {
  const error = await within(promise).then(
    () => new Error('expected a rejection'),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(HTTPError);
  return error as HTTPError;
}

describe('readFetchBody', () => {
  it('reads a string body', async () => {
    expect((await within(readFetchBody(post('hello'), 1024))).toString()).toBe('hello');
  });

  it('concatenates a body arriving in several chunks', async () => {
    const { stream } = trackedStream(['ab', 'cd', 'ef']);
    expect((await within(readFetchBody(post(stream), 1024))).toString()).toBe('abcdef');
  });

  it('resolves an empty buffer for a request without a body', async () => {
    const body = await within(readFetchBody(new Request('http://localhost/'), 1024));
    expect(body.length).toBe(0);
  });

  it('accepts a body exactly at the limit', async () => {
    expect((await within(readFetchBody(post('abcd'), 4))).length).toBe(4);
  });

  it('rejects a huge Content-Length with a 413 without reading the body', async () => {
    const { stream, seen } = trackedStream(['never read']);
    const request = post(stream, { 'content-length': '1000000000000' });
    expect((await fetchRejection(readFetchBody(request, 1024))).status).toBe(413);
    expect(seen.pulls).toBe(0);
    expect(seen.cancelled).toBe(true);
  });

  it('rejects a streamed body with a 413 and cancels the stream once past the limit', async () => {
    const { stream, seen } = trackedStream(['abcdef', 'ghijkl', 'mnopqr', 'stuvwx']);
    expect((await fetchRejection(readFetchBody(post(stream), 8))).status).toBe(413);
    expect(seen.pulls).toBe(2);
    expect(seen.cancelled).toBe(true);
  });

  it('rejects with a 400 when the body stream fails', async () => {
    const { stream } = trackedStream(['partial'], { fail: true });
    const error = await fetchRejection(readFetchBody(post(stream), 1024));
    expect(error.status).toBe(400);
    expect(error.detail).toBe('Request body aborted');
  });

  it('releases the stream lock after reading', async () => {
    const request = post('data');
    await within(readFetchBody(request, 1024));
    expect(request.body?.locked).toBe(false);
  });
});
