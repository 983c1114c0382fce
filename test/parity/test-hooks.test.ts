/**
 * Port of Python Pecan's pecan/tests/test_hooks.py TestHooks: the order hooks run in (§5.3),
 * controller hooks (`HookController`, §5.4) and internal redirects. The other classes of
 * test_hooks.py are in test-hooks-state, test-hooks-transaction*, test-hooks-request-viewer.
 * Pecan's "the exception escapes the WSGI app" is our opaque 500 (docs/porting-from-pecan.md).
 */
import { expect, it } from 'vitest';
import { describeAdapters } from '../support/adapters.js';
import { quiet } from '../support/logger.js';
import {
  expose,
  HookController,
  makeApp,
  PecanHook,
  PecanResponse,
  redirect,
  type State,
} from '../../src/index.js';
import { SimpleHook } from './fixtures/simple-hook.js';

/** Python's `[][1]`: an IndexError. */
function indexError(): never {
  throw new RangeError('list index out of range');
}

describeAdapters('test_hooks.py TestHooks', ({ client }) => {
  it('test_basic_single_hook', async () => {
    const runHook: string[] = [];
    class RootController {
      @expose() index() {
        runHook.push('inside');
        return 'Hello, World!';
      }
    }
    const app = await client(makeApp(new RootController(), { hooks: [new SimpleHook(runHook)] }));
    const response = await app.get('/');
    expect(response.status).toBe(200);
    expect(response.text).toBe('Hello, World!');
    expect(runHook).toEqual(['on_route', 'before', 'inside', 'after']);
  });

  it('test_basic_multi_hook', async () => {
    const runHook: string[] = [];
    class RootController {
      @expose() index() {
        runHook.push('inside');
        return 'Hello, World!';
      }
    }
    const hooks = [1, 2, 3].map((id) => new SimpleHook(runHook, String(id)));
    const app = await client(makeApp(new RootController(), { hooks }));
    const response = await app.get('/');
    expect(response.status).toBe(200);
    expect(response.text).toBe('Hello, World!');
    expect(runHook).toEqual([
      'on_route1',
      'on_route2',
      'on_route3',
      'before1',
      'before2',
      'before3',
      'inside',
      'after3',
      'after2',
      'after1',
    ]);
  });

  it('test_partial_hooks', async () => {
    let runHook: string[] = [];
    class RootController {
      @expose() index() {
        runHook.push('inside');
        return 'Hello World!';
      }
      @expose() causeerror() {
        return indexError();
      }
    }
    class ErrorHook extends PecanHook {
      override onError(_state: State, _e: unknown) {
        runHook.push('error');
      }
    }
    class OnRouteHook extends PecanHook {
      override onRoute(_state: State) {
        runHook.push('on_route');
      }
    }
    const app = await client(
      makeApp(new RootController(), { hooks: [new ErrorHook(), new OnRouteHook()], logger: quiet }),
    );
    let response = await app.get('/');
    expect(response.status).toBe(200);
    expect(response.text).toBe('Hello World!');
    expect(runHook).toEqual(['on_route', 'inside']);

    runHook = [];
    // Pecan re-raises the IndexError out of the app: here it is an opaque 500.
    response = await app.get('/causeerror');
    expect(response.status).toBe(500);
    expect(runHook).toEqual(['on_route', 'error']);
  });

  it('test_on_error_response_hook', async () => {
    const runHook: string[] = [];
    class RootController {
      @expose() causeerror() {
        return indexError();
      }
    }
    class ErrorHook extends PecanHook {
      override onError(_state: State, _e: unknown) {
        runHook.push('error');
        return new PecanResponse('on_error');
      }
    }
    const app = await client(
      makeApp(new RootController(), { hooks: [new ErrorHook()], logger: quiet }),
    );
    const response = await app.get('/causeerror');
    expect(runHook).toEqual(['error']);
    expect(response.status).toBe(200);
    expect(response.text).toBe('on_error');
  });

  it('test_prioritized_hooks', async () => {
    const runHook: string[] = [];
    class RootController {
      @expose() index() {
        runHook.push('inside');
        return 'Hello, World!';
      }
    }
    const hooks = [
      new SimpleHook(runHook, '1', 3),
      new SimpleHook(runHook, '2', 2),
      new SimpleHook(runHook, '3', 1),
    ];
    const app = await client(makeApp(new RootController(), { hooks }));
    const response = await app.get('/');
    expect(response.status).toBe(200);
    expect(response.text).toBe('Hello, World!');
    expect(runHook).toEqual([
      'on_route3',
      'on_route2',
      'on_route1',
      'before3',
      'before2',
      'before1',
      'inside',
      'after1',
      'after2',
      'after3',
    ]);
  });

  it('test_basic_isolated_hook', async () => {
    let runHook: string[] = [];
    const record = (entry: string) => runHook.push(entry);
    class RecordingHook extends PecanHook {
      override onRoute() {
        record('on_route');
      }
      override before() {
        record('before');
      }
      override after() {
        record('after');
      }
      override onError() {
        record('error');
      }
    }
    class SubSubController {
      @expose() index() {
        record('inside_sub_sub');
        return 'Deep inside here!';
      }
    }
    class SubController extends HookController {
      static override hooks = [new RecordingHook()];
      @expose() index() {
        record('inside_sub');
        return 'Inside here!';
      }
      sub = new SubSubController();
    }
    class RootController {
      @expose() index() {
        record('inside');
        return 'Hello, World!';
      }
      sub = new SubController();
    }
    const app = await client(makeApp(new RootController()));
    let response = await app.get('/');
    expect(response.status).toBe(200);
    expect(response.text).toBe('Hello, World!');
    expect(runHook).toEqual(['inside']);

    runHook = [];
    response = await app.get('/sub/');
    expect(response.status).toBe(200);
    expect(response.text).toBe('Inside here!');
    expect(runHook).toEqual(['before', 'inside_sub', 'after']);

    runHook = [];
    response = await app.get('/sub/sub/');
    expect(response.status).toBe(200);
    expect(response.text).toBe('Deep inside here!');
    expect(runHook).toEqual(['before', 'inside_sub_sub', 'after']);
  });

  it('test_isolated_hook_with_global_hook', async () => {
    const runHook: string[] = [];
    class SubController extends HookController {
      static override hooks = [new SimpleHook(runHook, '2')];
      @expose() index() {
        runHook.push('inside_sub');
        return 'Inside here!';
      }
    }
    class RootController {
      @expose() index() {
        runHook.push('inside');
        return 'Hello, World!';
      }
      sub = new SubController();
    }
    const app = await client(
      makeApp(new RootController(), { hooks: [new SimpleHook(runHook, '1')] }),
    );
    let response = await app.get('/');
    expect(response.status).toBe(200);
    expect(response.text).toBe('Hello, World!');
    expect(runHook.splice(0)).toEqual(['on_route1', 'before1', 'inside', 'after1']);

    response = await app.get('/sub/');
    expect(response.status).toBe(200);
    expect(response.text).toBe('Inside here!');
    expect(runHook).toEqual(['on_route1', 'before2', 'before1', 'inside_sub', 'after1', 'after2']);
  });

  it('test_mixin_hooks', async () => {
    const runHook: string[] = [];
    class HelperHook extends PecanHook {
      override priority = 2;
      override before() {
        runHook.push('helper - before hook');
      }
    }
    // we'll use the same hook instance to avoid duplicate calls
    const helperHook = new HelperHook();
    class LastHook extends PecanHook {
      override priority = 200;
      override before() {
        runHook.push('last - before hook');
      }
    }
    class OneHook extends PecanHook {
      override priority = 1;
      override before() {
        runHook.push('simple - before hook');
      }
    }
    // Python's mixin bases (`class Sub(HookController, HelperMixin)`) as class-expression mixins.
    type Constructor = new (...args: any[]) => object;
    const HelperMixin = <T extends Constructor>(Base: T) =>
      class extends Base {
        static hooks = [helperHook];
      };
    const LastMixin = <T extends Constructor>(Base: T) =>
      class extends Base {
        static hooks = [new LastHook()];
      };
    class SubController extends HelperMixin(HookController) {
      static override hooks = [new LastHook()];
      @expose() index() {
        return 'This is sub controller!';
      }
    }
    class RootController extends LastMixin(HookController) {
      static override hooks = [new OneHook(), helperHook];
      @expose() index() {
        runHook.push('inside');
        return 'Hello, World!';
      }
      sub = new SubController();
    }
    const app = await client(makeApp(new RootController()));
    let response = await app.get('/');
    expect(response.status).toBe(200);
    expect(response.text).toBe('Hello, World!');
    expect(runHook.splice(0)).toEqual([
      'simple - before hook',
      'helper - before hook',
      'last - before hook',
      'inside',
    ]);

    response = await app.get('/sub/');
    expect(response.status).toBe(200);
    expect(response.text).toBe('This is sub controller!');
    // LastHook is invoked once again - for each different instance of the Hook in the two
    // Controllers
    expect(runHook).toEqual([
      'simple - before hook',
      'helper - before hook',
      'last - before hook',
      'last - before hook',
    ]);
  });

  it('test_internal_redirect_with_after_hook', async () => {
    const runHook: string[] = [];
    class RootController {
      @expose() internal() {
        redirect('/testing', { internal: true });
      }
      @expose() testing() {
        return 'it worked!';
      }
    }
    class AfterHook extends PecanHook {
      override after() {
        runHook.push('after');
      }
    }
    const app = await client(makeApp(new RootController(), { hooks: [new AfterHook()] }));
    const response = await app.get('/internal');
    expect(response.text).toBe('it worked!');
    expect(runHook).toEqual(['after']);
  });
});
