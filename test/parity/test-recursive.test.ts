/**
 * Port of Python Pecan's pecan/tests/middleware/test_recursive.py: TestRecursiveMiddleware.
 *
 * Pecan tests `RecursiveMiddleware` with WSGI middleware raising `ForwardRequestException`. pecan
 * has no WSGI layer: the same forwards are `redirect(path, { internal: true })` (the lifecycle's
 * forwarding loop) and error documents (the `factory` form that keeps a status). Each test keeps
 * Pecan's `forward()` checks: `/` answers, `/error` answers, `/not_found` is forwarded to
 * `/error`, and `/recurse` (forwarding to itself) is detected as a loop.
 */
import { expect, it } from 'vitest';
import { describeAdapters, type Client } from '../support/adapters.js';
import {
  expose,
  HookController,
  makeApp,
  PecanHook,
  redirect,
  request,
  response,
} from '../../src/index.js';
import type { State } from '../../src/index.js';
import { recordingLogger, type RecordingLogger } from '../support/logger.js';

/** Pecan's `error_docs_app`, with `/not_found` doing what each test's middleware does. */
function errorDocsRoot(notFound: () => void) {
  class ErrorDocsRoot {
    @expose({ contentType: 'text/plain' }) index() {
      return 'requested page returned';
    }

    @expose({ contentType: 'text/plain' }) error() {
      const seen = request.queryString ? ` (query ${request.queryString})` : '';
      return `Page not found${seen}`;
    }

    @expose({ contentType: 'text/plain' }) not_found() {
      notFound();
      response.status = 404;
      return 'Not found';
    }

    @expose() recurse() {
      redirect('/recurse', { internal: true });
    }
  }
  return new ErrorDocsRoot();
}

/** Pecan's `forward(app)` helper. */
async function forward(c: Client, logger: RecordingLogger, notFoundStatus = 200) {
  let r = await c.get('/');
  expect(r.contentType).toBe('text/plain; charset=UTF-8');
  expect(r.status).toBe(200);
  expect(r.text).toContain('requested page returned');
  r = await c.get('/error');
  expect(r.contentType).toBe('text/plain; charset=UTF-8');
  expect(r.status).toBe(200);
  expect(r.text).toContain('Page not found');
  r = await c.get('/not_found');
  expect(r.contentType).toBe('text/plain; charset=UTF-8');
  expect(r.status).toBe(notFoundStatus);
  expect(r.text).toContain('Page not found');
  // Pecan's RecursionLoop escapes the app (an AssertionError in WebTest): served, a 500.
  r = await c.get('/recurse');
  expect(r.status).toBe(500);
  const logged = logger.lines.find((line) => line.level === 'error');
  expect(String((logged?.details[0] as Error | undefined)?.message)).toMatch(
    /^Forwarding loop detected/,
  );
}

describeAdapters('test_recursive.py TestRecursiveMiddleware', ({ client }) => {
  it('test_ForwardRequest_url', async () => {
    const logger = recordingLogger();
    const root = errorDocsRoot(() => redirect('/error', { internal: true }));
    await forward(await client(makeApp(root, { logger })), logger);
  });

  it('test_ForwardRequest_url_with_params', async () => {
    const logger = recordingLogger();
    const root = errorDocsRoot(() => redirect('/error?q=1', { internal: true }));
    const c = await client(makeApp(root, { logger }));
    await forward(c, logger);
    // §7.6: the `?query` of the location becomes the query string, replacing the request's.
    expect((await c.get('/not_found?x=2')).text).toBe('Page not found (query q=1)');
  });

  it('test_ForwardRequest_environ', async () => {
    // Pecan forwards a whole WSGI environ. pecan has no environ: what it carries is the same
    // request — method, headers, body and request.context — at the new path.
    class EnvironRoot {
      @expose() not_found() {
        request.context.from = 'not_found';
        redirect('/error', { internal: true });
      }

      @expose('json') error(name: string) {
        return {
          method: request.method,
          name,
          header: request.headers.get('x-token'),
          from: request.context.from,
        };
      }
    }
    const c = await client(makeApp(new EnvironRoot()));
    const r = await c.post('/not_found', { form: { name: 'ann' }, headers: { 'x-token': 't1' } });
    expect(r.status).toBe(200);
    expect(r.json).toEqual({ method: 'POST', name: 'ann', header: 't1', from: 'not_found' });
  });

  it('test_ForwardRequest_factory', async () => {
    // The factory in Pecan's test keeps the `404 Not Found` status around the forwarded page:
    // that is what an error document does.
    const logger = recordingLogger();
    const root = errorDocsRoot(() => {});
    await forward(await client(makeApp(root, { errors: { 404: '/error' }, logger })), logger, 404);
  });

  it('test_ForwardRequestException', async () => {
    // `ForwardRequestException(path_info=…)` changes the path only: the query string stays.
    const logger = recordingLogger();
    const root = errorDocsRoot(() => redirect('/error', { internal: true }));
    const c = await client(makeApp(root, { logger }));
    await forward(c, logger);
    expect((await c.get('/not_found?x=2')).text).toBe('Page not found (query x=2)');
  });
});

describeAdapters('internal redirects (§7.6, §5.3)', ({ client }) => {
  it('resolves the location below basePath, like PATH_INFO', async () => {
    const root = errorDocsRoot(() => redirect('/error', { internal: true }));
    const c = await client(makeApp(root, { basePath: '/app' }));
    const r = await c.get('/app/not_found');
    expect(r.status).toBe(200);
    expect(r.text).toBe('Page not found');
  });

  it("does not run the first controller's hooks for the forwarded request", async () => {
    const trace: string[] = [];
    class ControllerHook extends PecanHook {
      override after(state: State) {
        trace.push(`controller hook after ${state.request.path}`);
      }
    }
    class Hooked extends HookController {
      static override hooks = [new ControllerHook()];
      @expose() index() {
        redirect('/plain', { internal: true });
      }
    }
    class Root {
      hooked = new Hooked();
      @expose() plain() {
        return 'plain';
      }
    }
    const c = await client(makeApp(new Root()));
    const r = await c.get('/hooked/');
    expect(r.text).toBe('plain');
    expect(trace).toEqual([]);
  });
});
