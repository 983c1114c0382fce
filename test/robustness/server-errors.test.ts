// §8.3: an unhandled error is logged and answered with a 500 that reveals nothing — no message,
// no stack — in whichever format the client negotiates (DESIGN §4: text, HTML or JSON).
import { expect, it } from 'vitest';
import { describeAdapters, type TestResponse } from '../support/adapters.js';
import { expose, makeApp, PecanHook, response, type State } from '../../src/index.js';
import { recordingLogger, type RecordingLogger } from '../support/logger.js';

const SECRET = 'secret-db-password-42';

class Root {
  @expose() sync() {
    throw new Error(SECRET);
  }

  @expose('json') async rejected() {
    await Promise.resolve();
    throw new TypeError(SECRET);
  }

  @expose() thrownString() {
    throw SECRET;
  }

  @expose() notABody() {
    return { secret: SECRET };
  }

  @expose('json') circular() {
    const loop: Record<string, unknown> = { secret: SECRET };
    loop.self = loop;
    return loop;
  }

  @expose() _lookup(segment: string) {
    if (segment === 'lookup') throw new RangeError(SECRET);
  }

  @expose() async *stream() {
    yield 'first chunk ';
    await new Promise((r) => setTimeout(r, 5));
    throw new Error(SECRET);
  }

  @expose() hello() {
    return 'hello';
  }

  @expose() download(name: string) {
    // A classic: a user-supplied file name echoed into a header.
    response.headers.set('Content-Disposition', `attachment; filename="${name}"`);
    return 'file';
  }

  @expose() badHeaderName() {
    response.headers.set('Bad Name', 'x');
    return 'never sent';
  }

  @expose() badStatus() {
    response.status = 1000;
    return 'never sent';
  }
}

class FailingHook extends PecanHook {
  constructor(private readonly stage: 'onRoute' | 'before' | 'after') {
    super();
  }
  override onRoute(state: State) {
    if (this.stage === 'onRoute' && state.request.path === '/hello') throw new Error(SECRET);
  }
  override before(state: State) {
    if (this.stage === 'before' && state.request.path === '/hello') throw new Error(SECRET);
  }
  override after(state: State) {
    if (this.stage === 'after' && state.request.path === '/hello') throw new Error(SECRET);
  }
}

// `/rejected` is exposed as JSON: a JSON-only client asking `/sync` gets a 406 first (§3.3).
const FORMATS = [
  { path: '/sync', accept: undefined, type: 'text/plain; charset=UTF-8' },
  { path: '/sync', accept: 'text/html', type: 'text/html; charset=UTF-8' },
  { path: '/rejected', accept: 'application/json', type: 'application/json' },
] as const;

/** The 500 says only that something failed: no message, no stack, no error class. */
function expectOpaque500(r: TestResponse, what: string): void {
  expect(r.status, what).toBe(500);
  expect(r.text, what).toContain('Internal Server Error');
  expect(r.text, what).not.toContain(SECRET);
  expect(r.text, what).not.toMatch(/\bat .+:\d+:\d+|Error:|\.ts\b|node_modules/);
}

function errorsLogged(logger: RecordingLogger) {
  return logger.lines.filter((line) => line.level === 'error');
}

describeAdapters('robustness: unhandled errors', ({ client }) => {
  it('a thrown error is an opaque 500 in text, HTML and JSON', async () => {
    const c = await client(makeApp(new Root(), { logger: recordingLogger() }));
    for (const { path, accept, type } of FORMATS) {
      const r = await c.get(path, { headers: accept ? { accept } : {} });
      expectOpaque500(r, accept ?? 'no Accept');
      expect(r.contentType).toBe(type);
    }
  });

  it('the JSON 500 is exactly code, title and a null description', async () => {
    const c = await client(makeApp(new Root(), { logger: recordingLogger() }));
    const r = await c.get('/rejected', { headers: { accept: 'application/json' } });
    expect(r.json).toEqual({ code: 500, title: 'Internal Server Error', description: null });
  });

  it('the error is logged with the controller, the request and the error itself', async () => {
    const logger = recordingLogger();
    const c = await client(makeApp(new Root(), { logger }));
    await c.get('/sync');
    const [line, ...more] = errorsLogged(logger);
    expect(more).toEqual([]);
    expect(line!.message).toContain('Root.sync');
    expect(line!.message).toContain('GET /sync');
    expect(line!.details[0]).toBeInstanceOf(Error);
    expect((line!.details[0] as Error).message).toBe(SECRET);
  });

  it('a rejected promise from an async controller is an opaque, logged 500', async () => {
    const logger = recordingLogger();
    const c = await client(makeApp(new Root(), { logger }));
    expectOpaque500(await c.get('/rejected'), '/rejected');
    expect(errorsLogged(logger)).toHaveLength(1);
  });

  it('a thrown non-Error value is an opaque, logged 500', async () => {
    const logger = recordingLogger();
    const c = await client(makeApp(new Root(), { logger }));
    expectOpaque500(await c.get('/thrownString'), '/thrownString');
    expect(errorsLogged(logger)[0]!.details).toContain(SECRET);
  });

  it('an object returned without a template is an opaque 500 whose log says to use json', async () => {
    const logger = recordingLogger();
    const c = await client(makeApp(new Root(), { logger }));
    expectOpaque500(await c.get('/notABody'), '/notABody');
    expect(String(errorsLogged(logger)[0]!.details[0])).toContain("@expose('json')");
  });

  it('a value JSON cannot encode is an opaque, logged 500', async () => {
    const logger = recordingLogger();
    const c = await client(makeApp(new Root(), { logger }));
    expectOpaque500(await c.get('/circular'), '/circular');
    expect(errorsLogged(logger)).toHaveLength(1);
  });

  it('an error thrown in _lookup is an opaque, logged 500 (DESIGN §5.7)', async () => {
    const logger = recordingLogger();
    const c = await client(makeApp(new Root(), { logger }));
    expectOpaque500(await c.get('/lookup'), '/lookup');
    expect(errorsLogged(logger)[0]!.details[0]).toBeInstanceOf(RangeError);
  });

  it('an error thrown in any hook stage is an opaque, logged 500', async () => {
    for (const stage of ['onRoute', 'before', 'after'] as const) {
      const logger = recordingLogger();
      const c = await client(makeApp(new Root(), { logger, hooks: [new FailingHook(stage)] }));
      expectOpaque500(await c.get('/hello', { headers: { accept: 'text/html' } }), stage);
      expect(errorsLogged(logger), stage).toHaveLength(1);
    }
  });

  it('the request after an unhandled error is served normally', async () => {
    const c = await client(makeApp(new Root(), { logger: recordingLogger() }));
    expect((await c.get('/sync')).status).toBe(500);
    const r = await c.get('/hello');
    expect(r.status).toBe(200);
    expect(r.text).toBe('hello');
  });

  it('a stream that fails after its first chunk is cut short and logged', async () => {
    const logger = recordingLogger();
    const c = await client(makeApp(new Root(), { logger }));
    // Headers are gone already: the client sees a broken body, never the error's text.
    const failure = await c.get('/stream').then(
      (r) => `completed: ${r.text}`,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(Error);
    const [line, ...more] = errorsLogged(logger);
    expect(more).toEqual([]);
    expect(line!.message).toContain('/stream');
    expect((line!.details[0] as Error).message).toBe(SECRET);
    expect((await c.get('/hello')).text).toBe('hello');
  });

  it('a header value that cannot go on the wire is a logged 500, not a crash', async () => {
    const logger = recordingLogger();
    const c = await client(makeApp(new Root(), { logger }));
    expect((await c.get('/download?name=report.txt')).status).toBe(200);
    const r = await c.get('/download?name=%E2%82%AC.txt');
    expect(r.status).toBe(500);
    expect(r.text).not.toContain('€');
    expect(errorsLogged(logger)).toHaveLength(1);
    expect((await c.get('/hello')).text).toBe('hello');
  });

  it('a header name that cannot go on the wire is a logged 500, not a crash', async () => {
    const logger = recordingLogger();
    const c = await client(makeApp(new Root(), { logger }));
    expect((await c.get('/badHeaderName')).status).toBe(500);
    expect(errorsLogged(logger)).toHaveLength(1);
    expect((await c.get('/hello')).text).toBe('hello');
  });

  it('a status code outside 100-999 is a logged 500, not a crash', async () => {
    const logger = recordingLogger();
    const c = await client(makeApp(new Root(), { logger }));
    expect((await c.get('/badStatus')).status).toBe(500);
    expect(errorsLogged(logger)).toHaveLength(1);
    expect((await c.get('/hello')).text).toBe('hello');
  });
});
