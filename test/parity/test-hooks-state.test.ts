/**
 * Port of Python Pecan's pecan/tests/test_hooks.py TestStateAccess and
 * TestStateAccessWithoutThreadLocals: `state.controller` and `state.arguments` (§2.6) as a
 * `before` hook sees them. Python's `inspect.Arguments(args, varargs, keywords)` is our
 * `Arguments { args, varargs, kwargs }`; `state.controller` is the exposed function itself.
 */
import { expect, it } from 'vitest';
import { describeAdapters } from '../support/adapters.js';
import { expose, makeApp, PecanResponse, type Arguments } from '../../src/index.js';
import { PecanRequest } from '../../src/core/request.js';
import { ArgsHook } from './fixtures/args-hook.js';

/** Python's `isinstance(args, inspect.Arguments)`. */
function assertArguments(value: Arguments | null): asserts value is Arguments {
  expect(value).not.toBeNull();
  expect(Object.keys(value!).sort()).toEqual(['args', 'kwargs', 'varargs']);
}

function captured(hook: ArgsHook): [Function | null, Arguments] {
  expect(hook.args).not.toBeNull();
  const [controller, args] = hook.args!;
  assertArguments(args);
  return [controller, args];
}

describeAdapters('test_hooks.py TestStateAccess', ({ client }) => {
  class RootController {
    @expose() index() {
      return 'Hello, World!';
    }
    @expose() greet(name: string) {
      return `Hello, ${name}!`;
    }
    @expose() greetmore(...args: string[]) {
      return `Hello, ${args[0]}!`;
    }
    @expose() kwargs({ ...kw }: Record<string, string>) {
      return `Hello, ${kw.name}!`;
    }
    @expose() mixed(_first: string, _second: string, ..._args: string[]) {
      return 'Mixed';
    }
  }
  const setUp = async () => {
    const hook = new ArgsHook();
    const root = new RootController();
    return { hook, root, app: await client(makeApp(root, { hooks: [hook] })) };
  };

  it('test_no_args', async () => {
    const { hook, root, app } = await setUp();
    await app.get('/');
    const [controller, args] = captured(hook);
    expect(controller).toBe(root.index);
    expect(args.args).toEqual([]);
    expect(args.varargs).toEqual([]);
    expect(args.kwargs).toEqual({});
  });

  it('test_single_arg', async () => {
    const { hook, root, app } = await setUp();
    await app.get('/greet/joe');
    const [controller, args] = captured(hook);
    expect(controller).toBe(root.greet);
    expect(args.args).toEqual(['joe']);
    expect(args.varargs).toEqual([]);
    expect(args.kwargs).toEqual({});
  });

  it('test_single_vararg', async () => {
    const { hook, root, app } = await setUp();
    await app.get('/greetmore/joe');
    const [controller, args] = captured(hook);
    expect(controller).toBe(root.greetmore);
    expect(args.args).toEqual([]);
    expect(args.varargs).toEqual(['joe']);
    expect(args.kwargs).toEqual({});
  });

  it('test_single_kw', async () => {
    const { hook, root, app } = await setUp();
    await app.get('/kwargs/?name=joe');
    const [controller, args] = captured(hook);
    expect(controller).toBe(root.kwargs);
    expect(args.args).toEqual([]);
    expect(args.varargs).toEqual([]);
    expect(args.kwargs).toEqual({ name: 'joe' });
  });

  it('test_single_kw_post', async () => {
    const { hook, root, app } = await setUp();
    await app.post('/kwargs/', { form: { name: 'joe' } });
    const [controller, args] = captured(hook);
    expect(controller).toBe(root.kwargs);
    expect(args.args).toEqual([]);
    expect(args.varargs).toEqual([]);
    expect(args.kwargs).toEqual({ name: 'joe' });
  });

  it('test_mixed_args', async () => {
    const { hook, root, app } = await setUp();
    await app.get('/mixed/foo/bar/spam/eggs');
    const [controller, args] = captured(hook);
    expect(controller).toBe(root.mixed);
    expect(args.args).toEqual(['foo', 'bar']);
    expect(args.varargs).toEqual(['spam', 'eggs']);
  });
});

describeAdapters('test_hooks.py TestStateAccessWithoutThreadLocals', ({ client }) => {
  class RootController {
    @expose() index(_req: PecanRequest, _resp: PecanResponse) {
      return 'Hello, World!';
    }
    @expose() greet(_req: PecanRequest, _resp: PecanResponse, name: string) {
      return `Hello, ${name}!`;
    }
    @expose() greetmore(_req: PecanRequest, _resp: PecanResponse, ...args: string[]) {
      return `Hello, ${args[0]}!`;
    }
    @expose() kwargs(_req: PecanRequest, _resp: PecanResponse, { ...kw }: Record<string, string>) {
      return `Hello, ${kw.name}!`;
    }
    @expose() mixed(
      _req: PecanRequest,
      _resp: PecanResponse,
      _first: string,
      _second: string,
      ..._args: string[]
    ) {
      return 'Mixed';
    }
  }
  const setUp = async () => {
    const hook = new ArgsHook();
    const root = new RootController();
    const app = await client(makeApp(root, { hooks: [hook], contextLocals: false }));
    return { hook, root, app };
  };
  /** `args` starts with the request and the response (§2.6). */
  const expectExplicit = (args: Arguments, length: number) => {
    expect(args.args).toHaveLength(length);
    expect(args.args[0]).toBeInstanceOf(PecanRequest);
    expect(args.args[1]).toBeInstanceOf(PecanResponse);
  };

  it('test_no_args', async () => {
    const { hook, root, app } = await setUp();
    await app.get('/');
    const [controller, args] = captured(hook);
    expect(controller).toBe(root.index);
    expectExplicit(args, 2);
    expect(args.varargs).toEqual([]);
    expect(args.kwargs).toEqual({});
  });

  it('test_single_arg', async () => {
    const { hook, root, app } = await setUp();
    await app.get('/greet/joe');
    const [controller, args] = captured(hook);
    expect(controller).toBe(root.greet);
    expectExplicit(args, 3);
    expect(args.args[2]).toBe('joe');
    expect(args.varargs).toEqual([]);
    expect(args.kwargs).toEqual({});
  });

  it('test_single_vararg', async () => {
    const { hook, root, app } = await setUp();
    await app.get('/greetmore/joe');
    const [controller, args] = captured(hook);
    expect(controller).toBe(root.greetmore);
    expectExplicit(args, 2);
    expect(args.varargs).toEqual(['joe']);
    expect(args.kwargs).toEqual({});
  });

  it('test_single_kw', async () => {
    const { hook, root, app } = await setUp();
    await app.get('/kwargs/?name=joe');
    const [controller, args] = captured(hook);
    expect(controller).toBe(root.kwargs);
    expectExplicit(args, 2);
    expect(args.varargs).toEqual([]);
    expect(args.kwargs).toEqual({ name: 'joe' });
  });

  it('test_single_kw_post', async () => {
    const { hook, root, app } = await setUp();
    await app.post('/kwargs/', { form: { name: 'joe' } });
    const [controller, args] = captured(hook);
    expect(controller).toBe(root.kwargs);
    expectExplicit(args, 2);
    expect(args.varargs).toEqual([]);
    expect(args.kwargs).toEqual({ name: 'joe' });
  });

  it('test_mixed_args', async () => {
    const { hook, root, app } = await setUp();
    await app.get('/mixed/foo/bar/spam/eggs');
    const [controller, args] = captured(hook);
    expect(controller).toBe(root.mixed);
    expectExplicit(args, 4);
    expect(args.args.slice(2)).toEqual(['foo', 'bar']);
    expect(args.varargs).toEqual(['spam', 'eggs']);
  });
});
