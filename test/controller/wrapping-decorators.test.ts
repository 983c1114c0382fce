/**
 * Issue 13: decorators that wrap an exposed method. The variants of upstream `test_util.py`
 * (no decorator, a decorator returning the method, a wrapper, several wrappers, a decorator with
 * arguments, a wrapper that does not say what it wraps) through both entry points. `wraps()` is
 * Python's `functools.wraps`: pecan reads the original's parameters through it.
 */
import { expect, it } from 'vitest';
import { describeAdapters } from '../support/adapters.js';
import { expose, makeApp, wraps } from '../../src/index.js';

type Method = (this: unknown, ...args: never[]) => unknown;

const seen: string[] = [];

/** `def dec(f): return f` */
function plain<F extends Method>(method: F, _context: ClassMethodDecoratorContext): F {
  return method;
}

/** `functools.wraps` */
function wrapped<F extends Method>(method: F, _context: ClassMethodDecoratorContext): F {
  return wraps(method, function (this: unknown, ...args: never[]) {
    seen.push(`wrapped ${method.name}`);
    return method.apply(this, args);
  }) as unknown as F;
}

/** A decorator with arguments: `@flag(true)` */
function flag(value: boolean) {
  return <F extends Method>(method: F, _context: ClassMethodDecoratorContext): F =>
    wraps(method, function (this: unknown, ...args: never[]) {
      seen.push(`flag ${value}`);
      return method.apply(this, args);
    }) as unknown as F;
}

/** `test_nested_cells`: a wrapper that does not say what it wraps. */
function unmarked<F extends Method>(method: F, _context: ClassMethodDecoratorContext): F {
  return function (this: unknown, ...args: never[]) {
    return method.apply(this, args);
  } as unknown as F;
}

const show = (...values: unknown[]) => JSON.stringify(values);

class Root {
  @expose() none(a: string, b: string, c = '1', ...args: string[]) {
    return show(a, b, c, args);
  }
  @expose() @plain simple(a: string, b: string, c = '1') {
    return show(a, b, c);
  }
  @expose() @wrapped wrapper(a: string, b: string, c: string) {
    return show(a, b, c);
  }
  @expose() @wrapped @wrapped @wrapped multiple(a: string, b = 'B') {
    return show(a, b);
  }
  @expose() @flag(true) withArgs(a: string, { ...kwargs }: Record<string, string>) {
    return show(a, kwargs);
  }
  // Above @expose: the wrapper is the endpoint, with the method's exposure and parameters.
  @wrapped @expose('json') above(a: string, b: string) {
    return { a, b };
  }
}

describeAdapters('wrapping decorators', ({ client }) => {
  it('binds by the method’s own names whatever wraps it', async () => {
    const c = await client(makeApp(new Root()));
    expect((await c.get('/none/x/y/z/w')).text).toBe(show('x', 'y', 'z', ['w']));
    expect((await c.get('/simple/x/y')).text).toBe(show('x', 'y', '1'));
    expect((await c.get('/wrapper/1/2/3')).text).toBe(show('1', '2', '3'));
    expect((await c.get('/wrapper?a=1&b=2&c=3')).text).toBe(show('1', '2', '3'));
    expect((await c.get('/multiple/x')).text).toBe(show('x', 'B'));
    expect((await c.get('/withArgs/x?k=v')).text).toBe(show('x', { k: 'v' }));
    expect((await c.get('/above/1?b=2')).json).toEqual({ a: '1', b: '2' });
  });

  it('answers 404 for too many segments and 400 for a missing argument, as unwrapped', async () => {
    const c = await client(makeApp(new Root()));
    expect((await c.get('/wrapper/1/2/3/4')).status).toBe(404);
    expect((await c.get('/wrapper/1/2')).status).toBe(400);
  });

  it('runs the wrappers, each once per request', async () => {
    const c = await client(makeApp(new Root()));
    seen.length = 0;
    await c.get('/multiple/x');
    await c.get('/withArgs/x');
    await c.get('/above/1/2');
    expect(seen).toEqual([
      'wrapped multiple',
      'wrapped multiple',
      'wrapped multiple',
      'flag true',
      'wrapped above',
    ]);
  });
});

it('refuses, at class definition, a wrapper below @expose that hides the parameters', () => {
  expect(() => {
    class Broken {
      @expose() @unmarked index(a: string, b: string, c: string) {
        return a + b + c;
      }
    }
    return Broken;
  }).toThrow(
    expect.objectContaining({
      code: 'PECAN_ERR_WRAPPED_METHOD',
      message: expect.stringMatching(/index: a decorator below @expose.*wraps\(method, wrapper\)/),
    }),
  );
});

it('refuses, when the first instance is made, a decorator above @expose that hides it', () => {
  class Hidden {
    @unmarked @expose() index() {
      return 'never routed';
    }
  }
  expect(() => new Hidden()).toThrow(
    expect.objectContaining({
      code: 'PECAN_ERR_WRAPPED_METHOD',
      message: expect.stringMatching(/Hidden\.index: a decorator above @expose/),
    }),
  );
  expect(() => makeApp(Hidden)).toThrow(/Hidden\.index/);
});

it('lets a subclass shadow an exposed method with a plain one, as in Pecan', () => {
  class Parent {
    @expose() index() {
      return 'parent';
    }
  }
  class Child extends Parent {
    override index() {
      return 'child';
    }
  }
  expect(() => new Child()).not.toThrow();
});
