/**
 * Ports of Python Pecan's pecan/tests/test_no_thread_locals.py (explicit mode,
 * `makeApp(root, { contextLocals: false })`): TestThreadingLocalUsage, TestIndexRouting,
 * TestManualResponse, TestDispatch, TestLookups and TestCanonicalLookups. TestGeneric is in
 * test-no-thread-locals-generic.test.ts, TestControllerArguments in
 * test-no-thread-locals-arguments.test.ts, TestHooks in test-no-thread-locals-hooks.test.ts.
 * TestRestController is in test-no-thread-locals-rest.test.ts.
 */
import { contextLocals } from '../../src/core/context.js';
import { afterEach, expect, it, vi } from 'vitest';
import { describeAdapters } from '../support/adapters.js';
import { quiet, recordingLogger } from '../support/logger.js';
import { expose, makeApp, PecanResponse, request, when } from '../../src/index.js';
import { PecanRequest } from '../../src/core/request.js';
import { State } from '../../src/app/state.js';

/** Pecan's `assert isinstance(req, webob.BaseRequest)` / `isinstance(resp, webob.Response)`. */
function assertExplicit(req: unknown, res: unknown): void {
  if (!(req instanceof PecanRequest)) throw new TypeError('req is not a PecanRequest');
  if (!(res instanceof PecanResponse)) throw new TypeError('res is not a PecanResponse');
}

/**
 * Pecan's `mock.patch('threading.local', side_effect=AssertionError())`: count the requests
 * bound to the context locals.
 */
function watchContextLocals(): () => number {
  const run = vi.spyOn(contextLocals(), 'run');
  return () => run.mock.calls.filter(([store]) => store instanceof State).length;
}

afterEach(() => {
  vi.restoreAllMocks();
});

const UNROUTABLE =
  'This should be unroutable because (req, resp) are not arguments.  It should raise a TypeError.';

class ThreadingRoot {
  @expose() index(req: PecanRequest, res: PecanResponse) {
    assertExplicit(req, res);
    return 'Hello, World!';
  }

  @expose() warning() {
    return UNROUTABLE;
  }

  @expose({ generic: true }) generic() {
    return UNROUTABLE;
  }

  @when('generic', { method: 'PUT' }) generic_put(_id: string) {
    return UNROUTABLE;
  }
}

describeAdapters('test_no_thread_locals.py TestThreadingLocalUsage', ({ client }) => {
  it('test_locals_are_not_used', async () => {
    const bound = watchContextLocals();
    let localsUsable: boolean | null = null;
    class Root extends ThreadingRoot {
      @expose() override index(req: PecanRequest, res: PecanResponse) {
        try {
          void request.method;
          localsUsable = true;
        } catch {
          localsUsable = false;
        }
        return super.index(req, res);
      }
    }
    const c = await client(makeApp(new Root(), { contextLocals: false, logger: quiet }));
    const r = await c.get('/');
    expect(r.status).toBe(200);
    expect(r.text).toBe('Hello, World!');
    expect(bound()).toBe(0);
    expect(localsUsable).toBe(false);

    // Pecan: constructing an app with context locals creates a threading.local (AssertionError
    // under the mock). Here the default app binds them for every request.
    const d = await client(makeApp(new ThreadingRoot(), { logger: quiet }));
    expect((await d.get('/warning')).text).toBe(UNROUTABLE);
    expect(bound()).toBeGreaterThan(0);
  });

  // Pecan raises the TypeError out of the WSGI app; here it is a logged 500 (§7.2).
  async function expectSignatureError(method: 'get' | 'put', path: string, label: string) {
    const logger = recordingLogger();
    const c = await client(makeApp(new ThreadingRoot(), { contextLocals: false, logger }));
    const r = await c[method](path);
    expect(r.status).toBe(500);
    expect(r.text).not.toContain('unroutable');
    const errors = logger.lines.filter((line) => line.level === 'error');
    expect(errors).toHaveLength(1);
    const error = errors[0]!.details[0];
    expect(error).toBeInstanceOf(TypeError);
    expect((error as TypeError).message).toContain(`${label} must take (req, res, ...args)`);
  }

  it('test_threadlocal_argument_warning', async () => {
    await expectSignatureError('get', '/warning/', 'warning');
  });

  it('test_threadlocal_argument_warning_on_generic', async () => {
    await expectSignatureError('get', '/generic/', 'generic');
  });

  it('test_threadlocal_argument_warning_on_generic_delegate', async () => {
    await expectSignatureError('put', '/generic/', 'generic_put');
  });
});

describeAdapters('test_no_thread_locals.py TestIndexRouting', ({ client }) => {
  class RootController {
    @expose() index(req: PecanRequest, res: PecanResponse) {
      assertExplicit(req, res);
      return 'Hello, World!';
    }
  }
  const app = () => client(makeApp(new RootController(), { contextLocals: false, logger: quiet }));

  it('test_empty_root', async () => {
    const r = await (await app()).get('/');
    expect(r.status).toBe(200);
    expect(r.text).toBe('Hello, World!');
  });

  it('test_index', async () => {
    const r = await (await app()).get('/index');
    expect(r.status).toBe(200);
    expect(r.text).toBe('Hello, World!');
  });

  it('test_index_html', async () => {
    const r = await (await app()).get('/index.html');
    expect(r.status).toBe(200);
    expect(r.text).toBe('Hello, World!');
  });
});

describeAdapters('test_no_thread_locals.py TestManualResponse', ({ client }) => {
  it('test_manual_response', async () => {
    class RootController {
      @expose() index(_req: PecanRequest, _res: PecanResponse) {
        const resp = new PecanResponse();
        resp.body = Buffer.from('Hello, World!');
        return resp;
      }
    }
    const c = await client(makeApp(new RootController(), { contextLocals: false }));
    const r = await c.get('/');
    expect(r.text).toBe('Hello, World!');
  });
});

describeAdapters('test_no_thread_locals.py TestDispatch', ({ client }) => {
  class SubSubController {
    @expose() index(req: PecanRequest, res: PecanResponse) {
      assertExplicit(req, res);
      return '/sub/sub/';
    }

    @expose() deeper(req: PecanRequest, res: PecanResponse) {
      assertExplicit(req, res);
      return '/sub/sub/deeper';
    }
  }

  class SubController {
    @expose() index(req: PecanRequest, res: PecanResponse) {
      assertExplicit(req, res);
      return '/sub/';
    }

    @expose() deeper(req: PecanRequest, res: PecanResponse) {
      assertExplicit(req, res);
      return '/sub/deeper';
    }

    sub = new SubSubController();
  }

  class RootController {
    @expose() index(req: PecanRequest, res: PecanResponse) {
      assertExplicit(req, res);
      return '/';
    }

    @expose() deeper(req: PecanRequest, res: PecanResponse) {
      assertExplicit(req, res);
      return '/deeper';
    }

    sub = new SubController();
  }

  const app = () => client(makeApp(new RootController(), { contextLocals: false, logger: quiet }));

  it('test_index', async () => {
    const r = await (await app()).get('/');
    expect(r.status).toBe(200);
    expect(r.text).toBe('/');
  });

  it('test_one_level', async () => {
    const r = await (await app()).get('/deeper');
    expect(r.status).toBe(200);
    expect(r.text).toBe('/deeper');
  });

  it('test_one_level_with_trailing', async () => {
    const r = await (await app()).get('/sub/');
    expect(r.status).toBe(200);
    expect(r.text).toBe('/sub/');
  });

  it('test_two_levels', async () => {
    const r = await (await app()).get('/sub/deeper');
    expect(r.status).toBe(200);
    expect(r.text).toBe('/sub/deeper');
  });

  it('test_two_levels_with_trailing', async () => {
    const r = await (await app()).get('/sub/sub/');
    expect(r.status).toBe(200);
  });

  it('test_three_levels', async () => {
    const r = await (await app()).get('/sub/sub/deeper');
    expect(r.status).toBe(200);
    expect(r.text).toBe('/sub/sub/deeper');
  });
});

class LookupController {
  constructor(private readonly someID: string) {}

  @expose() index(_req: PecanRequest, _res: PecanResponse) {
    return `/${this.someID}`;
  }

  @expose() name(_req: PecanRequest, _res: PecanResponse) {
    return `/${this.someID}/name`;
  }
}

describeAdapters('test_no_thread_locals.py TestLookups', ({ client }) => {
  class RootController {
    @expose() index(_req: PecanRequest, _res: PecanResponse) {
      return '/';
    }

    @expose() _lookup(someID: string, ...remainder: string[]) {
      return [new LookupController(someID), remainder];
    }
  }

  const app = () => client(makeApp(new RootController(), { contextLocals: false, logger: quiet }));

  it('test_index', async () => {
    const r = await (await app()).get('/');
    expect(r.status).toBe(200);
    expect(r.text).toBe('/');
  });

  it('test_lookup', async () => {
    const r = await (await app()).get('/100/');
    expect(r.status).toBe(200);
    expect(r.text).toBe('/100');
  });

  it('test_lookup_with_method', async () => {
    const r = await (await app()).get('/100/name');
    expect(r.status).toBe(200);
    expect(r.text).toBe('/100/name');
  });

  it('test_lookup_with_wrong_argspec', async () => {
    let called = false;
    class Root {
      @expose() _lookup(_someID: string) {
        called = true;
        return 'Bad arg spec';
      }
    }
    const c = await client(makeApp(new Root(), { contextLocals: false, logger: quiet }));
    const r = await c.get('/foo/bar');
    expect(r.status).toBe(404);
    expect(called).toBe(false);
  });
});

describeAdapters('test_no_thread_locals.py TestCanonicalLookups', ({ client }) => {
  class CanonicalLookupController {
    constructor(private readonly someID: string) {}

    @expose() index(_req: PecanRequest, _res: PecanResponse) {
      return this.someID;
    }
  }

  class UserController {
    @expose() _lookup(someID: string, ...remainder: string[]) {
      return [new CanonicalLookupController(someID), remainder];
    }
  }

  class RootController {
    users = new UserController();
  }

  it('test_canonical_lookup', async () => {
    const c = await client(makeApp(new RootController(), { contextLocals: false, logger: quiet }));
    expect((await c.get('/users')).status).toBe(404);
    expect((await c.get('/users/')).status).toBe(404);
    const r = await c.get('/users/100');
    expect(r.status).toBe(302);
    expect(r.location).toBe('http://localhost/users/100/');
    expect((await c.get('/users/100/')).text).toBe('100');
  });
});
