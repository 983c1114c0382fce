/**
 * Port of pecan/tests/test_base.py: TestExplicitRoute (pecan-reference §1.9).
 * Python's ValueError (invalid segment, forbidden `route=`) is a plain Error here and its
 * TypeError a TypeError; a RuntimeError raised while routing (a conflict found when the class is
 * first traversed) escapes the WSGI app in Python and is a logged 500 here.
 */
import { expect, it } from 'vitest';
import { describeAdapters } from '../support/adapters.js';
import { expose, makeApp, request, route, when, type WhenOptions } from '../../src/index.js';
import { quiet, recordingLogger } from '../support/logger.js';

/** `route` called with arguments its overloads do not allow, as a JavaScript caller could. */
const untypedRoute = route as (...args: unknown[]) => unknown;

function expectValueError(fn: () => unknown, message: RegExp): void {
  let caught: unknown;
  try {
    fn();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(Error);
  expect(caught).not.toBeInstanceOf(TypeError);
  expect((caught as Error).message).toMatch(message);
}

describeAdapters('test_base.py TestExplicitRoute', ({ client }) => {
  it('test_alternate_route', async () => {
    class RootController {
      @expose({ route: 'some-path' }) some_path() {
        return 'Hello, World!';
      }
    }
    const c = await client(makeApp(new RootController(), { logger: quiet }));
    let r = await c.get('/some-path/');
    expect(r.status).toBe(200);
    expect(r.text).toBe('Hello, World!');
    r = await c.get('/some_path/');
    expect(r.status).toBe(404);
  });

  it('test_manual_route', async () => {
    class SubController {
      @expose({ route: 'some-path' }) some_path() {
        return 'Hello, World!';
      }
    }
    class RootController {}
    route(RootController, 'some-controller', new SubController());
    const c = await client(makeApp(new RootController(), { logger: quiet }));
    let r = await c.get('/some-controller/some-path/');
    expect(r.status).toBe(200);
    expect(r.text).toBe('Hello, World!');
    r = await c.get('/some-controller/some_path/');
    expect(r.status).toBe(404);
  });

  it('test_manual_route_conflict', () => {
    class SubController {}
    class RootController {
      @expose() hello() {
        return 'Hello, World!';
      }
    }
    expect(() => route(RootController, 'hello', new SubController())).toThrow(
      /already has an attribute named "hello"/,
    );
  });

  it('test_custom_route_on_index', async () => {
    class RootController {
      @expose({ route: 'some-path' }) index() {
        return 'Hello, World!';
      }
    }
    const c = await client(makeApp(new RootController(), { logger: quiet }));
    let r = await c.get('/some-path/');
    expect(r.status).toBe(200);
    expect(r.text).toBe('Hello, World!');
    r = await c.get('/');
    expect(r.status).toBe(200);
    expect(r.text).toBe('Hello, World!');
    r = await c.get('/index/');
    expect(r.status).toBe(404);
  });

  it('test_custom_route_with_attribute_conflict', async () => {
    class RootController {
      @expose({ route: 'mock' }) greet() {
        return 'Hello, World!';
      }

      @expose() mock() {
        return 'You are not worthy!';
      }
    }
    const logger = recordingLogger();
    const c = await client(makeApp(new RootController(), { logger }));
    // Python raises RuntimeError out of the app, and again on every request (§1.9).
    expect((await c.get('/mock/')).status).toBe(500);
    expect((await c.get('/mock/')).status).toBe(500);
    const errors = logger.lines.filter((line) => line.level === 'error');
    expect(errors).toHaveLength(2);
    expect(String(errors[0]!.details[0])).toMatch(/already has an attribute named "mock"/);
  });

  it('test_conflicting_custom_routes', async () => {
    class RootController {
      @expose({ route: 'testing' }) foo() {
        return 'Foo!';
      }

      @expose({ route: 'testing' }) bar() {
        return 'Bar!';
      }
    }
    const logger = recordingLogger();
    const c = await client(makeApp(new RootController(), { logger }));
    expect((await c.get('/testing/')).status).toBe(500);
    const errors = logger.lines.filter((line) => line.level === 'error');
    expect(errors).toHaveLength(1);
    expect(String(errors[0]!.details[0])).toMatch(/conflicting custom path segment "testing"/);
  });

  it('test_conflicting_custom_routes_in_subclass', async () => {
    class BaseController {
      @expose({ route: 'testing' }) foo() {
        return request.path;
      }
    }
    class ChildController extends BaseController {}
    class RootController extends BaseController {
      child = new ChildController();
    }
    const c = await client(makeApp(new RootController(), { logger: quiet }));
    expect((await c.get('/testing/')).text).toBe('/testing/');
    expect((await c.get('/child/testing/')).text).toBe('/child/testing/');
  });

  it('test_custom_route_prohibited_on_lookup', () => {
    expectValueError(
      () =>
        class RootController {
          @expose({ route: 'some-path' }) _lookup() {
            return 'Hello, World!';
          }
        },
      /_lookup cannot have a custom route/,
    );
  });

  it('test_custom_route_prohibited_on_default', () => {
    expectValueError(
      () =>
        class RootController {
          @expose({ route: 'some-path' }) _default() {
            return 'Hello, World!';
          }
        },
      /_default cannot have a custom route/,
    );
  });

  it('test_custom_route_prohibited_on_route', () => {
    expectValueError(
      () =>
        class RootController {
          @expose({ route: 'some-path' }) _route() {
            return 'Hello, World!';
          }
        },
      /_route cannot have a custom route/,
    );
  });

  it('test_custom_route_with_generic_controllers', async () => {
    class RootController {
      @expose({ route: 'some-path', generic: true }) foo() {
        return 'Hello, World!';
      }

      @when('foo', { method: 'POST' }) handle_post() {
        return 'POST!';
      }
    }
    const c = await client(makeApp(new RootController(), { logger: quiet }));
    let r = await c.get('/some-path/');
    expect(r.status).toBe(200);
    expect(r.text).toBe('Hello, World!');
    r = await c.get('/foo/');
    expect(r.status).toBe(404);
    r = await c.post('/some-path/');
    expect(r.status).toBe(200);
    expect(r.text).toBe('POST!');
    r = await c.post('/foo/');
    expect(r.status).toBe(404);
  });

  it('test_custom_route_prohibited_on_generic_controllers', () => {
    expectValueError(
      () =>
        class RootController {
          @expose({ generic: true }) foo() {
            return 'Hello, World!';
          }

          @when('foo', { method: 'POST', route: 'some-path' } as WhenOptions) handle_post() {
            return 'POST!';
          }
        },
      /route is not allowed on @when/,
    );
  });

  it('test_invalid_route_arguments', async () => {
    class C {
      secret() {
        return {};
      }
    }
    class Leaf {
      @expose() index() {
        return 'leaf';
      }

      @expose() dashed() {
        return 'dashed';
      }
    }

    expect(() => untypedRoute()).toThrow(TypeError);
    expect(() => untypedRoute('some-path', (x: unknown) => x)).toThrow(TypeError);
    expect(() => untypedRoute('some-path', C.prototype.secret)).toThrow(TypeError);
    expect(() => untypedRoute(C, {}, new C())).toThrow(TypeError);
    // The valid two-argument form, for contrast: it sets an exposed method's segment.
    expect(route('dashed-path', Leaf.prototype.dashed)).toBe(Leaf.prototype.dashed);

    const paths = [
      'VARIED-case-PATH',
      'this,custom,path',
      '123-path',
      'path(with-parens)',
      'path;with;semicolons',
      'path:with:colons',
      'v2.0',
      '~username',
      'somepath!',
      'four*four',
      'one+two',
      '@twitterhandle',
      'package=pecan',
    ];
    for (const path of paths) route(C, path, new Leaf());
    // Python only checks the attribute exists; here each segment must route to its child.
    const c = await client(makeApp(new C(), { logger: quiet }));
    for (const path of paths) {
      const r = await c.get(`/${path}/`);
      expect(r.status, path).toBe(200);
      expect(r.text, path).toBe('leaf');
    }
    expect((await c.get(`/${paths[0]}/dashed-path`)).text).toBe('dashed');
    expect((await c.get(`/${paths[0]}/dashed`)).status).toBe(404);

    const invalid = /is not a valid path segment/;
    expectValueError(() => route(C, '/path/', new C()), invalid);
    expectValueError(() => route(C, '.', new C()), invalid);
    expectValueError(() => route(C, '..', new C()), invalid);
    expectValueError(() => route(C, 'path?', new C()), invalid);
    expectValueError(() => route(C, 'percent%20encoded', new C()), invalid);
  });
});
