/**
 * Port of Python Pecan's pecan/tests/test_base.py: TestDefaultErrorRendering, TestAbort and
 * TestScriptName.
 */
import { expect, it } from 'vitest';
import { describeAdapters } from '../support/adapters.js';
import { abort, expose, HTTPError, makeApp } from '../../src/index.js';
import { quiet } from '../support/logger.js';

/** WebTest's `content_type`: the media type without its parameters. */
function mediaType(contentType: string | null): string | undefined {
  return contentType?.split(';')[0]?.trim();
}

describeAdapters('test_base.py TestDefaultErrorRendering', ({ client }) => {
  class RootController {}

  it('test_plain_error', async () => {
    const c = await client(makeApp(new RootController(), { logger: quiet }));
    const r = await c.get('/');
    expect(r.status).toBe(404);
    expect(mediaType(r.contentType)).toBe('text/plain');
    // WebOb's HTTPNotFound().plain_body({}) (pecan-reference §8.1 "Exact shapes").
    expect(r.text).toBe('404 Not Found\n\nThe resource could not be found.\n\n   ');
  });

  it('test_html_error', async () => {
    const c = await client(makeApp(new RootController(), { logger: quiet }));
    const r = await c.get('/', { headers: { accept: 'text/html' } });
    expect(r.status).toBe(404);
    expect(mediaType(r.contentType)).toBe('text/html');
    // WebOb's HTTPNotFound().html_body({}) (pecan-reference §8.1 "Exact shapes").
    expect(r.text).toBe(
      '<html>\n <head>\n  <title>404 Not Found</title>\n </head>\n <body>\n' +
        '  <h1>404 Not Found</h1>\n  The resource could not be found.<br /><br />\n\n\n\n' +
        ' </body>\n</html>',
    );
  });

  it('test_json_error', async () => {
    const c = await client(makeApp(new RootController(), { logger: quiet }));
    const r = await c.get('/', { headers: { accept: 'application/json' } });
    expect(r.status).toBe(404);
    const body = r.json as Record<string, unknown>;
    expect(body.code).toBe(404);
    expect(body.description).toBeNull();
    expect(body.title).toBe('Not Found');
    expect(r.contentType).toBe('application/json');
  });
});

describeAdapters('test_base.py TestAbort', ({ client }) => {
  it('test_abort', async () => {
    class RootController {
      @expose() index() {
        abort(404);
      }
    }
    const c = await client(makeApp(new RootController(), { logger: quiet }));
    const r = await c.get('/');
    expect(r.status).toBe(404);
  });

  it('test_abort_with_detail', async () => {
    class RootController {
      @expose() index() {
        abort(401, 'Not Authorized');
      }
    }
    const c = await client(makeApp(new RootController(), { logger: quiet }));
    const r = await c.get('/');
    expect(r.status).toBe(401);
  });

  // Python checks that abort() re-raises with the traceback of the exception being handled.
  // JS has no "current exception" to borrow a traceback from; the equivalent guarantee is that
  // the thrown HTTPError carries a stack that points at the code which called abort().
  it('test_abort_keeps_traceback', () => {
    let lastExc: unknown;
    function bottomFrameThatAborts(): never {
      try {
        throw new Error('Bottom Exception');
      } catch {
        abort(404);
      }
    }
    try {
      bottomFrameThatAborts();
    } catch (error) {
      lastExc = error;
    }
    expect(lastExc).toBeInstanceOf(HTTPError);
    expect((lastExc as HTTPError).status).toBe(404);
    expect((lastExc as HTTPError).stack).toContain('bottomFrameThatAborts');
  });
});

describeAdapters('test_base.py TestScriptName', ({ client }) => {
  it('test_handle_script_name', async () => {
    class RootController {
      @expose() index() {
        return 'Root Index';
      }
    }
    // SCRIPT_NAME '/foo' is makeApp's basePath (pecan-reference §1.11).
    const c = await client(makeApp(new RootController(), { basePath: '/foo', logger: quiet }));
    const r = await c.get('/foo/');
    expect(r.status).toBe(200);
    expect(r.text).toBe('Root Index');
  });
});
