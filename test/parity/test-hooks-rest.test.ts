/**
 * Port of Python Pecan's pecan/tests/test_hooks.py TestRestControllerStateAccess and
 * TestRestControllerWithHooks: `state.controller`/`state.arguments` for RestController verbs
 * (§2.6, §4), and controller hooks on a RestController. JavaScript has no multiple
 * inheritance: Pecan's `class Root(BaseController, HookController)` is a RestController
 * subclass declaring `static hooks` (§5.4).
 */
import { expect, it } from 'vitest';
import { describeAdapters } from '../support/adapters.js';
import { expose, makeApp, PecanHook, RestController, type State } from '../../src/index.js';
import { ArgsHook } from './fixtures/args-hook.js';

type Kw = Record<string, unknown>;

describeAdapters('test_hooks.py TestRestControllerStateAccess', ({ client }) => {
  // Python's `(self, _id, *args, **kw)`: JavaScript needs the rest parameter last, so the
  // kwargs pattern sits just before it.
  class RootController extends RestController {
    @expose() _default(_id: string, { ..._kw }: Kw, ..._args: string[]) {
      return 'Default';
    }
    @expose() getAll({ ..._kw }: Kw) {
      return 'All';
    }
    @expose() getOne(_id: string, { ..._kw }: Kw, ..._args: string[]) {
      return 'One';
    }
    @expose() post({ ..._kw }: Kw, ..._args: string[]) {
      return 'POST';
    }
    @expose() put(_id: string, { ..._kw }: Kw, ..._args: string[]) {
      return 'PUT';
    }
    @expose() delete(_id: string, { ..._kw }: Kw, ..._args: string[]) {
      return 'DELETE';
    }
  }

  const setUp = async () => {
    const hook = new ArgsHook();
    const root = new RootController();
    return { hook, root, app: await client(makeApp(root, { hooks: [hook] })) };
  };
  /** Python's `(self.args[0], self.args[1].args, .varargs, kwargs(...))`. */
  const seen = (hook: ArgsHook) => {
    expect(hook.args).not.toBeNull();
    const [controller, args] = hook.args!;
    expect(Object.keys(args ?? {}).sort()).toEqual(['args', 'kwargs', 'varargs']);
    return { controller, args: args!.args, varargs: args!.varargs, kwargs: args!.kwargs };
  };

  it('test_get_all', async () => {
    const { hook, root, app } = await setUp();
    await app.get('/');
    expect(seen(hook)).toEqual({ controller: root.getAll, args: [], varargs: [], kwargs: {} });
  });
  it('test_get_all_with_kwargs', async () => {
    const { hook, root, app } = await setUp();
    await app.get('/?foo=bar');
    expect(seen(hook)).toEqual({
      controller: root.getAll,
      args: [],
      varargs: [],
      kwargs: { foo: 'bar' },
    });
  });
  it('test_get_one', async () => {
    const { hook, root, app } = await setUp();
    await app.get('/1');
    expect(seen(hook)).toEqual({ controller: root.getOne, args: ['1'], varargs: [], kwargs: {} });
  });
  it('test_get_one_with_varargs', async () => {
    const { hook, root, app } = await setUp();
    await app.get('/1/2/3');
    expect(seen(hook)).toEqual({
      controller: root.getOne,
      args: ['1'],
      varargs: ['2', '3'],
      kwargs: {},
    });
  });
  it('test_get_one_with_kwargs', async () => {
    const { hook, root, app } = await setUp();
    await app.get('/1?foo=bar');
    expect(seen(hook)).toEqual({
      controller: root.getOne,
      args: ['1'],
      varargs: [],
      kwargs: { foo: 'bar' },
    });
  });
  it('test_post', async () => {
    const { hook, root, app } = await setUp();
    await app.post('/');
    expect(seen(hook)).toEqual({ controller: root.post, args: [], varargs: [], kwargs: {} });
  });
  it('test_post_with_varargs', async () => {
    const { hook, root, app } = await setUp();
    await app.post('/foo/bar');
    expect(seen(hook)).toEqual({
      controller: root.post,
      args: [],
      varargs: ['foo', 'bar'],
      kwargs: {},
    });
  });
  it('test_post_with_kwargs', async () => {
    const { hook, root, app } = await setUp();
    await app.post('/', { form: { foo: 'bar' } });
    expect(seen(hook)).toEqual({
      controller: root.post,
      args: [],
      varargs: [],
      kwargs: { foo: 'bar' },
    });
  });
  it('test_put', async () => {
    const { hook, root, app } = await setUp();
    await app.put('/1');
    expect(seen(hook)).toEqual({ controller: root.put, args: ['1'], varargs: [], kwargs: {} });
  });
  it('test_put_with_method_argument', async () => {
    const { hook, root, app } = await setUp();
    await app.post('/1?_method=put');
    expect(seen(hook)).toEqual({
      controller: root.put,
      args: ['1'],
      varargs: [],
      kwargs: { _method: 'put' },
    });
  });
  it('test_put_with_varargs', async () => {
    const { hook, root, app } = await setUp();
    await app.put('/1/2/3');
    expect(seen(hook)).toEqual({
      controller: root.put,
      args: ['1'],
      varargs: ['2', '3'],
      kwargs: {},
    });
  });
  it('test_put_with_kwargs', async () => {
    const { hook, root, app } = await setUp();
    await app.put('/1?foo=bar');
    expect(seen(hook)).toEqual({
      controller: root.put,
      args: ['1'],
      varargs: [],
      kwargs: { foo: 'bar' },
    });
  });
  it('test_delete', async () => {
    const { hook, root, app } = await setUp();
    await app.delete('/1');
    expect(seen(hook)).toEqual({ controller: root.delete, args: ['1'], varargs: [], kwargs: {} });
  });
  it('test_delete_with_method_argument', async () => {
    const { hook, root, app } = await setUp();
    await app.post('/1?_method=delete');
    expect(seen(hook)).toEqual({
      controller: root.delete,
      args: ['1'],
      varargs: [],
      kwargs: { _method: 'delete' },
    });
  });
  it('test_delete_with_varargs', async () => {
    const { hook, root, app } = await setUp();
    await app.delete('/1/2/3');
    expect(seen(hook)).toEqual({
      controller: root.delete,
      args: ['1'],
      varargs: ['2', '3'],
      kwargs: {},
    });
  });
  it('test_delete_with_kwargs', async () => {
    const { hook, root, app } = await setUp();
    await app.delete('/1?foo=bar');
    expect(seen(hook)).toEqual({
      controller: root.delete,
      args: ['1'],
      varargs: [],
      kwargs: { foo: 'bar' },
    });
  });
  it('test_post_with_invalid_method_kwarg', async () => {
    const { hook, root, app } = await setUp();
    await app.post('/1?_method=invalid');
    expect(seen(hook)).toEqual({
      controller: root._default,
      args: ['1'],
      varargs: [],
      kwargs: { _method: 'invalid' },
    });
  });
});

describeAdapters('test_hooks.py TestRestControllerWithHooks', ({ client }) => {
  it('test_restcontroller_with_hooks', async () => {
    class SomeHook extends PecanHook {
      override before(state: State) {
        state.response.headers.set('X-Testing', 'XYZ');
      }
    }
    class BaseController extends RestController {
      @expose() delete(id: string) {
        return `Deleting ${id}`;
      }
    }
    class RootController extends BaseController {
      static hooks = [new SomeHook()];
      @expose() getAll() {
        return 'Hello, World!';
      }
      static static() {
        return 'static';
      }
      get foo() {
        return 'bar';
      }
      testing123() {
        return 'bar';
      }
      unhashable = [1, 'two', 3];
    }
    const app = await client(makeApp(new RootController()));
    let response = await app.get('/');
    expect(response.status).toBe(200);
    expect(response.text).toBe('Hello, World!');
    expect(response.headers.get('X-Testing')).toBe('XYZ');

    response = await app.delete('/100/');
    expect(response.status).toBe(200);
    expect(response.text).toBe('Deleting 100');
    expect(response.headers.get('X-Testing')).toBe('XYZ');
  });
});
