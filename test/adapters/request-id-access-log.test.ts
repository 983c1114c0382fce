/**
 * Request ids and the access log (makeApp's `requestId` and `accessLog` options), through both
 * entry points: the id is `request.id` and comes back in the response; each request is one
 * record with separate fields.
 */
import { Readable } from 'node:stream';
import { expect, it } from 'vitest';
import { abort, expose, makeApp, request, type Logger } from '../../src/index.js';
import { describeAdapters } from '../support/adapters.js';

class RootController {
  @expose() index() {
    return `id ${request.id}`;
  }

  @expose() stream() {
    return Readable.from(['one ', 'two ', 'three']);
  }

  @expose() missing() {
    abort(404);
  }

  @expose() broken() {
    throw new Error('boom');
  }
}

interface Call {
  level: string;
  message: string;
  fields: Record<string, unknown>;
}

/** A Logger that keeps what it is given; `done` resolves at the first record. */
function recordingLogger(): Logger & { calls: Call[]; next(): Promise<Call> } {
  const calls: Call[] = [];
  let waiting: ((call: Call) => void) | undefined;
  const log = (level: string) => (message: string, fields?: unknown) => {
    const call = { level, message, fields: fields as Record<string, unknown> };
    calls.push(call);
    waiting?.(call);
    waiting = undefined;
  };
  return {
    calls,
    error: log('error'),
    warn: log('warn'),
    info: log('info'),
    debug: log('debug'),
    next: () =>
      calls.length > 0
        ? Promise.resolve(calls.shift()!)
        : new Promise<Call>((resolve) => (waiting = (call) => resolve(calls.shift() ?? call))),
  };
}

const quiet: Logger = { error: () => {}, warn: () => {}, info: () => {}, debug: () => {} };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describeAdapters('request ids', ({ client, adapter }) => {
  it('honours an incoming X-Request-Id: on the request and in the response', async () => {
    const c = await client(makeApp(RootController, { requestId: true }));
    const res = await c.get('/', { headers: { 'X-Request-Id': 'abc-123' } });
    expect(res.text).toBe('id abc-123');
    expect(res.headers.get('x-request-id')).toBe('abc-123');
  });

  it('makes one when there is none, and a new one for each request', async () => {
    const c = await client(makeApp(RootController, { requestId: true }));
    const [first, second] = [await c.get('/'), await c.get('/')];
    const id = first.headers.get('x-request-id')!;
    expect(id).toMatch(UUID);
    expect(first.text).toBe(`id ${id}`);
    expect(second.headers.get('x-request-id')).not.toBe(id);
  });

  it('replaces an incoming id that is not a plain token (never reflected as it is)', async () => {
    const c = await client(makeApp(RootController, { requestId: true }));
    for (const bad of ['two words', 'x'.repeat(201), 'tab\there']) {
      const res = await c.get('/', { headers: { 'X-Request-Id': bad } });
      expect(res.headers.get('x-request-id'), bad).toMatch(UUID);
    }
  });

  it('uses the header the option names', async () => {
    const c = await client(makeApp(RootController, { requestId: 'X-Correlation-Id' }));
    const res = await c.get('/', { headers: { 'X-Correlation-Id': 'corr-9' } });
    expect(res.headers.get('x-correlation-id')).toBe('corr-9');
    expect(res.headers.get('x-request-id')).toBeNull();
  });

  it('sends the id with error responses too', async () => {
    const app = makeApp(RootController, { requestId: true, logger: quiet });
    const c = await client(app);
    expect((await c.get('/missing')).headers.get('x-request-id')).toMatch(UUID);
    expect((await c.get('/broken')).headers.get('x-request-id')).toMatch(UUID);
  });

  it('is off by default: no header, and request.id is still there for the app', async () => {
    const c = await client(makeApp(RootController));
    const res = await c.get('/', { headers: { 'X-Request-Id': 'ignored' } });
    expect(res.headers.get('x-request-id')).toBeNull();
    expect(res.text).toMatch(/^id [0-9a-f-]{36}$/);
  });

  it('writes one access record per request, with separate fields', async () => {
    const logger = recordingLogger();
    const c = await client(makeApp(RootController, { requestId: true, accessLog: logger }));
    await c.get('/?page=2', { headers: { 'X-Request-Id': 'req-1' } });
    const call = await logger.next();
    expect(call.level).toBe('info');
    expect(call.fields).toMatchObject({
      method: 'GET',
      path: '/?page=2',
      status: 200,
      bytes: 'id req-1'.length,
      requestId: 'req-1',
    });
    expect(call.fields.durationMs).toBeGreaterThanOrEqual(0);
    expect(call.message).toContain('"GET /?page=2');
    if (adapter === 'node')
      expect(call.fields).toMatchObject({ remoteAddress: '127.0.0.1', httpVersion: '1.1' });
  });

  it('logs a 4xx at warn and a 5xx at error', async () => {
    const logger = recordingLogger();
    const c = await client(makeApp(RootController, { accessLog: logger, logger: quiet }));
    await c.get('/missing');
    expect(await logger.next()).toMatchObject({ level: 'warn', fields: { status: 404 } });
    await c.get('/broken');
    expect(await logger.next()).toMatchObject({ level: 'error', fields: { status: 500 } });
  });

  it('counts the bytes of a streamed body (Node) or leaves them out (fetch)', async () => {
    const logger = recordingLogger();
    const c = await client(makeApp(RootController, { accessLog: logger }));
    expect((await c.get('/stream')).text).toBe('one two three');
    const call = await logger.next();
    if (adapter === 'node') expect(call.fields.bytes).toBe('one two three'.length);
    else expect(call.fields).not.toHaveProperty('bytes');
  });

  it('counts no body bytes for HEAD', async () => {
    const logger = recordingLogger();
    const c = await client(makeApp(RootController, { accessLog: logger }));
    await c.head('/');
    expect((await logger.next()).fields.bytes).toBe(0);
  });
});
