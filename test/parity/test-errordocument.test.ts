/**
 * Port of Python Pecan's pecan/tests/middleware/test_errordocument.py: TestErrorDocumentMiddleware.
 *
 * Pecan tests the middleware around a bare WSGI app (`four_oh_four_app`); here the same app is a
 * controller — `/error/<code>` answers `Error: <code>` (plus the query string), everything else
 * is a 404 the controller sets — and the error map goes through `makeApp({ errors })`.
 */
import { expect, it } from 'vitest';
import { describeAdapters } from '../support/adapters.js';
import { abort, expose, makeApp, request, response } from '../../src/index.js';
import { quiet } from '../support/logger.js';

class FourOhFourRoot {
  @expose() error(code: string) {
    response.contentType = 'text/plain';
    const qs = request.queryString;
    return qs ? `Error: ${code}\nQS: ${qs}` : `Error: ${code}`;
  }

  @expose() _default() {
    response.status = 404;
    response.contentType = 'text/plain';
  }
}

describeAdapters('test_errordocument.py TestErrorDocumentMiddleware', ({ client }) => {
  const app = (errors: Record<number, string> = { 404: '/error/404' }) =>
    client(makeApp(new FourOhFourRoot(), { errors, logger: quiet }));

  it('test_hit_error_page', async () => {
    const c = await app();
    const r = await c.get('/error/404');
    expect(r.status).toBe(200);
    expect(r.text).toBe('Error: 404');
  });

  it('test_middleware_routes_to_404_message', async () => {
    const c = await app();
    const r = await c.get('/');
    expect(r.status).toBe(404);
    expect(r.text).toBe('Error: 404');
  });

  it('test_error_endpoint_with_query_string', async () => {
    const c = await app({ 404: '/error/404?foo=bar' });
    const r = await c.get('/');
    expect(r.status).toBe(404);
    expect(r.text).toBe('Error: 404\nQS: foo=bar');
  });

  it('test_error_with_recursion_loop', async () => {
    const c = await app({ 404: '/' });
    const r = await c.get('/');
    expect(r.status).toBe(404);
    expect(r.text).toBe('Error: 404 Not Found.  (Error page could not be fetched)');
  });

  it('test_original_exception', async () => {
    class RootController {
      @expose() index() {
        if (request.method !== 'POST') abort(405, 'You have to POST, dummy!');
        return 'Hello, World!';
      }

      @expose('json') error(status: string) {
        return { status: Number(status), reason: request.pecan.originalError?.detail };
      }
    }
    const c = await client(
      makeApp(new RootController(), { errors: { 405: '/error/405' }, logger: quiet }),
    );
    expect((await c.post('/')).status).toBe(200);
    const r = await c.get('/');
    expect(r.status).toBe(405);
    expect(r.json).toEqual({ status: 405, reason: 'You have to POST, dummy!' });
  });
});
