/**
 * Port of Python Pecan's pecan/tests/test_base.py: TestRedirect and TestInternalRedirectContext.
 */
import { expect, it } from 'vitest';
import { describeAdapters, type Client, type TestResponse } from '../support/adapters.js';
import { expose, makeApp, redirect, request } from '../../src/index.js';
import { quiet, recordingLogger } from '../support/logger.js';

/** WebTest's `response.follow()`: GET the Location, relative to the test host. */
async function follow(c: Client, r: TestResponse): Promise<TestResponse> {
  expect(r.location).not.toBeNull();
  const url = new URL(r.location!);
  expect(url.origin).toBe('http://localhost');
  return c.get(url.pathname + url.search);
}

class RedirectRoot {
  @expose() index() {
    redirect('/testing');
  }

  @expose() internal() {
    redirect('/testing', { internal: true });
  }

  @expose() bad_internal() {
    redirect('/testing', { internal: true, code: 301 });
  }

  @expose() permanent() {
    redirect('/testing', { code: 301 });
  }

  @expose() testing() {
    return 'it worked!';
  }
}

describeAdapters('test_base.py TestRedirect', ({ client }) => {
  const app = () => client(makeApp(new RedirectRoot(), { debug: false, logger: quiet }));

  it('test_index', async () => {
    const c = await app();
    let r = await c.get('/');
    expect(r.status).toBe(302);
    r = await follow(c, r);
    expect(r.status).toBe(200);
    expect(r.text).toBe('it worked!');
  });

  it('test_internal', async () => {
    const c = await app();
    const r = await c.get('/internal');
    expect(r.status).toBe(200);
    expect(r.text).toBe('it worked!');
  });

  it('test_internal_with_301', async () => {
    // Pecan raises ValueError out of the app (WebTest re-raises it); served, that is a 500
    // (pecan-reference §7.6 "code together with internal=True → ValueError → 500").
    const logger = recordingLogger();
    const c = await client(makeApp(new RedirectRoot(), { debug: false, logger }));
    const r = await c.get('/bad_internal');
    expect(r.status).toBe(500);
    expect(logger.lines.some((line) => line.level === 'error')).toBe(true);
    const logged = logger.lines.flatMap((line) => line.details).find((d) => d instanceof Error);
    expect(String((logged as Error).message)).toMatch(/internal redirect takes no status code/);
  });

  it('test_permanent_redirect', async () => {
    const c = await app();
    let r = await c.get('/permanent');
    expect(r.status).toBe(301);
    r = await follow(c, r);
    expect(r.status).toBe(200);
    expect(r.text).toBe('it worked!');
  });

  it('test_x_forward_proto', async () => {
    class ChildController {
      @expose() index() {
        redirect('/testing');
      }
    }
    class RootController {
      @expose() index() {
        redirect('/testing');
      }

      @expose() testing() {
        return 'it worked!';
      }

      child = new ChildController();
    }
    // pecan reads X-Forwarded-Proto only from a trusted proxy (issue 13, porting guide).
    const c = await client(
      makeApp(new RootController(), { debug: true, logger: quiet, trustProxy: true }),
    );
    const r = await c.get('/child', { headers: { 'x-forwarded-proto': 'https' } });
    // non-canonical url will redirect, so we won't get a 301
    expect(r.status).toBe(302);
    // should add trailing / and changes location to https
    expect(r.location).toBe('https://localhost/child/');
  });
});

class ContextRoot {
  @expose() redirect_with_context() {
    request.context.foo = 'bar';
    redirect('/testing');
  }

  @expose() internal_with_context() {
    request.context.foo = 'bar';
    redirect('/testing', { internal: true });
  }

  @expose('json') testing() {
    return request.context;
  }
}

describeAdapters('test_base.py TestInternalRedirectContext', ({ client }) => {
  const app = () => client(makeApp(new ContextRoot(), { debug: false, logger: quiet }));

  it('test_internal_with_request_context', async () => {
    const c = await app();
    const r = await c.get('/internal_with_context');
    expect(r.status).toBe(200);
    expect(r.json).toEqual({ foo: 'bar' });
  });

  it('test_context_does_not_bleed', async () => {
    const c = await app();
    const r = await follow(c, await c.get('/redirect_with_context'));
    expect(r.status).toBe(200);
    expect(r.json).toEqual({});
  });
});
