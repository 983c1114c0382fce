/**
 * Issue 13: a controller that returns a generator or iterator of objects. A stream must yield
 * strings or bytes; the first item is checked before the headers go out, so a wrong one is a
 * clean, logged 500 (PECAN_ERR_STREAM_CHUNK) on both entry points. A wrong item later is logged
 * and the response cut short, as any stream that fails after its headers.
 */
import { expect, it } from 'vitest';
import { describeAdapters } from '../support/adapters.js';
import { recordingLogger } from '../support/logger.js';
import { expose, makeApp, response } from '../../src/index.js';

const closed: string[] = [];

class Root {
  @expose() objects() {
    return (function* () {
      try {
        yield { id: 1 };
        yield { id: 2 };
      } finally {
        closed.push('objects');
      }
    })();
  }
  @expose() async asyncObjects() {
    return (async function* () {
      await Promise.resolve();
      yield [1, 2];
    })();
  }
  @expose() numbers() {
    return [1, 2, 3].values();
  }
  @expose() created() {
    response.status = 201;
    return (function* () {
      yield null;
    })();
  }
  @expose() readable() {
    return new ReadableStream<unknown>({
      start(controller) {
        controller.enqueue({ id: 1 });
        controller.close();
      },
    });
  }
  @expose() late() {
    return (function* () {
      yield 'first line\n';
      yield { id: 2 };
    })();
  }
  @expose() lines() {
    return (function* () {
      yield 'a\n';
      yield new TextEncoder().encode('b\n');
    })();
  }
}

function chunkErrors(logger: ReturnType<typeof recordingLogger>): unknown[] {
  return logger.lines
    .filter((l) => l.level === 'error')
    .flatMap((l) => l.details)
    .filter((d) => (d as { code?: string } | null)?.code === 'PECAN_ERR_STREAM_CHUNK');
}

describeAdapters('streams that yield what is not a chunk', ({ client }) => {
  for (const path of ['/objects', '/asyncObjects', '/numbers', '/created', '/readable']) {
    it(`answers ${path} with a logged 500`, async () => {
      const logger = recordingLogger();
      const c = await client(makeApp(new Root(), { logger }));
      const r = await c.get(path);
      expect(r.status).toBe(500);
      expect(r.text).toContain('Internal Server Error');
      expect(chunkErrors(logger)).toHaveLength(1);
    });
  }

  it('closes the generator it gave up on', async () => {
    closed.length = 0;
    const c = await client(makeApp(new Root(), { logger: recordingLogger() }));
    await c.get('/objects');
    expect(closed).toEqual(['objects']);
  });

  it('cuts a stream short and logs when a later item is wrong', async () => {
    const logger = recordingLogger();
    const c = await client(makeApp(new Root(), { logger }));
    const outcome = await c.get('/late').then(
      (r) => r.text,
      (error: unknown) => error,
    );
    // Either the client saw the connection fail, or at most the first line arrived.
    if (typeof outcome === 'string') expect(outcome).not.toContain('id');
    else expect(outcome).toBeInstanceOf(Error);
    await expect.poll(() => chunkErrors(logger).length).toBe(1);
  });

  it('still streams strings and bytes', async () => {
    const c = await client(makeApp(new Root()));
    const r = await c.get('/lines');
    expect(r.status).toBe(200);
    expect(r.text).toBe('a\nb\n');
  });
});
