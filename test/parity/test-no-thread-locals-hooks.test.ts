/**
 * Port of Python Pecan's pecan/tests/test_no_thread_locals.py TestHooks: the hook order of
 * test_hooks.py TestHooks in explicit mode (`makeApp(root, { contextLocals: false })`, §7.2),
 * where controllers receive (req, res). Pecan's escaping IndexError is our opaque 500.
 */
import { expect, it } from 'vitest';
import { describeAdapters } from '../support/adapters.js';
import { quiet } from '../support/logger.js';
import { expose, HookController, makeApp, PecanHook, PecanResponse } from '../../src/index.js';
import { PecanRequest } from '../../src/core/request.js';
import { SimpleHook } from './fixtures/simple-hook.js';

type Req = PecanRequest;
type Res = PecanResponse;

/** The explicit-mode arguments really are the request and the response. */
function check(req: Req, res: Res): void {
  if (!(req instanceof PecanRequest) || !(res instanceof PecanResponse))
    throw new TypeError('not called with (req, res)');
}

const explicit = { contextLocals: false, logger: quiet };

describeAdapters('test_no_thread_locals.py TestHooks', ({ client }) => {
  it('test_basic_single_hook', async () => {
    const runHook: string[] = [];
    class RootController {
      @expose() index(req: Req, resp: Res) {
        check(req, resp);
        runHook.push('inside');
        return 'Hello, World!';
      }
    }
    const app = await client(
      makeApp(new RootController(), { ...explicit, hooks: [new SimpleHook(runHook)] }),
    );
    const response = await app.get('/');
    expect(response.status).toBe(200);
    expect(response.text).toBe('Hello, World!');
    expect(runHook).toEqual(['on_route', 'before', 'inside', 'after']);
  });

  it('test_basic_multi_hook', async () => {
    const runHook: string[] = [];
    class RootController {
      @expose() index(req: Req, resp: Res) {
        check(req, resp);
        runHook.push('inside');
        return 'Hello, World!';
      }
    }
    const hooks = [1, 2, 3].map((id) => new SimpleHook(runHook, String(id)));
    const app = await client(makeApp(new RootController(), { ...explicit, hooks }));
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
      @expose() index(req: Req, resp: Res) {
        check(req, resp);
        runHook.push('inside');
        return 'Hello World!';
      }
      @expose() causeerror(_req: Req, _resp: Res) {
        throw new RangeError('list index out of range'); // Python's [][1]
      }
    }
    class ErrorHook extends PecanHook {
      override onError() {
        runHook.push('error');
      }
    }
    class OnRouteHook extends PecanHook {
      override onRoute() {
        runHook.push('on_route');
      }
    }
    const app = await client(
      makeApp(new RootController(), { ...explicit, hooks: [new ErrorHook(), new OnRouteHook()] }),
    );
    let response = await app.get('/');
    expect(response.status).toBe(200);
    expect(response.text).toBe('Hello World!');
    expect(runHook).toEqual(['on_route', 'inside']);

    runHook = [];
    response = await app.get('/causeerror');
    expect(response.status).toBe(500);
    expect(runHook).toEqual(['on_route', 'error']);
  });

  it('test_on_error_response_hook', async () => {
    const runHook: string[] = [];
    class RootController {
      @expose() causeerror(_req: Req, _resp: Res) {
        throw new RangeError('list index out of range'); // Python's [][1]
      }
    }
    class ErrorHook extends PecanHook {
      override onError() {
        runHook.push('error');
        // Pecan's `webob.Response()`: a plain Fetch Response is accepted as well.
        return new Response('on_error');
      }
    }
    const app = await client(
      makeApp(new RootController(), { ...explicit, hooks: [new ErrorHook()] }),
    );
    const response = await app.get('/causeerror');
    expect(runHook).toEqual(['error']);
    expect(response.text).toBe('on_error');
  });

  it('test_prioritized_hooks', async () => {
    const runHook: string[] = [];
    class RootController {
      @expose() index(req: Req, resp: Res) {
        check(req, resp);
        runHook.push('inside');
        return 'Hello, World!';
      }
    }
    const hooks = [
      new SimpleHook(runHook, '1', 3),
      new SimpleHook(runHook, '2', 2),
      new SimpleHook(runHook, '3', 1),
    ];
    const app = await client(makeApp(new RootController(), { ...explicit, hooks }));
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
    const runHook: string[] = [];
    class SubSubController {
      @expose() index(req: Req, resp: Res) {
        check(req, resp);
        runHook.push('inside_sub_sub');
        return 'Deep inside here!';
      }
    }
    class SubController extends HookController {
      static override hooks = [new SimpleHook(runHook)];
      @expose() index(req: Req, resp: Res) {
        check(req, resp);
        runHook.push('inside_sub');
        return 'Inside here!';
      }
      sub = new SubSubController();
    }
    class RootController {
      @expose() index(req: Req, resp: Res) {
        check(req, resp);
        runHook.push('inside');
        return 'Hello, World!';
      }
      sub = new SubController();
    }
    const app = await client(makeApp(new RootController(), explicit));
    let response = await app.get('/');
    expect(response.status).toBe(200);
    expect(response.text).toBe('Hello, World!');
    expect(runHook.splice(0)).toEqual(['inside']);

    response = await app.get('/sub/');
    expect(response.status).toBe(200);
    expect(response.text).toBe('Inside here!');
    expect(runHook.splice(0)).toEqual(['before', 'inside_sub', 'after']);

    response = await app.get('/sub/sub/');
    expect(response.status).toBe(200);
    expect(response.text).toBe('Deep inside here!');
    expect(runHook).toEqual(['before', 'inside_sub_sub', 'after']);
  });

  it('test_isolated_hook_with_global_hook', async () => {
    const runHook: string[] = [];
    class SubController extends HookController {
      static override hooks = [new SimpleHook(runHook, '2')];
      @expose() index(req: Req, resp: Res) {
        check(req, resp);
        runHook.push('inside_sub');
        return 'Inside here!';
      }
    }
    class RootController {
      @expose() index(req: Req, resp: Res) {
        check(req, resp);
        runHook.push('inside');
        return 'Hello, World!';
      }
      sub = new SubController();
    }
    const app = await client(
      makeApp(new RootController(), { ...explicit, hooks: [new SimpleHook(runHook, '1')] }),
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
});
