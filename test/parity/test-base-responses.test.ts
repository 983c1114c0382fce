/**
 * Port of Python Pecan's pecan/tests/test_base.py: TestStreamedResponse, TestManualResponse and
 * TestThreadLocalState.
 */
import { Readable } from 'node:stream';
import { expect, it } from 'vitest';
import { describeAdapters } from '../support/adapters.js';
import { expose, makeApp, PecanResponse, request, response } from '../../src/index.js';
import { quiet } from '../support/logger.js';

/** WebTest's `content_type`: the media type without its parameters. */
function mediaType(contentType: string | null): string | undefined {
  return contentType?.split(';')[0]?.trim();
}

describeAdapters('test_base.py TestStreamedResponse', ({ client }) => {
  it('test_streaming_response', async () => {
    class RootController {
      @expose({ contentType: 'text/plain' }) test(foo: string) {
        if (foo === 'stream') {
          // mimic large file
          const contents = Buffer.from('stream');
          response.contentType = 'application/octet-stream';
          response.headers.set('Content-Length', String(contents.length));
          response.body = Readable.from([contents]);
          return response;
        }
        return 'plain text';
      }
    }
    const c = await client(makeApp(new RootController(), { logger: quiet }));
    let r = await c.get('/test/stream');
    expect(r.contentType).toBe('application/octet-stream');
    expect(r.text).toBe('stream');

    r = await c.get('/test/plain');
    expect(mediaType(r.contentType)).toBe('text/plain');
    expect(r.text).toBe('plain text');
  });
});

describeAdapters('test_base.py TestManualResponse', ({ client }) => {
  it('test_manual_response', async () => {
    class RootController {
      @expose() index() {
        const resp = new PecanResponse();
        resp.body = Buffer.from('Hello, World!');
        return resp;
      }

      // A Fetch Response is the other response object a controller may return (DESIGN §4).
      @expose() fetched() {
        return new Response('Hello, World!');
      }
    }
    const c = await client(makeApp(new RootController(), { logger: quiet }));
    const r = await c.get('/');
    expect(r.text).toBe('Hello, World!');
    const f = await c.get('/fetched');
    expect(f.text).toBe('Hello, World!');
  });
});

describeAdapters('test_base.py TestThreadLocalState', ({ client }) => {
  // Python: the proxies forward dir(); the JS equivalents are `in` and Reflect.ownKeys.
  it('test_thread_local_dir', async () => {
    class RootController {
      @expose() index() {
        expect('method' in request).toBe(true);
        expect('status' in response).toBe(true);
        expect(Reflect.ownKeys(request)).toContain('method');
        expect(Reflect.ownKeys(response)).toContain('status');
        return '/';
      }
    }
    const c = await client(makeApp(new RootController(), { logger: quiet }));
    const r = await c.get('/');
    expect(r.status).toBe(200);
    expect(r.text).toBe('/');
  });

  // Python: after a request the thread-local state is empty. Here the context locals are bound
  // with AsyncLocalStorage: once the request is over they are unbound again (using them throws),
  // and nothing of one request is seen by the next.
  it('test_request_state_cleanup', async () => {
    const seen: unknown[] = [];
    class RootController {
      @expose() index() {
        seen.push(request.context.marker);
        request.context.marker = 'set by an earlier request';
        return '/';
      }
    }
    const c = await client(makeApp(new RootController(), { logger: quiet }));
    const r = await c.get('/');
    expect(r.status).toBe(200);
    expect(r.text).toBe('/');

    expect(() => request.method).toThrow(/not bound to a request/);
    expect(() => response.status).toThrow(/not bound to a request/);

    await c.get('/');
    expect(seen).toEqual([undefined, undefined]);
  });
});
