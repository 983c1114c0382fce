/**
 * Port of pecan/tests/test_base.py: TestLookups, TestCanonicalLookups, TestDeprecatedRouteMethod
 * (pecan-reference §1.4, §1.5, §1.7).
 */
import { expect, it } from 'vitest';
import { describeAdapters } from '../support/adapters.js';
import { expose, makeApp } from '../../src/index.js';
import { quiet, recordingLogger } from '../support/logger.js';

describeAdapters('test_base.py TestLookups', ({ client }) => {
  class LookupController {
    constructor(private readonly someID: string) {}

    @expose() index() {
      return `/${this.someID}`;
    }

    @expose() name() {
      return `/${this.someID}/name`;
    }
  }

  class RootController {
    @expose() index() {
      return '/';
    }

    @expose() _lookup(someID: string, ...remainder: string[]) {
      return [new LookupController(someID), remainder];
    }
  }

  const app = () => client(makeApp(new RootController(), { logger: quiet }));

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
    class BadRoot {
      @expose() _lookup(_someID: string) {
        called = true;
        return 'Bad arg spec';
      }
    }
    const c = await client(makeApp(new BadRoot(), { logger: quiet }));
    const r = await c.get('/foo/bar');
    expect(r.status).toBe(404);
    expect(called).toBe(false);
  });

  it('test_lookup_with_wrong_return', async () => {
    class BadRoot {
      @expose() _lookup(_someID: string, ..._remainder: string[]) {
        return 1;
      }
    }
    // Python: the TypeError escapes the app (WebTest re-raises it); here it is a logged 500.
    const logger = recordingLogger();
    const c = await client(makeApp(new BadRoot(), { logger }));
    const r = await c.get('/foo/bar');
    expect(r.status).toBe(500);
    const logged = logger.lines.filter((line) => line.level === 'error');
    expect(logged).toHaveLength(1);
    expect(logged[0]!.details[0]).toBeInstanceOf(TypeError);
  });
});

describeAdapters('test_base.py TestCanonicalLookups', ({ client }) => {
  class LookupController {
    constructor(private readonly someID: string) {}

    @expose() index() {
      return this.someID;
    }
  }

  class UserController {
    @expose() _lookup(someID: string, ...remainder: string[]) {
      return [new LookupController(someID), remainder];
    }
  }

  class RootController {
    users = new UserController();
  }

  it('test_canonical_lookup', async () => {
    const c = await client(makeApp(new RootController(), { logger: quiet }));
    expect((await c.get('/users')).status).toBe(404);
    expect((await c.get('/users/')).status).toBe(404);
    const redirected = await c.get('/users/100');
    expect(redirected.status).toBe(302);
    expect(redirected.location).toBe('http://localhost/users/100/');
    expect((await c.get('/users/100/')).text).toBe('100');
  });
});

describeAdapters('test_base.py TestDeprecatedRouteMethod', ({ client }) => {
  // Python's legacy one-argument `_route(self, args)` (a DeprecationWarning). JS always calls
  // `_route(args, request)`; a `_route` declaring only `args` simply ignores the request.
  class RootController {
    @expose() index(...args: string[]) {
      return args.join(', ');
    }

    @expose() _route(args: string[]) {
      return [this.index, args];
    }
  }

  it('test_required_argument', async () => {
    const c = await client(makeApp(new RootController(), { logger: quiet }));
    const r = await c.get('/foo/bar/');
    expect(r.status).toBe(200);
    expect(r.text).toContain('foo, bar');
  });
});
