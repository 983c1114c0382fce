/**
 * Port of Python Pecan's pecan/tests/test_generic.py: generic controllers (§3.5) dispatch on the
 * HTTP method through `@when` handlers (Pecan's `@index.when(method=…)`).
 */
import { describe, expect, it } from 'vitest';
import { describeAdapters } from '../support/adapters.js';
import { quiet } from '../support/logger.js';
import { abort, expose, makeApp, when } from '../../src/index.js';

describeAdapters('test_generic.py TestGeneric', ({ client }) => {
  it('test_simple_generic', async () => {
    class RootController {
      @expose({ generic: true }) index() {}

      @when('index', { method: 'POST', template: 'json' }) do_post() {
        return { result: 'POST' };
      }

      @when('index', { method: 'GET' }) do_get() {
        return 'GET';
      }
    }

    const c = await client(makeApp(new RootController(), { logger: quiet }));
    let r = await c.get('/');
    expect(r.status).toBe(200);
    expect(r.text).toBe('GET');

    r = await c.post('/');
    expect(r.status).toBe(200);
    expect(r.text).toBe(JSON.stringify({ result: 'POST' }));

    r = await c.get('/do_get');
    expect(r.status).toBe(404);
  });

  it('test_generic_allow_header', async () => {
    class RootController {
      @expose({ generic: true }) index() {
        abort(405);
      }

      @when('index', { method: 'POST', template: 'json' }) do_post() {
        return { result: 'POST' };
      }

      @when('index', { method: 'GET' }) do_get() {
        return 'GET';
      }

      @when('index', { method: 'PATCH' }) do_patch() {
        return 'PATCH';
      }
    }

    const c = await client(makeApp(new RootController(), { logger: quiet }));
    const r = await c.delete('/');
    expect(r.status).toBe(405);
    expect(r.headers.get('Allow')).toBe('GET, PATCH, POST');
  });

  it('test_nested_generic', async () => {
    class SubSubController {
      @expose({ generic: true }) index() {
        return 'GET';
      }

      @when('index', { method: 'DELETE', template: 'json' }) do_delete(
        name: string,
        ...args: string[]
      ) {
        return { result: name, args: args.join(', ') };
      }
    }

    class SubController {
      sub = new SubSubController();
    }

    class RootController {
      sub = new SubController();
    }

    const c = await client(makeApp(new RootController(), { logger: quiet }));
    let r = await c.get('/sub/sub/');
    expect(r.status).toBe(200);
    expect(r.text).toBe('GET');

    r = await c.delete('/sub/sub/joe/is/cool');
    expect(r.status).toBe(200);
    expect(r.text).toBe(JSON.stringify({ result: 'joe', args: 'is, cool' }));
  });
});

describe('test_generic.py TestGenericWithSpecialMethods', () => {
  // Pecan raises ValueError; an Error naming the rule here. Decorating in a class body throws
  // the same way, at class definition.
  it('test_generics_not_allowed', () => {
    const specials = [function _default() {}, function _lookup() {}, function _route() {}];
    for (const method of specials) {
      expect(() => expose({ generic: true })(method), method.name).toThrow(
        /cannot be a generic controller/,
      );
    }
  });
});
