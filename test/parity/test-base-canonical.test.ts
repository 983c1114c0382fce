/**
 * Port of Python Pecan's pecan/tests/test_base.py: TestCanonicalRouting and TestNonCanonical.
 */
import { expect, it } from 'vitest';
import { describeAdapters } from '../support/adapters.js';
import { acceptNoncanonical, expose, makeApp, request } from '../../src/index.js';
import type { PecanHandler } from '../../src/index.js';
import { quiet } from '../support/logger.js';

class ArgSubController {
  @expose() index(arg: string) {
    return arg;
  }
}

class AcceptController {
  @acceptNoncanonical
  @expose()
  index() {
    return 'accept';
  }
}

class SubController {
  @expose() index({ ..._kw }: Record<string, unknown>) {
    return 'subindex';
  }
}

class RootController {
  @expose() index() {
    return 'index';
  }

  sub = new SubController();
  arg = new ArgSubController();
  accept = new AcceptController();
}

describeAdapters('test_base.py TestCanonicalRouting', ({ client }) => {
  const app = () => client(makeApp(new RootController(), { logger: quiet }));

  it('test_root', async () => {
    const c = await app();
    const r = await c.get('/');
    expect(r.status).toBe(200);
    expect(r.text).toContain('index');
  });

  it('test_index', async () => {
    const c = await app();
    const r = await c.get('/index');
    expect(r.status).toBe(200);
    expect(r.text).toContain('index');
  });

  it('test_broken_clients', async () => {
    // WebTest sends an empty PATH_INFO. Over HTTP (node:http, fetch) a request path is never
    // empty, so the empty routing path is reached the way a server gives it: a request for the
    // bare mount point of an app mounted under a SCRIPT_NAME (`basePath`). Unmounted, Pecan's
    // Location is http://localhost/; mounted, it keeps the mount point (pecan-reference §1.4).
    const c = await client(makeApp(new RootController(), { basePath: '/app', logger: quiet }));
    const r = await c.get('/app');
    expect(r.status).toBe(302);
    expect(r.location).toBe('http://localhost/app/');
  });

  it('test_sub_controller_with_trailing', async () => {
    const c = await app();
    const r = await c.get('/sub/');
    expect(r.status).toBe(200);
    expect(r.text).toContain('subindex');
  });

  it('test_sub_controller_redirect', async () => {
    const c = await app();
    const r = await c.get('/sub');
    expect(r.status).toBe(302);
    expect(r.location).toBe('http://localhost/sub/');
  });

  it('test_with_query_string', async () => {
    // try with query string
    const c = await app();
    const r = await c.get('/sub?foo=bar');
    expect(r.status).toBe(302);
    expect(r.location).toBe('http://localhost/sub/?foo=bar');
  });

  it('test_posts_fail', async () => {
    const c = await app();
    const r = await c.post('/sub', { form: { foo: '1' } });
    // DESIGN §5.4: Pecan gives 500 (a RuntimeError telling the developer to POST to /sub/)
    expect(r.status).toBe(307);
    expect(r.location).toBe('http://localhost/sub/');
  });

  it('test_with_args', async () => {
    const c = await app();
    const r = await c.get('/arg/index/foo');
    expect(r.status).toBe(200);
    expect(r.text).toBe('foo');
  });

  it('test_accept_noncanonical', async () => {
    const c = await app();
    const r = await c.get('/accept/');
    expect(r.status).toBe(200);
    expect(r.text).toBe('accept');
  });

  it('test_accept_noncanonical_no_trailing_slash', async () => {
    const c = await app();
    const r = await c.get('/accept');
    expect(r.status).toBe(200);
    expect(r.text).toBe('accept');
  });
});

describeAdapters('test_base.py TestNonCanonical', ({ client }) => {
  const app = () => client(makeApp(new RootController(), { forceCanonical: false, logger: quiet }));

  it('test_index', async () => {
    const c = await app();
    const r = await c.get('/');
    expect(r.status).toBe(200);
    expect(r.text).toContain('index');
  });

  it('test_subcontroller', async () => {
    const c = await app();
    const r = await c.get('/sub');
    expect(r.status).toBe(200);
    expect(r.text).toContain('subindex');
  });

  it('test_subcontroller_with_kwargs', async () => {
    const c = await app();
    const r = await c.post('/sub', { form: { foo: '1' } });
    expect(r.status).toBe(200);
    expect(r.text).toContain('subindex');
  });

  it('test_sub_controller_with_trailing', async () => {
    const c = await app();
    const r = await c.get('/sub/');
    expect(r.status).toBe(200);
    expect(r.text).toContain('subindex');
  });

  it('test_proxy', async () => {
    class ProxyRoot {
      @expose() index() {
        const req = request as unknown as Record<string, unknown>;
        req.testing = true;
        expect(req.testing).toBe(true);
        delete req.testing;
        expect('testing' in req).toBe(false);
        return '/';
      }
    }
    const c = await client(makeApp(new ProxyRoot(), { debug: true, logger: quiet }));
    const r = await c.get('/');
    expect(r.status).toBe(200);
  });

  it('test_app_wrap', () => {
    class EmptyRoot {}
    const wrappedApps: PecanHandler[] = [];
    const wrap = (app: PecanHandler) => {
      wrappedApps.push(app);
      return app;
    };
    makeApp(new EmptyRoot(), { wrapApp: wrap, debug: true, logger: quiet });
    expect(wrappedApps).toHaveLength(1);
  });
});
