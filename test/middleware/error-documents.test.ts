/**
 * Error documents beyond Pecan's own tests (pecan-reference §8.4, §8.2, §5.3; DESIGN §5.11).
 */
import { expect, it } from 'vitest';
import { describeAdapters } from '../support/adapters.js';
import {
  abort,
  expose,
  makeApp,
  PecanHook,
  redirect,
  request,
  response,
  type State,
} from '../../src/index.js';
import { quiet, recordingLogger } from '../support/logger.js';

class ErrorController {
  @expose('json') info(status: string) {
    const error = request.pecan.originalError;
    return {
      status,
      method: request.method,
      form: request.params.name ?? null,
      context: request.context.seen ?? null,
      error: error
        ? { status: error.status, title: error.title, detail: error.detail ?? null }
        : null,
    };
  }

  @expose() html() {
    response.headers.set('X-Page', 'error');
    return '<h1>Sorry</h1>';
  }

  @expose() broken() {
    abort(404);
  }

  @expose() fails() {
    abort(500, 'the error page itself failed');
  }

  @expose() page500() {
    return 'page for 500';
  }
}

/** A stream whose closing is observable (a generator not yet started runs no `finally`). */
function stream(closed: { value: boolean }): AsyncIterable<string> {
  return {
    [Symbol.asyncIterator]: () => ({
      next: () => Promise.resolve({ done: false, value: 'never sent' }),
      return: () => {
        closed.value = true;
        return Promise.resolve({ done: true, value: undefined });
      },
    }),
  };
}

class Root {
  error = new ErrorController();
  closed = { value: false };

  @expose() index() {
    return 'home';
  }

  @expose() gone() {
    request.context.seen = 'by the failing request';
    response.headers.set('X-Failing', 'yes');
    abort(404, 'it is gone');
  }

  @expose() teapot() {
    response.setStatus('418 I am a teapot');
    return 'short and stout';
  }

  @expose() returned() {
    return new Response('returned body', { status: 404 });
  }

  @expose() forbidden() {
    abort(403, 'no entry');
  }

  @expose() streamed() {
    response.status = 404;
    return stream(this.closed);
  }

  @expose() hop() {
    redirect('/gone', { internal: true });
  }

  @expose() server() {
    abort(500);
  }
}

const json = { 404: '/error/info/404', '403': '/error/info/403', 418: '/error/info/418' };

describeAdapters('error documents (§8.4)', ({ client }) => {
  const app = (errors: Record<number | string, string> = json, root = new Root()) =>
    client(makeApp(root, { errors, logger: quiet }));

  it('maps an abort() to the page, keeping the status and passing the original error', async () => {
    const c = await app();
    const r = await c.get('/gone');
    expect(r.status).toBe(404);
    expect(r.json).toMatchObject({
      status: '404',
      error: { status: 404, title: 'Not Found', detail: 'it is gone' },
    });
  });

  it('maps a routing 404 (no detail)', async () => {
    const c = await app();
    const r = await c.get('/no/such/page');
    expect(r.status).toBe(404);
    expect(r.json).toMatchObject({ error: { status: 404, detail: null } });
  });

  it('accepts string keys (DESIGN §5.11: Pecan ignores them)', async () => {
    const c = await app();
    const r = await c.get('/forbidden');
    expect(r.status).toBe(403);
    expect(r.json).toMatchObject({ status: '403', error: { detail: 'no entry' } });
  });

  it('maps a status the controller set, keeping its reason phrase, with a synthesized error', async () => {
    const c = await app();
    const r = await c.get('/teapot');
    expect(r.status).toBe(418);
    expect(r.json).toMatchObject({ status: '418', error: { status: 418, detail: null } });
  });

  it('keeps a custom status line (node adapter sends the reason phrase)', async () => {
    const made = makeApp(new Root(), { errors: json, logger: quiet });
    const r = await made.fetch(new Request('http://localhost/teapot'));
    expect(r.status).toBe(418);
    expect(r.statusText).toBe('I am a teapot');
  });

  it('maps a returned Response', async () => {
    const c = await app();
    const r = await c.get('/returned');
    expect(r.status).toBe(404);
    expect(r.json).toMatchObject({ status: '404' });
  });

  it('leaves unmapped statuses alone', async () => {
    const c = await app();
    const r = await c.get('/server');
    expect(r.status).toBe(500);
    expect(r.text).toContain('500 Internal Server Error');
  });

  it("uses the page's headers and body, not the failing response's", async () => {
    const c = await app({ 404: '/error/html' });
    const r = await c.get('/gone');
    expect(r.status).toBe(404);
    expect(r.text).toBe('<h1>Sorry</h1>');
    expect(r.headers.get('x-page')).toBe('error');
    expect(r.headers.get('x-failing')).toBeNull();
    expect(r.contentType).toBe('text/html; charset=UTF-8');
  });

  it('forwards the same request: method, body and request.context', async () => {
    const c = await app();
    const r = await c.post('/gone', { form: { name: 'ann' } });
    expect(r.status).toBe(404);
    expect(r.json).toMatchObject({
      method: 'POST',
      form: 'ann',
      context: 'by the failing request',
    });
  });

  it('clears the query string unless the mapped path has one', async () => {
    class QueryPage {
      @expose() page() {
        return `query=${request.queryString}`;
      }
    }
    const plain = await client(makeApp(new QueryPage(), { errors: { 404: '/page' } }));
    expect((await plain.get('/missing?a=1')).text).toBe('query=');
    const given = await client(makeApp(new QueryPage(), { errors: { 404: '/page?b=2' } }));
    expect((await given.get('/missing?a=1')).text).toBe('query=b=2');
  });

  it('negotiates the page by Accept too: an HTML-only page gives its 406 under the 404', async () => {
    const c = await app({ 404: '/error/html' });
    const r = await c.get('/no/such/page', { headers: { accept: 'application/json' } });
    expect(r.status).toBe(404);
    expect(r.json).toMatchObject({ code: 406, title: 'Not Acceptable' });
  });

  it('answers the loop message when the page fails with its own mapped status', async () => {
    const logger = recordingLogger();
    const c = await client(makeApp(new Root(), { errors: { 404: '/error/broken' }, logger }));
    const r = await c.get('/gone');
    expect(r.status).toBe(404);
    expect(r.contentType).toBe('text/plain');
    expect(r.text).toBe('Error: 404 Not Found.  (Error page could not be fetched)');
    expect(logger.lines.some((line) => line.message.includes('forwarding loop'))).toBe(true);
  });

  it('keeps the first status when the page fails with another mapped status', async () => {
    const c = await app({ 404: '/error/fails', 500: '/error/page500' });
    const r = await c.get('/gone');
    expect(r.status).toBe(404);
    expect(r.text).toBe('page for 500');
  });

  it('finds the error behind an internal redirect', async () => {
    const c = await app();
    const r = await c.get('/hop');
    expect(r.status).toBe(404);
    expect(r.json).toMatchObject({ error: { detail: 'it is gone' } });
  });

  it('closes a streamed body it replaces', async () => {
    const root = new Root();
    const c = await app(json, root);
    const r = await c.get('/streamed');
    expect(r.status).toBe(404);
    expect(r.json).toMatchObject({ status: '404' });
    expect(root.closed.value).toBe(true);
  });

  it('sends no body to HEAD', async () => {
    const c = await app();
    const r = await c.head('/gone');
    expect(r.status).toBe(404);
    expect(r.text).toBe('');
  });

  it('resolves the mapped path below basePath', async () => {
    const c = await client(makeApp(new Root(), { errors: json, basePath: '/api', logger: quiet }));
    const r = await c.get('/api/gone');
    expect(r.status).toBe(404);
    expect(r.json).toMatchObject({ status: '404', error: { detail: 'it is gone' } });
  });

  it('runs the hooks for the failing request and for the page (§5.3)', async () => {
    const trace: string[] = [];
    class Trace extends PecanHook {
      override onRoute(state: State) {
        trace.push(`onRoute ${state.request.path}`);
      }
      override before(state: State) {
        trace.push(`before ${state.request.path}`);
      }
      override after(state: State) {
        trace.push(`after ${state.request.path} ${state.response.status}`);
      }
      override onError(state: State) {
        trace.push(`onError ${state.request.path}`);
      }
    }
    const c = await client(
      makeApp(new Root(), { errors: json, hooks: [new Trace()], logger: quiet }),
    );
    await c.get('/gone');
    expect(trace).toEqual([
      'onRoute /gone',
      'before /gone',
      'onError /gone',
      'after /gone 404',
      'onRoute /error/info/404',
      'before /error/info/404',
      'after /error/info/404 200',
    ]);
  });
});
